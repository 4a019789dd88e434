/**
 * A client GENERATED from a spec whose oauth2 scheme points at a real authorization server
 * (oidc-provider on 127.0.0.1) calls a protected resource server that checks each token through the
 * provider's introspection: client credentials from the `auth` option and from the environment
 * variables the generated README names, scopes taken from each operation's requirement.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import {
  SECRETS,
  startOidcServer,
  startResourceServer,
  type OidcServer,
  type ResourceServer,
} from '../runtime/auth/support/oidc-server.js';
import { generatedDir } from '../support/paths.js';

type Call = (params?: object) => PromiseLike<unknown>;
interface PetsModule {
  createClient(options?: object): { readPets: Call; writePets: Call };
}

let oidc: OidcServer;
let resource: ResourceServer;
let mod: PetsModule;
let readme: string;

beforeAll(async () => {
  oidc = await startOidcServer();
  resource = await startResourceServer(oidc);
  const specDir = generatedDir('e2e', 'oauth-spec');
  const spec = path.join(specDir, 'openapi.json');
  const requirement = (scope: string) => [{ petsOauth: [scope] }];
  const op = (id: string, scope: string) => ({
    get: {
      operationId: id,
      security: requirement(scope),
      responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  });
  writeFileSync(
    spec,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Pets OAuth', version: '1.0.0' },
      servers: [{ url: resource.url }],
      paths: { '/scope/pets:read': op('readPets', 'pets:read'), '/scope/pets:write': op('writePets', 'pets:write') },
      components: {
        securitySchemes: {
          petsOauth: {
            type: 'oauth2',
            flows: {
              clientCredentials: { tokenUrl: `${oidc.issuer}/token`, scopes: { 'pets:read': 'Read', 'pets:write': 'Write' } },
            },
          },
        },
      },
    }),
  );
  const out = generatedDir('e2e', 'oauth');
  await generate({ spec, out });
  readme = readFileSync(path.join(out, 'README.md'), 'utf8');
  const entry = './__generated__/oauth/index.js';
  mod = (await import(/* @vite-ignore */ entry)) as PetsModule;
}, 60_000);

afterAll(async () => {
  await resource.close();
  await oidc.close();
});

describe('generated client with OAuth 2.0 client credentials', () => {
  it('gets a token for the operation’s scope, reuses it, and asks again for another scope', async () => {
    const before = oidc.tokenRequests;
    const client = mod.createClient({
      auth: { petsOauth: { clientId: 'service', clientSecret: SECRETS.service } },
      retry: false,
    });
    expect(await client.readPets()).toMatchObject({ client_id: 'service', scope: 'pets:read' });
    expect(await client.readPets()).toMatchObject({ client_id: 'service', scope: 'pets:read' });
    expect(oidc.tokenRequests - before).toBe(1);
    expect(await client.writePets()).toMatchObject({ client_id: 'service', scope: 'pets:write' });
    expect(oidc.tokenRequests - before).toBe(2);
  });

  it('reads the client id and secret from the environment variables its README lists', async () => {
    expect(readme).toContain('PETS_OAUTH_CLIENT_ID');
    expect(readme).toContain('PETS_OAUTH_CLIENT_SECRET');
    process.env['PETS_OAUTH_CLIENT_ID'] = 'service';
    process.env['PETS_OAUTH_CLIENT_SECRET'] = SECRETS.service;
    try {
      const client = mod.createClient({ retry: false });
      expect(await client.readPets()).toMatchObject({ client_id: 'service' });
    } finally {
      delete process.env['PETS_OAUTH_CLIENT_ID'];
      delete process.env['PETS_OAUTH_CLIENT_SECRET'];
    }
  });

  it('fails the call (not createClient) when no credential is configured, naming the variable to set', async () => {
    const client = mod.createClient({ retry: false });
    const error = await Promise.resolve(client.readPets()).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('MissingCredentialError');
    expect(error?.message).toContain('PETS_OAUTH_CLIENT_ID');
  });
});
