/**
 * What the runtime needs from the environment it runs in (Node, browsers, Deno, Bun, edge workers),
 * looked up defensively so the same file works in all of them.
 */
import type { ApiDescriptor } from '../client/descriptor.js';
import { RUNTIME_VERSION } from './version.js';

interface EnvironmentGlobals {
  process?: { env?: Record<string, string | undefined> };
  Deno?: { env?: { get(name: string): string | undefined } };
  document?: unknown;
  importScripts?: unknown;
}

const globals = globalThis as unknown as EnvironmentGlobals;

/** Reads an environment variable where the platform has them; `undefined` elsewhere (browsers). */
export function readEnv(name: string): string | undefined {
  try {
    const fromProcess = globals.process?.env?.[name];
    if (fromProcess !== undefined) return fromProcess;
    return globals.Deno?.env?.get(name);
  } catch {
    // Deno throws without --allow-env; treat that as "not set".
    return undefined;
  }
}

/**
 * True in browsers and browser workers. There, fetch cannot follow redirects manually (it returns an
 * opaque redirect) and User-Agent must not be set (it is forbidden or forces a CORS preflight).
 */
export function isBrowserLike(): boolean {
  return globals.document !== undefined || typeof globals.importScripts === 'function';
}

/** A product token (RFC 9110 §10.1.5): token characters only, so any title makes a valid header. */
function toProductToken(text: string, fallback: string): string {
  const token = text
    .trim()
    .replace(/[^A-Za-z0-9!#$%&'*+.^_`|~-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return token === '' ? fallback : token;
}

/** `<title>/<version> apiwright/<runtime version>`. */
export function formatUserAgent(api: Pick<ApiDescriptor, 'title' | 'version'>): string {
  return `${toProductToken(api.title, 'api')}/${toProductToken(api.version, '0')} apiwright/${RUNTIME_VERSION}`;
}
