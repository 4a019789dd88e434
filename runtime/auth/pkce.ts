/**
 * Proof Key for Code Exchange (RFC 7636). Only S256 is produced: `plain` offers no protection when the
 * authorization request leaks (RFC 7636 §4.2, RFC 9700 §2.1.1 says S256 SHOULD be used).
 */
import { encodeBase64Url, encodeUtf8 } from './encoding.js';

/** RFC 7636 §4.1: the unreserved characters of RFC 3986 §2.3. */
export const CODE_VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
export const CODE_VERIFIER_MIN_LENGTH = 43;
export const CODE_VERIFIER_MAX_LENGTH = 128;

export function isValidCodeVerifier(verifier: string): boolean {
  return /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier);
}

/**
 * A fresh verifier of `length` characters drawn uniformly from the unreserved alphabet with
 * crypto.getRandomValues. Bytes ≥ 198 (3 × 66) are discarded so no character is favored.
 */
export function createCodeVerifier(length = 64): string {
  if (!Number.isInteger(length) || length < CODE_VERIFIER_MIN_LENGTH || length > CODE_VERIFIER_MAX_LENGTH) {
    throw new RangeError(
      `A PKCE code verifier has ${CODE_VERIFIER_MIN_LENGTH} to ${CODE_VERIFIER_MAX_LENGTH} characters (RFC 7636 §4.1)`,
    );
  }
  const limit = CODE_VERIFIER_ALPHABET.length * 3;
  let verifier = '';
  while (verifier.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte >= limit) continue;
      verifier += CODE_VERIFIER_ALPHABET[byte % CODE_VERIFIER_ALPHABET.length] ?? '';
      if (verifier.length === length) break;
    }
  }
  return verifier;
}

/** `BASE64URL(SHA256(ASCII(code_verifier)))`, RFC 7636 §4.2. */
export async function createCodeChallenge(verifier: string): Promise<string> {
  if (!isValidCodeVerifier(verifier)) {
    throw new RangeError('Invalid PKCE code verifier: 43–128 characters from A–Z a–z 0–9 - . _ ~ (RFC 7636 §4.1)');
  }
  const digest = await crypto.subtle.digest('SHA-256', encodeUtf8(verifier));
  return encodeBase64Url(new Uint8Array(digest));
}

/** An unguessable `state` value (RFC 6749 §10.12): 32 random bytes, base64url. */
export function createState(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}
