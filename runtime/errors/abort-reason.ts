/** What an aborted signal's reason says about why it aborted. */

/**
 * True when the reason is a timeout: `AbortSignal.timeout()` aborts with a DOMException named
 * `TimeoutError` (WHATWG DOM §3.3), which the runtime surfaces as its own TimeoutError, not AbortError.
 */
export function isTimeoutReason(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
}
