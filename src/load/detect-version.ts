/**
 * Which OpenAPI this is, from the `swagger` (2.0) or `openapi` (3.x) field. Lenient where the
 * intent is clear (`openapi: 3.1` unquoted in YAML is the number 3.1), strict otherwise.
 */
import { SpecError, type Diagnostic } from '../errors.js';

export type SpecVersion = '2.0' | '3.0' | '3.1';

export interface DetectedVersion {
  version: SpecVersion;
  warnings: Diagnostic[];
}

export function detectVersion(document: unknown, file: string): DetectedVersion {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw notOpenApi(
      file,
      `the file holds ${Array.isArray(document) ? 'an array' : `a ${document === null ? 'null' : typeof document}`}, not an object`,
    );
  }
  const record = document as Record<string, unknown>;
  const swagger = Object.hasOwn(record, 'swagger') ? record['swagger'] : undefined;
  const openapi = Object.hasOwn(record, 'openapi') ? record['openapi'] : undefined;
  if (openapi !== undefined) return detectOpenApi(openapi, file);
  if (swagger !== undefined) return detectSwagger(swagger, file);
  throw notOpenApi(file, 'it has no `openapi` or `swagger` field');
}

function detectOpenApi(value: unknown, file: string): DetectedVersion {
  const text = typeof value === 'number' ? String(value) : value;
  const warnings: Diagnostic[] = [];
  if (typeof value === 'number') {
    warnings.push(warning('VERSION_NOT_STRING', `openapi is the number ${value}; quote it ("${value}")`, file, '#/openapi'));
  }
  const match = typeof text === 'string' ? /^3\.(\d+)(?:\.\d+)?(?:-[\w.]+)?$/.exec(text.trim()) : null;
  const minor = match?.[1];
  if (minor === '0') return { version: '3.0', warnings };
  if (minor === '1') return { version: '3.1', warnings };
  if (minor === '2') {
    warnings.push(
      warning('VERSION_3_2_AS_3_1', `OpenAPI ${String(text)} is read as 3.1; features new in 3.2 are ignored`, file, '#/openapi'),
    );
    return { version: '3.1', warnings };
  }
  throw unsupported(file, '#/openapi', `OpenAPI version ${JSON.stringify(value)} is not supported`);
}

function detectSwagger(value: unknown, file: string): DetectedVersion {
  if (value === '2.0') return { version: '2.0', warnings: [] };
  if (value === 2 || value === '2') {
    return {
      version: '2.0',
      warnings: [warning('VERSION_NOT_STRING', 'swagger should be the string "2.0"', file, '#/swagger')],
    };
  }
  throw unsupported(file, '#/swagger', `Swagger version ${JSON.stringify(value)} is not supported`);
}

function notOpenApi(file: string, why: string): SpecError {
  return new SpecError(`Not an OpenAPI or Swagger document: ${why}`, {
    code: 'NOT_OPENAPI',
    file,
    pointer: '#',
    line: 1,
    column: 1,
    hint: 'Pass the entry file of an OpenAPI 3.x (`openapi: 3.1.0`) or Swagger 2.0 (`swagger: "2.0"`) description.',
  });
}

function unsupported(file: string, pointer: string, message: string): SpecError {
  return new SpecError(message, {
    code: 'UNSUPPORTED_VERSION',
    file,
    pointer,
    hint: 'apiwright reads Swagger 2.0 and OpenAPI 3.0, 3.1 (and 3.2 as 3.1). Convert older specs with swagger2openapi.',
  });
}

function warning(code: string, message: string, file: string, pointer: string): Diagnostic {
  return { code, message, file, pointer };
}
