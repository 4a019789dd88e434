/**
 * `authenticator.oauth`: the two steps of the authorization code flow that need the app (send the
 * user to the server, take the code back). Tokens obtained are stored and used by later calls.
 */
import type { AuthorizationRequest, CodeExchange } from './oauth2-authorization-code.js';
import type { AuthorizationUrlOptions, OAuthSession } from './oauth2-session.js';
import { UnsupportedAuthFlowError } from './errors.js';
import type { TokenSet } from './token-store.js';

/** Which scheme to use; required only when the API declares more than one oauth2/openIdConnect scheme. */
export interface SchemeChoice {
  readonly scheme?: string;
}

export interface OAuthController {
  /** Builds the authorization URL with PKCE (S256) and `state`; keep `state` and `codeVerifier` for exchangeCode. */
  createAuthorizationUrl(options: AuthorizationUrlOptions & SchemeChoice): Promise<AuthorizationRequest>;
  /** Checks `state`, redeems the code with the verifier, stores the tokens and returns them. */
  exchangeCode(exchange: CodeExchange & SchemeChoice): Promise<TokenSet>;
}

export function createOAuthController(
  schemeNames: readonly string[],
  sessionFor: (schemeName: string) => OAuthSession | undefined,
): OAuthController {
  const pick = (choice: SchemeChoice): OAuthSession => {
    const candidates = choice.scheme !== undefined ? [choice.scheme] : schemeNames;
    const sessions = candidates.map(sessionFor).filter((session): session is OAuthSession => session !== undefined);
    const withCode = sessions.filter(
      (session) => session.scheme.type === 'openIdConnect' || session.scheme.flows.authorizationCode !== undefined,
    );
    const chosen = withCode.length === 1 ? withCode[0] : sessions.length === 1 ? sessions[0] : undefined;
    if (chosen) return chosen;
    throw new UnsupportedAuthFlowError(
      sessions.length === 0
        ? `No oauth2 or openIdConnect security scheme${choice.scheme !== undefined ? ` named "${choice.scheme}"` : ''} is declared`
        : `Several oauth2/openIdConnect schemes are declared (${sessions.map((s) => s.schemeName).join(', ')}); pass { scheme }`,
    );
  };
  return {
    // async: a bad choice or option rejects the promise rather than throwing synchronously
    createAuthorizationUrl: async (options) => pick(options).createAuthorizationUrl(options),
    exchangeCode: async (exchange) => pick(exchange).exchangeCode(exchange),
  };
}
