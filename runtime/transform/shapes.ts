/**
 * The shape tables generated clients carry (transforms.gen.ts): pure data saying which properties
 * are renamed and which strings are dates. Types only; transform.ts walks them.
 */

/** A property: `[wire name, TypeScript name, shape of its value]`. */
export type PropShape = readonly [wire: string, name: string, shape?: Shape];

export interface Discriminator {
  /** The discriminator property's wire and TypeScript names. */
  readonly wire: string;
  readonly name: string;
  /** Discriminator value → the variant's shape; `null`: the variant needs no conversion. */
  readonly mapping: Readonly<Record<string, Shape | null>>;
}

/** How one value converts. A string names a shape of the table (a named schema). */
export type Shape =
  | string
  | { readonly date: 'date-time' | 'date' }
  | { readonly props: readonly PropShape[]; readonly values?: Shape }
  | { readonly items: Shape }
  | { readonly tuple: readonly (Shape | null)[]; readonly rest?: Shape }
  | { readonly allOf: readonly Shape[] }
  | { readonly anyOf: readonly Shape[]; readonly discriminator?: Discriminator; readonly orString?: true };

export type ShapeTable = Readonly<Record<string, Shape>>;

/** What an operation converts; `OperationDescriptor.transform`. */
export interface OperationTransform {
  readonly shapes: ShapeTable;
  /** The request body (under `bodyKey ?? 'body'` in the params object). */
  readonly request?: Shape;
  /** Response bodies by status as the spec writes it (`200`, `2XX`, `default`). */
  readonly responses?: Readonly<Record<string, Shape>>;
  /** Parameters by key in the params object (dates accepted as `Date`). */
  readonly params?: readonly (readonly [key: string, shape: Shape])[];
}
