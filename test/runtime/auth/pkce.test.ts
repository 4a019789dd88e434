/** PKCE (RFC 7636): the Appendix B vector, verifier alphabet and length, S256 only, state. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CODE_VERIFIER_ALPHABET,
  createCodeChallenge,
  createCodeVerifier,
  createState,
  isValidCodeVerifier,
} from '../../../runtime/auth/pkce.js';
import { buildAuthorizationRequest } from '../../../runtime/auth/oauth2-authorization-code.js';

describe('PKCE', () => {
  it('matches the RFC 7636 Appendix B S256 test vector', async () => {
    // The RFC's value (also what node:crypto computes); "…buVG8zn9M-c" quoted elsewhere is a typo.
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(await createCodeChallenge(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(await createCodeChallenge(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('creates verifiers of 43–128 characters from the unreserved alphabet only', () => {
    expect(CODE_VERIFIER_ALPHABET).toHaveLength(66);
    for (const length of [43, 64, 128]) {
      const verifier = createCodeVerifier(length);
      expect(verifier).toHaveLength(length);
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]+$/);
      expect(isValidCodeVerifier(verifier)).toBe(true);
    }
    expect(() => createCodeVerifier(42)).toThrow(RangeError);
    expect(() => createCodeVerifier(129)).toThrow(RangeError);
  });

  it('uses the whole alphabet and does not repeat verifiers', () => {
    const seen = new Set<string>();
    let all = '';
    for (let i = 0; i < 200; i++) {
      const verifier = createCodeVerifier(128);
      seen.add(verifier);
      all += verifier;
    }
    expect(seen.size).toBe(200);
    expect(new Set(all).size).toBe(66);
  });

  it('refuses to hash an invalid verifier', async () => {
    await expect(createCodeChallenge('too-short')).rejects.toThrow(RangeError);
    await expect(createCodeChallenge('a'.repeat(42) + ' ')).rejects.toThrow(RangeError);
  });

  it('never produces the plain method: the challenge is the S256 of the verifier', async () => {
    const request = await buildAuthorizationRequest(new URL('https://as.example/authorize?tenant=t1'), {
      clientId: 'app',
      redirectUri: 'https://app.example/cb',
      scopes: ['read', 'write'],
    });
    const url = new URL(request.url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(await createCodeChallenge(request.codeVerifier));
    expect(url.searchParams.get('code_challenge')).not.toBe(request.codeVerifier);
    expect(url.searchParams.get('tenant')).toBe('t1');
    expect(url.searchParams.get('scope')).toBe('read write');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('state')).toBe(request.state);
  });

  it('creates unguessable, distinct state values', () => {
    const a = createState();
    const b = createState();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });
});
