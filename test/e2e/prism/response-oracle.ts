/**
 * A second opinion on a response body the generated validator refused: ajv (test/e2e/mocks/
 * response-checker.ts) checks it against the same response schema. Both refusing means Prism sent
 * data that breaks the spec (mostly the spec's own examples); only the generated validator refusing
 * is a disagreement, a generator bug.
 */
import type * as ir from '../../../src/ir/index.js';
import { loadSpec } from '../../../src/load/index.js';
import { normalizeDocument } from '../../../src/normalize/index.js';
import { createResponseChecker, type Issue } from '../mocks/response-checker.js';

/** The oracle's issues with `body` as the `status` response of `METHOD path`; undefined when no JSON schema is declared for it. */
export type ResponseOracle = (method: string, path: string, status: number, body: unknown) => Issue[] | undefined;

const jsonMedia = /(^application\/json|\+json)(\s*;|$)/i;

export async function createResponseOracle(spec: string): Promise<ResponseOracle> {
  const loaded = await loadSpec(spec);
  const { document } = normalizeDocument({
    document: structuredClone(loaded.document),
    version: loaded.version,
    file: loaded.file,
  });
  const check = createResponseChecker(document.raw ?? loaded.document, loaded.version);
  return (method, path, status, body) => {
    const operation = document.operations.find((o) => o.method === method.toUpperCase() && o.path === path);
    const declared = operation === undefined ? undefined : declaredResponse(operation, status);
    const content = declared?.content.find((c) => jsonMedia.test(c.mediaType));
    if (declared === undefined || content === undefined) return undefined;
    return check(fragment(`${declared.source}/content/${escapePointer(content.mediaType)}/schema`), body);
  };
}

function declaredResponse(operation: ir.Operation, status: number): ir.Response | undefined {
  const code = String(status);
  return (
    operation.responses.find((r) => r.status === code) ??
    operation.responses.find((r) => r.status === `${code[0] ?? ''}XX`) ??
    operation.responses.find((r) => r.status === 'default')
  );
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A JSON pointer as a URI fragment (ajv resolves `$ref`s as URIs). */
function fragment(pointer: string): string {
  return `#${pointer
    .replace(/^#/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')}`;
}
