/**
 * Bytes backed by a plain ArrayBuffer, the kind `fetch` accepts as a body: `Uint8Array<ArrayBuffer>`
 * from TypeScript 5.7 on, plain `Uint8Array` before (5.4 has no type parameter), read from the
 * standard library so the runtime compiles under both.
 */
export type Bytes = ReturnType<Uint8Array['slice']>;

/** Joins chunks read from a stream into one buffer of `total` bytes. */
export function concatBytes(chunks: readonly Uint8Array[], total: number): Bytes {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
