/**
 * Reading an error body that will be kept on an error object, with a hard cap: a hostile or broken
 * server must never make the client buffer without bound (SECURITY-CASES 19).
 */

/** Error bodies read into a RateLimitError are capped. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The body as JSON when it parses, else text; cut at 64 KiB; null when unreadable. */
export async function readBodyCapped(response: Response): Promise<unknown> {
  if (response.body === null) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size >= MAX_ERROR_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } catch {
    return null;
  }
  const bytes = new Uint8Array(Math.min(size, MAX_ERROR_BODY_BYTES));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.byteLength - offset);
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
