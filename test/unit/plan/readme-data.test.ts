import { describe, expect, it } from 'vitest';
import type { PlannedScheme } from '../../../src/plan/plan-types.js';
import { environmentVariables } from '../../../src/plan/readme-data.js';

const planned = (scheme: PlannedScheme['scheme'], env = 'SHOP'): PlannedScheme => ({ name: 'x', scheme, option: 'x', env });

describe('README environment variables: every one the runtime reads', () => {
  it.each<[string, PlannedScheme['scheme'], string[]]>([
    ['apiKey', { type: 'apiKey', in: 'header', name: 'X-Key' }, ['SHOP']],
    ['basic', { type: 'http', scheme: 'basic' }, ['SHOP_USERNAME', 'SHOP_PASSWORD']],
    ['bearer (and its _TOKEN fallback)', { type: 'http', scheme: 'bearer' }, ['SHOP', 'SHOP_TOKEN']],
    [
      'oauth2 client credentials: client, access and refresh tokens',
      { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a/token', scopes: [] } } },
      ['SHOP_CLIENT_ID', 'SHOP_CLIENT_SECRET', 'SHOP_ACCESS_TOKEN', 'SHOP_REFRESH_TOKEN'],
    ],
    [
      'oauth2 password flow adds user name and password',
      { type: 'oauth2', flows: { password: { tokenUrl: 'https://a/token', scopes: [] } } },
      ['SHOP_CLIENT_ID', 'SHOP_CLIENT_SECRET', 'SHOP_ACCESS_TOKEN', 'SHOP_REFRESH_TOKEN', 'SHOP_USERNAME', 'SHOP_PASSWORD'],
    ],
    [
      'openIdConnect',
      { type: 'openIdConnect', openIdConnectUrl: 'https://a/.well-known/openid-configuration' },
      ['SHOP_CLIENT_ID', 'SHOP_CLIENT_SECRET', 'SHOP_ACCESS_TOKEN', 'SHOP_REFRESH_TOKEN'],
    ],
  ])('%s', (_, scheme, names) => {
    expect(environmentVariables(planned(scheme)).map((v) => v.name)).toEqual(names);
  });
});
