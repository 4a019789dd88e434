/**
 * file + JSON pointer → file:line:column, best effort and on demand: a file is re-read (and,
 * for YAML, re-parsed with positions) only when a position in it is first asked for.
 */
import { readFileSync } from 'node:fs';
import type { SourceLocation } from '../errors.js';
import { formatPointer } from '../json-pointer.js';
import { findJsonPointerOffset } from './locate-json.js';
import { createYamlLocator, type YamlLocator } from './locate-yaml.js';
import { detectFormat, offsetToLineColumn } from './parse-source.js';

type Locate = (segments: readonly string[]) => { line: number; column: number } | undefined;

export interface SourceLocator {
  /** Never throws; without a readable source it returns file and pointer only. */
  locate(file: string, segments: readonly string[]): SourceLocation;
}

/** `isReadable(file)` guards which files may be re-read: only ones loading already read. */
export function createSourceLocator(isReadable: (file: string) => boolean): SourceLocator {
  const cache = new Map<string, Locate | undefined>();
  const locatorFor = (file: string): Locate | undefined => {
    if (!cache.has(file)) cache.set(file, isReadable(file) ? buildLocator(file) : undefined);
    return cache.get(file);
  };
  return {
    locate(file, segments) {
      const location: SourceLocation = { file, pointer: formatPointer(segments) };
      try {
        const position = locatorFor(file)?.(segments);
        if (position !== undefined) {
          location.line = position.line;
          location.column = position.column;
        }
      } catch {
        // Best effort: a position is a convenience, never a reason to fail.
      }
      return location;
    },
  };
}

function buildLocator(file: string): Locate | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const format = detectFormat(file, text, true);
  if (format === 'json') {
    return (segments) => offsetToLineColumn(text, findJsonPointerOffset(text, segments).offset);
  }
  if (format === 'yaml') {
    let yaml: YamlLocator | undefined;
    return (segments) => {
      yaml ??= createYamlLocator(text);
      return yaml(segments);
    };
  }
  return undefined;
}
