/** Building the upgraded document: keys set as own properties, so a `__proto__` key in a spec stays data. */
import type { JsonObject } from './context.js';

export function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The strings of a 2.0 list (`consumes`, `produces`, `schemes`); undefined when it is not a list. */
export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}
