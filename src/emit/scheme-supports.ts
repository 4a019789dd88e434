/**
 * Which of the runtime's scheme kinds (runtime/auth/schemes.ts, oauth2-scheme.ts,
 * openid-connect-scheme.ts) generated code imports: each endpoint function brings the kinds its
 * operation's security requirements use, the core client only what `client.oauth` needs, the
 * facade every kind its spec declares.
 */
import type { ClientPlan, PlannedOperation, PlannedScheme } from '../plan/plan-types.js';

const supportNames: Record<PlannedScheme['scheme']['type'], string> = {
  apiKey: 'apiKeyScheme',
  http: 'httpScheme',
  oauth2: 'oauthScheme',
  openIdConnect: 'openIdConnectScheme',
  mutualTLS: 'mutualTlsScheme',
};

function namesFor(schemes: readonly PlannedScheme[]): string[] {
  return [...new Set(schemes.map((s) => supportNames[s.scheme.type]))].sort();
}

/** Every kind the spec declares (the facade binds every operation). */
export function allSchemeSupports(plan: ClientPlan): string[] {
  return namesFor(plan.schemes);
}

/**
 * What the core client needs for itself: OAuth when `client.oauth` has app-driven steps to offer
 * (an authorization code flow, or OpenID Connect); the operations bring the rest.
 */
export function coreSchemeSupports(plan: ClientPlan): string[] {
  return namesFor(
    plan.schemes.filter(
      (s) => s.scheme.type === 'openIdConnect' || (s.scheme.type === 'oauth2' && s.scheme.flows.authorizationCode !== undefined),
    ),
  );
}

/** The kinds the operation's requirements (its own, else the document's) use; `[]` without authentication. */
export function operationSchemeSupports(plan: ClientPlan, planned: PlannedOperation): string[] {
  const requirements = planned.operation.security ?? plan.document.security;
  const names = new Set(requirements.flatMap((requirement) => Object.keys(requirement)));
  return namesFor(plan.schemes.filter((s) => names.has(s.name)));
}
