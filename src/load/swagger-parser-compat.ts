/**
 * swagger-parser's bundle() first re-checks the document with its own, narrower rules: it
 * refuses `openapi: 3.2.0`, a 3.0 document without `paths`, a numeric `info.version`, and for 3.1
 * it resolves `#/...` refs against the nearest `$id` (JSON Schema 2020-12 scoping), which is not
 * how OpenAPI tools read them. We already checked the document (detect-version.ts) and rewrote
 * `$id`/`$anchor` refs (police-refs.ts), so for the duration of bundling we present it as a plain
 * 3.0/2.0 document and put every field back afterwards.
 */
import type { SpecVersion } from './detect-version.js';

export function prepareForSwaggerParser(document: Record<string, unknown>, version: SpecVersion): () => void {
  const saved: [string, boolean, unknown][] = [];
  const patch = (target: Record<string, unknown>, key: string, value: unknown): void => {
    saved.push([key, Object.hasOwn(target, key), target[key]]);
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  };
  if (version === '2.0') {
    if (document['swagger'] !== '2.0') patch(document, 'swagger', '2.0');
  } else if (document['openapi'] !== '3.0.3') {
    patch(document, 'openapi', '3.0.3');
  }
  if (version !== '2.0' && !Object.hasOwn(document, 'paths')) patch(document, 'paths', {});
  const info = document['info'];
  const infoRecord = typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : undefined;
  const infoVersion = infoRecord?.['version'];
  let restoreInfo: (() => void) | undefined;
  if (infoRecord !== undefined && typeof infoVersion === 'number') {
    infoRecord['version'] = String(infoVersion);
    restoreInfo = () => {
      infoRecord['version'] = infoVersion;
    };
  }
  return () => {
    for (const [key, existed, value] of saved.reverse()) {
      if (existed) Object.defineProperty(document, key, { value, writable: true, enumerable: true, configurable: true });
      else delete document[key];
    }
    restoreInfo?.();
  };
}
