/**
 * How shared values are written to Redis: response-cache entries as JSON with a base64 body, and
 * OAuth token sets as JSON, sealed with AES-GCM when the store has a key (WebCrypto: no dependency).
 * Decoders return undefined for anything malformed, so a corrupted or foreign value is a miss.
 */
import type { CacheEntry } from '../cache/store.js';
import type { TokenSet } from '../auth/token-store.js';

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const isPair = (v: unknown): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
const isVary = (v: unknown): v is [string, string | null] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && (typeof v[1] === 'string' || v[1] === null);

export function encodeCacheEntry(entry: CacheEntry): string {
  return JSON.stringify({ ...entry, body: bytesToBase64(entry.body) });
}

export function decodeCacheEntry(text: string): CacheEntry | undefined {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const numbers = ['status', 'storedAt', 'initialAgeMs', 'lifetimeMs'] as const;
    if (!numbers.every((k) => typeof v[k] === 'number')) return undefined;
    const { headers, vary, body, url, statusText } = v;
    if (!Array.isArray(headers) || !headers.every(isPair)) return undefined;
    if (!Array.isArray(vary) || !vary.every(isVary)) return undefined;
    if (typeof body !== 'string' || typeof url !== 'string' || typeof statusText !== 'string') return undefined;
    return {
      status: v['status'] as number,
      statusText,
      headers,
      body: base64ToBytes(body),
      url,
      storedAt: v['storedAt'] as number,
      initialAgeMs: v['initialAgeMs'] as number,
      lifetimeMs: v['lifetimeMs'] as number,
      alwaysRevalidate: v['alwaysRevalidate'] === true,
      vary,
    };
  } catch {
    return undefined;
  }
}

function readTokenSet(value: unknown): TokenSet | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v['accessToken'] !== 'string' || typeof v['tokenType'] !== 'string') return undefined;
  const optional = (key: string, type: 'string' | 'number'): Record<string, unknown> =>
    typeof v[key] === type ? { [key]: v[key] } : {};
  return {
    accessToken: v['accessToken'],
    tokenType: v['tokenType'],
    ...optional('expiresAt', 'number'),
    ...optional('refreshToken', 'string'),
    ...optional('scope', 'string'),
    ...optional('idToken', 'string'),
  };
}

/** Seals and opens token sets; without a key, plain JSON (Redis ACLs and TLS are then the only guard). */
export interface TokenCodec {
  encode(key: string, tokens: TokenSet): Promise<string>;
  decode(key: string, text: string): Promise<TokenSet | undefined>;
}

const SEALED = 'aw1:';

export function createTokenCodec(secret: string | Uint8Array | undefined): TokenCodec {
  if (secret === undefined) {
    return {
      encode: (_key, tokens) => Promise.resolve(JSON.stringify(tokens)),
      decode: (_key, text) => {
        try {
          return Promise.resolve(text.startsWith(SEALED) ? undefined : readTokenSet(JSON.parse(text)));
        } catch {
          return Promise.resolve(undefined);
        }
      },
    };
  }
  const raw = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  // SHA-256 turns any secret into an AES-256 key; the secret itself should be 32 random bytes.
  const aesKey = crypto.subtle
    .digest('SHA-256', new Uint8Array(raw))
    .then((digest) => crypto.subtle.importKey('raw', digest, 'AES-GCM', false, ['encrypt', 'decrypt']));
  const aad = (key: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(key);
  return {
    async encode(key, tokens) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const plain = new TextEncoder().encode(JSON.stringify(tokens));
      // The Redis key is authenticated data: a sealed value copied under another key does not open.
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(key) }, await aesKey, plain);
      const out = new Uint8Array(12 + sealed.byteLength);
      out.set(iv);
      out.set(new Uint8Array(sealed), 12);
      return SEALED + bytesToBase64(out);
    },
    async decode(key, text) {
      if (!text.startsWith(SEALED)) return undefined;
      try {
        const bytes = base64ToBytes(text.slice(SEALED.length));
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: aad(key) },
          await aesKey,
          bytes.subarray(12),
        );
        return readTokenSet(JSON.parse(new TextDecoder().decode(plain)));
      } catch {
        return undefined;
      }
    },
  };
}
