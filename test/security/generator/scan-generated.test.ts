/**
 * The static scan (support/scan-generated.ts) lets through the code the generator writes itself
 * (validators, the README template's examples) and still flags spec text that became code there.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Expectations } from '../support/oracle-types.js';
import { scanGenerated } from '../support/scan-generated.js';

const expectNothing: Expectations = {
  title: '',
  version: '',
  serverUrls: [],
  operations: [],
  enums: [],
  propertyNames: [],
  securitySchemes: [],
};

const validators = (inject = ''): string => `import type { ValidationIssue } from './runtime/index.js';
import { fail, parseWith as $parseWith } from './runtime/index.js';
import type * as t from './types.gen.js';

const pattern0 = /* @__PURE__ */ new RegExp('a/;globalThis.__pwned=1;/', 'u');
const values0 = /* @__PURE__ */ new Set<unknown>(["a'; globalThis.__pwned=1; '", "nul\\u0000byte"]);

export function Pet$check(value: unknown, path: string, issues: ValidationIssue[]): boolean {
  let ok = true;
  if (!(typeof value === 'object' && value !== null && !Array.isArray(value))) {
    ok = fail(issues, path, 'type', 'must be object');
  } else {
    const o0 = value as Record<string, unknown>;
    const x1 = (Object.hasOwn(o0, '__proto__') ? o0['__proto__'] : undefined);
    if (typeof x1 === 'string' && !pattern0.test(x1)) ok = fail(issues, path + '/__proto__', 'pattern', 'must match');
    if (!values0.has(o0['kind'])) ok = false;${inject}
  }
  return ok;
}

export const parsePet = (value: unknown): t.Pet => $parseWith<t.Pet>(Pet$check, value, 'Pet');
`;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function scan(files: Record<string, string>, readme?: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwright-scan-'));
  dirs.push(dir);
  if (readme !== undefined) writeFileSync(path.join(dir, 'README.md'), readme);
  const result = scanGenerated(dir, new Map(Object.entries(files)), expectNothing);
  return [...result.unexpectedCalls, ...result.codeReferences];
}

const redisLine = "const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });";

describe('the static scan of generated code', () => {
  it("lets through the validators' own helpers, built-ins, constants and `ok` assignments", () => {
    expect(scan({ 'validators.gen.ts': validators() })).toEqual([]);
  });

  it.each([
    ['a call to anything else', "\n    fetch('https://evil.example');"],
    ['an assignment outside a let of the file', '\n    globalThis.__pwned = 1;'],
    ['a constructor fed code', "\n    new Function('globalThis.__pwned = 1')();"],
    ['a built-in built from something other than literals', '\n    const re = new RegExp(String(o0));'],
    ['a method reached through a constant', "\n    pattern0.test.constructor('x');"],
    ["a constant's constructor", "\n    values0.constructor('x');"],
    ['a call through an element access', "\n    o0['x']();"],
  ])('flags spec text that became code in a validators file: %s', (_what, inject) => {
    expect(scan({ 'validators.gen.ts': validators(inject) }).length).toBeGreaterThan(0);
  });

  it("lets through the README template's own `new Redis(…)` line, and flags any other construction", () => {
    const readme = (line: string): string => `# API\n\n\`\`\`ts\n${line}\n\`\`\`\n`;
    expect(scan({}, readme(redisLine))).toEqual([]);
    expect(scan({}, readme("const redis = new Redis(process.env['x'] ?? evil());"))).toEqual([
      expect.stringContaining("expression: new Redis(process.env['x'] ?? evil())"),
    ]);
    expect(scan({}, readme("const f = new Function('globalThis.__pwned = 1');"))).toEqual([
      expect.stringContaining('expression: new Function('),
    ]);
  });
});
