/** jwt-claims (unverified exp) and verifyJwt (jose, optional peer). */
import { inspect } from 'node:util';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwtVerificationError, MissingDependencyError } from '../../../runtime/auth/errors.js';
import { decodeJwtPayload, readJwtExpiry } from '../../../runtime/auth/jwt-claims.js';
import { importOptionalJose, verifyJwt, type VerifyJwtOptions } from '../../../runtime/auth/jwt-verify.js';
import { sendJson, startLoopback, type Loopback } from './support/harness.js';

const NOW = 1_750_000_000; // seconds
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'pets-api';

let keys: Awaited<ReturnType<typeof generateKeyPair>>;
let jwks: Loopback;
let jwksRequests = 0;

beforeAll(async () => {
  keys = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  jwks = await startLoopback((_, res) => {
    jwksRequests += 1;
    sendJson(res, 200, { keys: [publicJwk] });
  });
});
afterAll(() => jwks.close());

function sign(claims: Record<string, unknown>, omit: readonly string[] = []): Promise<string> {
  const payload = { iss: ISSUER, aud: AUDIENCE, sub: 'u1', iat: NOW - 10, exp: NOW + 300, ...claims };
  for (const claim of omit) delete payload[claim as keyof typeof payload];
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(keys.privateKey);
}

const base = (): VerifyJwtOptions => ({
  jwksUrl: `${jwks.url}/jwks.json`,
  issuer: ISSUER,
  audience: AUDIENCE,
  now: () => NOW * 1000,
});

async function reasonOf(token: string, options: VerifyJwtOptions): Promise<string> {
  const error = await verifyJwt(token, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JwtVerificationError);
  expect((error as Error).message).not.toContain(token);
  expect(inspect(error, { depth: 10 })).not.toContain(token);
  return (error as JwtVerificationError).reason;
}

describe('jwt-claims', () => {
  it('reads exp (ms) without verifying, and tolerates opaque tokens', async () => {
    const token = await sign({});
    expect(decodeJwtPayload(token)).toMatchObject({ sub: 'u1', exp: NOW + 300 });
    expect(readJwtExpiry(token)).toBe((NOW + 300) * 1000);
    expect(readJwtExpiry('opaque-token')).toBeUndefined();
    expect(readJwtExpiry('a.%%%.c')).toBeUndefined();
    expect(readJwtExpiry(`x.${Buffer.from('{"exp":"soon"}').toString('base64url')}.y`)).toBeUndefined();
  });
});

describe('verifyJwt', () => {
  it('accepts a valid token from a JWKS URL (fetched once), a CryptoKey, a JWK and an HMAC secret', async () => {
    const token = await sign({});
    expect((await verifyJwt(token, base())).payload).toMatchObject({ sub: 'u1' });
    expect((await verifyJwt(token, base())).header).toMatchObject({ alg: 'ES256', kid: 'k1' });
    expect(jwksRequests).toBe(1);
    const { jwksUrl: _, ...rest } = base();
    await expect(verifyJwt(token, { ...rest, key: keys.publicKey })).resolves.toBeDefined();
    await expect(verifyJwt(token, { ...rest, key: await exportJWK(keys.publicKey) })).resolves.toBeDefined();
    const secret = new TextEncoder().encode('an-hmac-secret-of-at-least-32-bytes!!');
    const hmac = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, exp: NOW + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(secret);
    await expect(verifyJwt(hmac, { ...rest, key: secret })).resolves.toBeDefined();
  });

  it('requires exp', async () => {
    expect(await reasonOf(await sign({}, ['exp']), base())).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('rejects expired tokens, except within the leeway', async () => {
    const token = await sign({ exp: NOW - 20 });
    expect(await reasonOf(token, base())).toBe('ERR_JWT_EXPIRED');
    await expect(verifyJwt(token, { ...base(), leewaySec: 30 })).resolves.toBeDefined();
  });

  it('rejects nbf and iat in the future, except within the leeway', async () => {
    const notYet = await sign({ nbf: NOW + 20 });
    expect(await reasonOf(notYet, base())).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    await expect(verifyJwt(notYet, { ...base(), leewaySec: 30 })).resolves.toBeDefined();
    const issuedLater = await sign({ iat: NOW + 20 });
    expect(await reasonOf(issuedLater, base())).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    await expect(verifyJwt(issuedLater, { ...base(), leewaySec: 30 })).resolves.toBeDefined();
  });

  it('checks iss and aud', async () => {
    expect(await reasonOf(await sign({ iss: 'https://evil.example' }), base())).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(await reasonOf(await sign({ aud: 'another-api' }), base())).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('rejects a bad signature', async () => {
    const token = await sign({});
    const [header, payload] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwtPayload(token), sub: 'admin' })).toString('base64url')}.${token.split('.')[2]}`;
    expect(payload).toBeDefined();
    expect(await reasonOf(forged, base())).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('rejects alg "none", even when the caller lists it', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, exp: NOW + 60 })).toString('base64url')}.`;
    expect(await reasonOf(unsigned, base())).toBe('ALG_NONE');
    expect(await reasonOf(await sign({}), { ...base(), algorithms: ['ES256', 'none'] })).toBe('ALG_NONE');
    const noneUpper = unsigned.replace(
      Buffer.from('{"alg":"none"}').toString('base64url'),
      Buffer.from('{"alg":"NONE"}').toString('base64url'),
    );
    expect(await reasonOf(noneUpper, base())).toBe('ALG_NONE');
  });

  it('uses an injected jose module', async () => {
    let calls = 0;
    const injected = {
      ...jose,
      jwtVerify: (...args: Parameters<typeof jose.jwtVerify>) => ((calls += 1), jose.jwtVerify(...args)),
    };
    await verifyJwt(await sign({}), { ...base(), jose: injected });
    expect(calls).toBe(1);
  });

  it('explains how to install jose when it is missing', async () => {
    const error = await importOptionalJose('jose-that-is-not-installed').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingDependencyError);
    expect((error as Error).message).toMatch(/npm install jose/);
    expect((error as MissingDependencyError).code).toBe('MISSING_DEPENDENCY');
    await expect(importOptionalJose()).resolves.toHaveProperty('jwtVerify');
  });
});
