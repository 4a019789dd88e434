/**
 * HMAC through WebCrypto (`crypto.subtle`), available in Node ≥ 20, browsers, Deno, Bun and
 * Workers. Signatures are checked with `subtle.verify`, which compares in constant time, so no
 * byte-by-byte `===` ever sees a candidate signature.
 */
import type { Bytes } from '../util/bytes.js';

export type HmacAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-512';

/**
 * One secret's key, imported into WebCrypto on first use per algorithm and reused after that: a
 * receiver makes its keys once, so a delivery costs the HMAC and not a key import as well.
 */
export interface HmacKey {
  cryptoKey(algorithm: HmacAlgorithm): Promise<CryptoKey>;
}

export function createHmacKey(bytes: Bytes): HmacKey {
  const imported = new Map<HmacAlgorithm, Promise<CryptoKey>>();
  return {
    cryptoKey(algorithm) {
      const cached = imported.get(algorithm);
      if (cached !== undefined) return cached;
      const key = importKey(algorithm, bytes);
      imported.set(algorithm, key);
      // A failed import (no WebCrypto here) is not remembered, so a later call tries again.
      key.catch(() => imported.delete(algorithm));
      return key;
    },
  };
}

function subtle(): SubtleCrypto {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (crypto?.subtle === undefined) throw new Error('webhook verification needs WebCrypto (globalThis.crypto.subtle)');
  return crypto.subtle;
}

async function importKey(algorithm: HmacAlgorithm, key: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', key, { name: 'HMAC', hash: algorithm }, false, ['sign', 'verify']);
}

export async function hmacSign(algorithm: HmacAlgorithm, key: HmacKey, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().sign('HMAC', await key.cryptoKey(algorithm), data));
}

/**
 * True when any candidate is the HMAC of `data` under any key. Every pair is checked (no early exit
 * per key), so timing says nothing about which secret or which signature matched.
 */
export async function hmacMatchesAny(
  algorithm: HmacAlgorithm,
  keys: readonly HmacKey[],
  data: Bytes,
  candidates: readonly Bytes[],
): Promise<boolean> {
  let matched = false;
  for (const key of keys) {
    const cryptoKey = await key.cryptoKey(algorithm);
    for (const candidate of candidates) {
      if (await subtle().verify('HMAC', cryptoKey, candidate, data)) matched = true;
    }
  }
  return matched;
}
