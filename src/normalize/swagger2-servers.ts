/** 2.0 `host`, `basePath` and `schemes` → 3.0 `servers`, https first. */
import type { JsonObject } from './context.js';
import { stringList } from './swagger2-json.js';

export function convertServers(root: JsonObject): JsonObject[] {
  const host = typeof root['host'] === 'string' ? root['host'] : undefined;
  const basePath = typeof root['basePath'] === 'string' ? root['basePath'] : '';
  if (!host) return basePath ? [{ url: basePath }] : [];
  const schemes = stringList(root['schemes']) ?? ['https'];
  const preferred = schemes.includes('https') ? ['https', ...schemes.filter((s) => s !== 'https')] : schemes;
  return preferred.map((scheme) => ({ url: `${scheme}://${host}${basePath}` }));
}
