/**
 * validateSpec: checks a loaded spec against the OpenAPI / Swagger JSON Schema and swagger-parser's
 * semantic rules. Separate from loadSpec because it is slow (≈2 s on GitHub's spec) and a spec
 * that breaks the schema can still generate a useful client (MANIFEST.tsv lists several).
 */
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../errors.js';
import { findUnresolvedInternalRefs, resolvePointer } from './check-internal-refs.js';
import { parsePointer } from '../json-pointer.js';
import type { LoadedSpec } from './loaded-spec.js';
import { walkDocument } from './walk-document.js';

const SUPPORTED_30 = new Set(['3.0.0', '3.0.1', '3.0.2', '3.0.3', '3.0.4']);
const SUPPORTED_31 = new Set(['3.1.0', '3.1.1', '3.1.2']);

interface SchemaIssue {
  instancePath?: unknown;
  message?: unknown;
  params?: unknown;
}

/** Every problem found, as diagnostics (empty when valid). Never throws for an invalid spec. */
export async function validateSpec(loaded: LoadedSpec): Promise<Diagnostic[]> {
  // validate() dereferences in place; work on a copy so `loaded.document` keeps its $refs.
  const copy = structuredClone(loaded.document);
  const openapi = copy['openapi'];
  if (loaded.version === '3.1' && !SUPPORTED_31.has(String(openapi))) copy['openapi'] = '3.1.1';
  if (loaded.version === '3.0' && !SUPPORTED_30.has(String(openapi))) copy['openapi'] = '3.0.3';
  if (loaded.version === '2.0') copy['swagger'] = '2.0';
  try {
    const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
    const skipBrokenRefs = brokenRefMatcher(copy, loaded.file);
    await SwaggerParser.validate(loaded.file, copy as never, {
      resolve: { external: false },
      ...(skipBrokenRefs === undefined ? {} : { dereference: { excludedPathMatcher: skipBrokenRefs } }),
    });
    return [];
  } catch (error) {
    return toDiagnostics(error, loaded);
  }
}

/**
 * A broken `$ref` would stop swagger-parser at the first one, before any schema check. The loader
 * reports every broken ref already, so they are left as Reference Objects (which the schema
 * accepts) and the check goes on to report everything else. Undefined when every ref resolves.
 */
function brokenRefMatcher(document: Record<string, unknown>, file: string): ((path: string) => boolean) | undefined {
  const sites = walkDocument(document, { file, baseUri: pathToFileURL(file).href }).refs;
  const broken = new Set<unknown>(findUnresolvedInternalRefs(document, sites).map((site) => site.holder));
  if (broken.size === 0) return undefined;
  return (pathFromRoot) => {
    const hash = pathFromRoot.indexOf('#');
    const segments = hash === -1 ? undefined : parsePointer(pathFromRoot.slice(hash));
    return segments !== undefined && broken.has(resolvePointer(document, segments));
  };
}

function toDiagnostics(error: unknown, loaded: LoadedSpec): Diagnostic[] {
  const details = (error as { details?: unknown } | null)?.details;
  if (Array.isArray(details) && details.length > 0) {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const issue of details as SchemaIssue[]) {
      const pointer = `#${typeof issue.instancePath === 'string' ? issue.instancePath : ''}`;
      const message = `${typeof issue.message === 'string' ? issue.message : 'is invalid'}${describeParams(issue.params)}`;
      const key = `${pointer} ${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      diagnostics.push({ code: 'SCHEMA_INVALID', message, ...loaded.locate(pointer), pointer });
    }
    return diagnostics;
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { name?: unknown } | null)?.name === 'MissingPointerError' ? 'REF_UNRESOLVED' : 'SPEC_INVALID';
  return [{ code, message: message.replace(/^Validation failed\. /, ''), file: loaded.file }];
}

function describeParams(params: unknown): string {
  if (typeof params !== 'object' || params === null) return '';
  const record = params as Record<string, unknown>;
  for (const key of ['additionalProperty', 'missingProperty', 'allowedValues']) {
    if (record[key] !== undefined) return ` (${key}: ${JSON.stringify(record[key])})`;
  }
  return '';
}
