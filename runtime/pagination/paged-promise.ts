/**
 * The result of a paginated operation: awaitable (the first page, as the spec types it) and
 * async-iterable (every item of every page): `for await (const item of client.items.list())`.
 */
import type { ApiPromise } from '../client/api-promise.js';
import type { Paginated } from './pagination.js';

export type PagedPromise<TPage, TItem, TError = unknown> = ApiPromise<TPage, TError> & Paginated<TPage, TItem>;

type Step<T, Key extends string> = T extends object ? (Key extends keyof T ? NonNullable<T[Key]> : never) : never;

/**
 * The item type at `Path` inside a page type, e.g. `PageItem<PetPage, ['items']>` is `Pet`.
 * Unions are followed member by member; a path that leads nowhere gives `unknown`.
 */
export type PageItem<TPage, Path extends readonly string[]> = Path extends readonly [
  infer Head extends string,
  ...infer Rest extends readonly string[],
]
  ? PageItem<Step<NonNullable<TPage>, Head>, Rest>
  : [NonNullable<TPage>] extends [never]
    ? unknown
    : NonNullable<TPage> extends readonly (infer Item)[]
      ? Item
      : unknown;
