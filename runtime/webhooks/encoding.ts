/**
 * Bytes ⇄ text for signatures and secrets, on web APIs only (TextEncoder, atob/btoa) so the same
 * code runs in Node, browsers, Deno, Bun and edge workers.
 */
import { encodeBase64 } from '../auth/encoding.js';
import type { Bytes } from '../util/bytes.js';

export { encodeBase64 };

const encoder = /* @__PURE__ */ new TextEncoder();

export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

export function encodeHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Strict hex (even length, hex digits only); undefined when malformed. */
export function decodeHex(text: string): Bytes | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Standard base64, padding optional; undefined when malformed. */
export function decodeBase64(text: string): Bytes | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const padded = text.replace(/=+$/, '') + '='.repeat((4 - (text.replace(/=+$/, '').length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** `a` followed by `b`, as one buffer (what is signed: a prefix joined to the raw body). */
export function joinBytes(a: Uint8Array, b: Uint8Array): Bytes {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
