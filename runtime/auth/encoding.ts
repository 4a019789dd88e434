/**
 * Byte and text encodings the auth code needs, built on web APIs only (btoa/atob, TextEncoder) so
 * they run unchanged in Node, browsers, Deno, Bun and edge workers.
 */
import type { Bytes } from '../util/bytes.js';

const encoder = /* @__PURE__ */ new TextEncoder();
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** Standard base64 (RFC 4648 §4) of raw bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** base64url without padding (RFC 4648 §5), as PKCE (RFC 7636 §3) and JWTs (RFC 7515 §2) use it. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64 of the UTF-8 bytes of `text` (btoa alone rejects characters above U+00FF). */
export function encodeBase64Utf8(text: string): string {
  return encodeBase64(encoder.encode(text));
}

/** Decodes unpadded base64url to UTF-8 text; undefined when the input is not valid. */
export function decodeBase64UrlText(value: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return undefined;
  const padded = value.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (value.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** `application/x-www-form-urlencoded` encoding of one value (RFC 6749 §2.3.1 encodes client id and secret this way). */
export function encodeFormValue(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

export function encodeUtf8(text: string): Bytes {
  return encoder.encode(text);
}
