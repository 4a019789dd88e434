/**
 * Text → plain JSON data. JSON goes through JSON.parse (fast; a `__proto__` key becomes an own
 * data property); YAML through the `yaml` package (YAML 1.2 core schema, so `yes`/dates stay
 * strings), with alias expansion bounded and duplicate keys reported as warnings.
 */
import type { Document, YAMLError } from 'yaml';
import { SpecError, type Diagnostic } from '../errors.js';
import { MAX_ALIAS_COUNT } from './limits.js';
import { yaml } from './yaml.js';

export type SourceFormat = 'json' | 'yaml' | 'text';

export interface ParsedSource {
  value: unknown;
  format: SourceFormat;
  warnings: Diagnostic[];
}

/** Documents and code samples: referenced files with these extensions are text, never parsed as YAML. */
const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    '.md .markdown .txt .html .htm .xml .csv .php .ts .tsx .js .mjs .cjs .py .rb .go .java .kt .cs .sh .bash ' +
    '.swift .rs .c .cpp .h .scala .pl .ps1 .http .curl .graphql .gql .sql'
  ).split(' '),
);

/** By extension, else by the first non-blank character. `text` only where `allowText`. */
export function detectFormat(file: string, text: string, allowText: boolean): SourceFormat {
  const extension = extensionOf(file);
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  if (allowText && TEXT_EXTENSIONS.has(extension)) return 'text';
  const first = /\S/.exec(stripBom(text))?.[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Parses `text` (the contents of `file`, named in errors) as `format`. */
export function parseSource(text: string, file: string, format: SourceFormat): ParsedSource {
  if (format === 'text') return { value: text, format, warnings: [] };
  if (format === 'json') return { value: parseJson(stripBom(text), file), format, warnings: [] };
  return parseYaml(stripBom(text), file);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const position = findJsonErrorPosition(text, message);
    throw new SpecError(`Invalid JSON: ${message.split('\n')[0] ?? message}`, {
      code: 'JSON_SYNTAX',
      file,
      line: position?.line,
      column: position?.column,
      hint: 'Fix the JSON syntax at that position (a JSON linter or `jq . file` shows the same error).',
      cause,
    });
  }
}

/**
 * V8 names the offset for some JSON errors ("at position 42", newer versions "line 3 column 7")
 * but not for others ("Unexpected token 'x'"); for those, re-parse with `yaml` in JSON mode,
 * which reports line:column for most of the same mistakes.
 */
function findJsonErrorPosition(text: string, message: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const offset = /at position (\d+)/.exec(message);
  if (offset) return offsetToLineColumn(text, Number(offset[1]));
  const reparsed = yaml().parseDocument(text, { schema: 'json', prettyErrors: true, logLevel: 'silent' });
  const linePos = reparsed.errors[0]?.linePos?.[0];
  return linePos ? { line: linePos.line, column: linePos.col } : undefined;
}

function parseYaml(text: string, file: string): ParsedSource {
  const document = yaml().parseDocument(text, {
    prettyErrors: true,
    // YAML 1.1 merge keys (`<<: *base`) are common in hand-written specs; yaml applies them
    // with Object.defineProperty, so `<<` cannot reach a prototype.
    merge: true,
    uniqueKeys: true,
    // Not 'silent': at that level yaml also drops the "multiple documents" error.
    logLevel: 'error',
  });
  const warnings: Diagnostic[] = [];
  for (const error of document.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      warnings.push(yamlDiagnostic('DUPLICATE_KEY', `${firstLine(error)}; the last value is used`, file, error));
    } else if (error.code === 'RESOURCE_EXHAUSTION') {
      throw yamlError(
        'TOO_DEEP',
        'YAML nesting is too deep to parse',
        file,
        error,
        'Flatten the nesting; no real spec nests this deep.',
      );
    } else {
      throw yamlError('YAML_SYNTAX', `Invalid YAML: ${firstLine(error)}`, file, error, 'Fix the YAML syntax at that position.');
    }
  }
  for (const warning of document.warnings) {
    warnings.push(yamlDiagnostic('YAML_WARNING', firstLine(warning), file, warning));
  }
  return { value: toPlainData(document, file), format: 'yaml', warnings };
}

function toPlainData(document: Document.Parsed, file: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    if (cause instanceof ReferenceError) {
      throw new SpecError(`YAML aliases expand beyond the limit (maxAliasCount ${MAX_ALIAS_COUNT})`, {
        code: 'YAML_ALIAS_LIMIT',
        file,
        hint: 'The file looks like an alias bomb; replace nested aliases (*name) with plain values or $refs.',
        cause,
      });
    }
    if (cause instanceof RangeError) {
      throw new SpecError('YAML nesting is too deep to convert', { code: 'TOO_DEEP', file, cause });
    }
    throw new SpecError(`Invalid YAML: ${cause instanceof Error ? cause.message : String(cause)}`, {
      code: 'YAML_SYNTAX',
      file,
      cause,
    });
  }
}

function yamlError(code: string, message: string, file: string, error: YAMLError, hint: string): SpecError {
  const position = error.linePos?.[0];
  return new SpecError(message, { code, file, line: position?.line, column: position?.col, hint, cause: error });
}

function yamlDiagnostic(code: string, message: string, file: string, error: YAMLError): Diagnostic {
  const position = error.linePos?.[0];
  return { code, message, file, line: position?.line, column: position?.col };
}

/** yaml's pretty messages append a source excerpt after the first line; keep only the sentence. */
function firstLine(error: YAMLError): string {
  return (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
}

export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function extensionOf(file: string): string {
  const clean = file.replace(/[?#].*$/, '');
  const slash = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
  const dot = clean.lastIndexOf('.');
  return dot > slash ? clean.slice(dot).toLowerCase() : '';
}
