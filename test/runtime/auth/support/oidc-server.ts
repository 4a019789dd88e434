/**
 * A real authorization server (oidc-provider 9, dev interactions) on 127.0.0.1 with an OS-picked
 * port, plus a resource server that accepts a bearer token only when the provider's introspection
 * endpoint says it is active and carries the required scope.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authenticator, TokenSet } from '../../../../runtime/auth/index.js';
import { sendJson, startLoopback, type Loopback } from './harness.js';

export const REDIRECT_URI = 'http://127.0.0.1:9/callback';
export const SECRETS = {
  service: 'svc-secret-Zq81-do-not-leak',
  servicePost: 'svc-post-secret-Kx2-do-not-leak',
  webapp: 'webapp-secret-Pp9-do-not-leak',
  resourceServer: 'rs-secret-Mm4-do-not-leak',
} as const;

interface ProviderInstance {
  callback(): (req: unknown, res: unknown) => void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

// oidc-provider prints development-mode notices through console.info/warn; they are expected here.
function silenceProviderNotices(): void {
  for (const method of ['info', 'warn'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider ')) return;
      original(...args);
    };
  }
}

let providerClass: Promise<ProviderConstructor> | undefined;
function loadProvider(): Promise<ProviderConstructor> {
  if (!providerClass) {
    silenceProviderNotices();
    const specifier = 'oidc-provider'; // untyped package: imported by name, typed locally
    providerClass = import(specifier).then((mod: unknown) => (mod as { default: ProviderConstructor }).default);
  }
  return providerClass;
}

export interface OidcServer {
  readonly issuer: string;
  readonly discoveryUrl: string;
  /** POST /token requests that reached the server (including failed ones). */
  tokenRequests: number;
  /** GET of the discovery document. */
  discoveryRequests: number;
  /** While true, POST /token answers 503 temporarily_unavailable without reaching the provider. */
  failTokenRequests: boolean;
  introspect(token: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startOidcServer(options: { accessTokenTtlSec?: number } = {}): Promise<OidcServer> {
  const Provider = await loadProvider();
  const app: { callback?: (req: unknown, res: unknown) => void } = {};
  const state = { tokenRequests: 0, discoveryRequests: 0, failTokenRequests: false };
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/token') {
      state.tokenRequests += 1;
      if (state.failTokenRequests) {
        sendJson(res, 503, { error: 'temporarily_unavailable', error_description: 'maintenance' });
        return;
      }
    }
    if (req.url === '/.well-known/openid-configuration') state.discoveryRequests += 1;
    app.callback?.(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ttl = options.accessTokenTtlSec ?? 300;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'service',
        client_secret: SECRETS.service,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        scope: 'pets:read pets:write',
      },
      {
        client_id: 'service-post',
        client_secret: SECRETS.servicePost,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'webapp',
        client_secret: SECRETS.webapp,
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: [REDIRECT_URI],
        response_types: ['code'],
      },
      {
        client_id: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: [REDIRECT_URI],
        response_types: ['code'],
      },
      {
        client_id: 'resource-server',
        client_secret: SECRETS.resourceServer,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
    ],
    features: {
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      devInteractions: { enabled: true },
    },
    scopes: ['openid', 'offline_access', 'pets:read', 'pets:write'],
    pkce: { required: () => true },
    rotateRefreshToken: () => true,
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(grant: string): boolean }, code: { scopes: Set<string> }) =>
      Promise.resolve(client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access')),
    findAccount: (_ctx: unknown, sub: string) => Promise.resolve({ accountId: sub, claims: () => Promise.resolve({ sub }) }),
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      AuthorizationCode: 60,
      RefreshToken: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  });
  app.callback = provider.callback();

  const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const form = (body: Record<string, string>, id: string, secret: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(id, secret) },
    body: new URLSearchParams(body).toString(),
  });

  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    get tokenRequests() {
      return state.tokenRequests;
    },
    get discoveryRequests() {
      return state.discoveryRequests;
    },
    get failTokenRequests() {
      return state.failTokenRequests;
    },
    set failTokenRequests(value: boolean) {
      state.failTokenRequests = value;
    },
    async introspect(token) {
      const response = await fetch(`${issuer}/token/introspection`, form({ token }, 'resource-server', SECRETS.resourceServer));
      return (await response.json()) as Record<string, unknown>;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface ResourceServer extends Loopback {
  requests: number;
  /** Tokens answered with 401 even while active (as if the API had revoked them). */
  readonly rejected: Set<string>;
}

/** GET /scope/<scope> answers 200 {sub, client_id, scope} when the bearer token is active and has <scope>; else 401. */
export async function startResourceServer(oidc: OidcServer): Promise<ResourceServer> {
  let requests = 0;
  const rejected = new Set<string>();
  const loopback = await startLoopback(async (req, res) => {
    requests += 1;
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const required = decodeURIComponent((req.url ?? '').replace(/^\/scope\/?/, ''));
    const token = match?.[1];
    const info = token && !rejected.has(token) ? await oidc.introspect(token) : { active: false };
    const scopes = typeof info['scope'] === 'string' ? info['scope'].split(' ') : [];
    if (info['active'] !== true || (required !== '' && !scopes.includes(required))) {
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' });
      res.end();
      return;
    }
    sendJson(res, 200, { sub: info['sub'] ?? null, client_id: info['client_id'], scope: info['scope'] ?? '' });
  });
  return {
    url: loopback.url,
    close: () => loopback.close(),
    rejected,
    get requests() {
      return requests;
    },
  };
}

/**
 * Plays the user in a browser: follows the authorization request's redirects with a cookie jar,
 * submits the dev-interaction login and consent forms, and returns the final redirect to the client.
 */
export async function authorizeInBrowser(authorizationUrl: string, login = 'alice'): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (response: Response): void => {
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookies = (): string => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: cookies() } });
    keep(response);
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location') ?? '', url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next.href;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected interaction page (HTTP ${response.status})`);
    const submit = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookies(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt, login, password: 'irrelevant-in-dev-mode' }).toString(),
    });
    keep(submit);
    url = new URL(submit.headers.get('location') ?? '', url).href;
  }
  throw new Error('authorization did not reach the redirect URI in 12 steps');
}

/** The whole authorization code flow for `auth`'s only oauth scheme, with offline_access so a refresh token is issued. */
export async function loginWithAuthorizationCode(auth: Authenticator, login: string): Promise<TokenSet> {
  const request = await auth.oauth.createAuthorizationUrl({
    redirectUri: REDIRECT_URI,
    scopes: ['openid', 'offline_access'],
    extraParams: { prompt: 'consent' },
  });
  const callback = await authorizeInBrowser(request.url, login);
  return auth.oauth.exchangeCode({
    code: callback.searchParams.get('code') ?? '',
    state: callback.searchParams.get('state') ?? '',
    expectedState: request.state,
    codeVerifier: request.codeVerifier,
    redirectUri: REDIRECT_URI,
  });
}
