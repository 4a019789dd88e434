/**
 * Spec text goes to a terminal or a Markdown page: control characters (an ANSI escape in a summary
 * could rewrite the screen) and bidi/format characters (Trojan Source) become visible escapes.
 */
import type { InspectReport } from './inspect-report.js';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

export function sanitizeText(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A copy of the report with every string (keys too) made safe to print. */
export function sanitizeReport(report: InspectReport): InspectReport {
  return sanitizeValue(report) as InspectReport;
}

function sanitizeValue(value: unknown): unknown {
  if (typeof value === 'string') return sanitizeText(value);
  if (Array.isArray(value)) return value.map(sanitizeValue);
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      Object.defineProperty(copy, sanitizeText(key), {
        value: sanitizeValue(entry),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return value;
}
