/**
 * `await call.all({ max })`: every item of every page in one array, with a cap so nobody loads a
 * million rows by accident. Reaching more than `max` items is an error, not a silent cut: a caller
 * who asked for "all" must not mistake the first `max` for everything.
 */
import { PaginationLimitError } from './errors.js';

export interface CollectOptions {
  /** Most items collected; one more fails with PaginationLimitError. Default 10,000. */
  readonly max?: number;
}

export const DEFAULT_COLLECT_MAX = 10_000;

export async function collectAll<TItem>(items: AsyncIterable<TItem>, options: CollectOptions = {}): Promise<TItem[]> {
  const max = options.max ?? DEFAULT_COLLECT_MAX;
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`all({ max }) needs a whole number ≥ 0, got ${String(max)}`);
  const collected: TItem[] = [];
  for await (const item of items) {
    if (collected.length >= max) {
      throw new PaginationLimitError(
        `There are more than ${max} items; pass a higher all({ max }) or iterate with for await instead.`,
        { max },
      );
    }
    collected.push(item);
  }
  return collected;
}
