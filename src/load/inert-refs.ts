/**
 * `$ref`s a generator has no business following. Vendors `$ref` code samples (`.php`, `.ts`,
 * `.md`) from `x-codeSamples` and other extensions, and example payloads from files that are not
 * JSON; none of it reaches the generated client. Only refs that lead to schemas, parameters,
 * responses, bodies, headers, path items and security schemes must resolve: a ref inside an
 * extension (`x-…`) or an example (`example`, `examples`) is detached before the ref policy and
 * the bundler see it — never read, never fetched, never a reason to fail the load.
 */
import { frameSegments, type RefSite, type WalkResult } from './walk-document.js';

/** Maps whose keys are names chosen by the spec author: `properties/x-foo` is a property, not an extension. */
const NAME_KEYED_MAPS: ReadonlySet<string> = new Set([
  'properties',
  'patternProperties',
  'dependentSchemas',
  '$defs',
  'definitions',
  'schemas',
  'responses',
  'parameters',
  'headers',
  'securitySchemes',
  'requestBodies',
  'pathItems',
  'callbacks',
  'links',
  'paths',
  'webhooks',
  'content',
  'encoding',
  'variables',
  'mapping',
  'scopes',
]);

/** The key in the holder that keeps a detached ref's text, for anyone reading the document. */
export const DETACHED_REF_KEY = 'x-apiwright-unfollowed-ref';

/** True when the `$ref` sits inside an extension or an example value. */
export function isInertRefPath(segments: readonly string[]): boolean {
  return segments.some((segment, index) => {
    const parent = index === 0 ? undefined : segments[index - 1];
    if (parent !== undefined && NAME_KEYED_MAPS.has(parent)) return false;
    return segment.startsWith('x-') || segment === 'example' || segment === 'examples';
  });
}

export interface DetachedRefs {
  count: number;
  /** The first detached ref and where it was, for the warning. */
  first?: { ref: string; segments: string[] } | undefined;
}

/**
 * Takes the inert refs out of `walk.refs` and out of the document (the `$ref` key moves to
 * `x-apiwright-unfollowed-ref`), so no later step follows them. Returns what it detached.
 */
export function detachInertRefs(walk: WalkResult): DetachedRefs {
  const kept: RefSite[] = [];
  const detached: DetachedRefs = { count: 0 };
  for (const site of walk.refs) {
    const segments = frameSegments(site.frame);
    if (typeof site.ref !== 'string' || site.ref.startsWith('#') || !isInertRefPath(segments)) {
      kept.push(site);
      continue;
    }
    detached.count += 1;
    detached.first ??= { ref: site.ref, segments };
    delete site.holder['$ref'];
    site.holder[DETACHED_REF_KEY] = site.ref;
  }
  walk.refs = kept;
  return detached;
}
