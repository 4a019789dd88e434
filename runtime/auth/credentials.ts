/**
 * Where a credential comes from: the `auth` option (a value, or a sync/async function so keys can
 * rotate), else environment variables. Environment variables are read only where they exist
 * (`process.env` in Node/Bun, `Deno.env` in Deno); in browsers and workers only the option counts.
 */
import { ApiwrightError } from '../errors/errors.js';
import { InvalidCredentialError } from './errors.js';

/** A credential as a value, or a function returning it (sync or async) so keys can rotate. */
export type CredentialSource<T> = T | (() => T | Promise<T>);

/** Reads one environment variable; undefined when unset, empty or unreadable. */
export type EnvReader = (name: string) => string | undefined;

interface EnvGlobals {
  process?: { env?: Record<string, string | undefined> };
  Deno?: { env?: { get(name: string): string | undefined } };
}

export const readRuntimeEnv: EnvReader = (name) => {
  const globals = globalThis as EnvGlobals;
  const fromProcess = globals.process?.env?.[name];
  if (fromProcess !== undefined) return fromProcess === '' ? undefined : fromProcess;
  try {
    // Deno without --allow-env throws instead of returning undefined.
    const fromDeno = globals.Deno?.env?.get(name);
    return fromDeno === '' ? undefined : fromDeno;
  } catch {
    return undefined;
  }
};

/** Resolves a value-or-function credential. The function's own error is kept as `cause`. */
export async function resolveCredential<T>(source: CredentialSource<T>, optionPath: string): Promise<T> {
  if (typeof source !== 'function') return source;
  try {
    return await (source as () => T | Promise<T>)();
  } catch (cause) {
    throw new ApiwrightError(`The credential function at ${optionPath} threw`, { cause });
  }
}

/**
 * Rejects values that cannot travel in an HTTP header. `Headers.set` would throw a TypeError that
 * quotes the value, leaking it; this error names only the scheme. Credentials are restricted to
 * visible ASCII plus space and tab (RFC 9110 §5.5 field-value, without obs-text).
 */
export function assertHeaderSafe(value: string, what: string): void {
  if (!/^[\x20-\x7E\t]*$/.test(value)) {
    throw new InvalidCredentialError(
      `${what} contains characters that cannot be sent in an HTTP header (control or non-ASCII characters)`,
    );
  }
}

/** A non-empty string, or an InvalidCredentialError naming where it came from. */
export function requireNonEmptyString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidCredentialError(`${what} must be a non-empty string`);
  }
  return value;
}
