/**
 * Many calls without a thundering herd: `batch` splits items into chunks (for bulk endpoints) and
 * `mapConcurrent` calls once per item, both with at most `concurrency` calls in flight. Neither
 * ever rejects: every item gets a settled result, in input order, like `Promise.allSettled`.
 */
import { AbortError, ApiwrightError } from '../errors/errors.js';
import { nameErrorClass } from '../errors/kinds.js';

export type Settled<T> =
  { readonly status: 'fulfilled'; readonly value: T } | { readonly status: 'rejected'; readonly reason: unknown };

export interface ConcurrencyOptions {
  /** Most calls in flight at once. Default 4. */
  concurrency?: number;
  /** Aborting settles every call not yet started as rejected with an AbortError; started ones get the signal. */
  signal?: AbortSignal;
}

export interface BatchOptions extends ConcurrencyOptions {
  /** Items per chunk. */
  size: number;
}

/** A chunk's call returned an array whose length is not the chunk's. */
export class BatchResultMismatchError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'BatchResultMismatchError');
  override readonly code: string = 'BATCH_RESULT_MISMATCH';
}

/**
 * Calls `fn` once per chunk of `size` items. Results are per item: when `fn` returns an array of
 * the chunk's length, item i gets element i; when it returns anything else, every item of the
 * chunk gets that value (wrap a per-chunk array in an object to get it whole); an array of another
 * length rejects every item of the chunk with BatchResultMismatchError. A failed chunk rejects each
 * of its items with the same reason.
 */
export async function batch<TItem, TResult>(
  items: readonly TItem[],
  fn: (chunk: TItem[], index: number, signal?: AbortSignal) => Promise<TResult[] | TResult>,
  options: BatchOptions,
): Promise<Settled<TResult>[]> {
  const size = requirePositiveInteger(options.size, 'size');
  const chunks: TItem[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  const perChunk = await mapConcurrent(chunks, (chunk, index, signal) => fn(chunk, index, signal), options);
  const results: Settled<TResult>[] = [];
  perChunk.forEach((settled, index) => {
    const count = chunks[index]?.length ?? 0;
    for (let i = 0; i < count; i++) results.push(spread(settled, i, count, index));
  });
  return results;
}

function spread<TResult>(settled: Settled<TResult[] | TResult>, i: number, count: number, chunkIndex: number): Settled<TResult> {
  if (settled.status === 'rejected') return settled;
  const value = settled.value;
  if (!Array.isArray(value)) return { status: 'fulfilled', value };
  if (value.length !== count) {
    const reason = new BatchResultMismatchError(
      `Chunk ${chunkIndex} has ${count} items but its call returned ${value.length} results.`,
    );
    return { status: 'rejected', reason };
  }
  return { status: 'fulfilled', value: value[i] as TResult };
}

/** Calls `fn` once per item with at most `concurrency` in flight; results in input order. */
export async function mapConcurrent<TItem, TResult>(
  items: readonly TItem[],
  fn: (item: TItem, index: number, signal?: AbortSignal) => Promise<TResult>,
  options: ConcurrencyOptions = {},
): Promise<Settled<TResult>[]> {
  const concurrency = requirePositiveInteger(options.concurrency ?? 4, 'concurrency');
  const { signal } = options;
  const results = new Array<Settled<TResult>>(items.length);
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      if (signal?.aborted) {
        results[index] = {
          status: 'rejected',
          reason: new AbortError('Aborted before this call started.', { cause: signal.reason }),
        };
        continue;
      }
      try {
        // `await` inside try: a synchronous throw from fn is a rejection of that item too.
        results[index] = { status: 'fulfilled', value: await fn(items[index] as TItem, index, signal) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

function requirePositiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${String(value)}.`);
  return value;
}
