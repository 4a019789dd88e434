/**
 * Spec text in webhooks.gen.ts stays data: hostile webhook names, header names and values, GitHub
 * subcategories, callback expressions and summaries come back from the generated module exactly
 * as written, and the file type-checks strictly.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { generatedDir } from '../support/paths.js';
import { typecheck } from '../support/typecheck.js';

const evil = [
  "*/ throw new Error('pwned'); /*",
  "'; globalThis.pwned = 1; '",
  '`${globalThis.pwned = 2}`',
  'line\nbreak\u2028sep',
  'bidi \u202e gnp.exe',
  '__proto__',
];

describe('hostile spec text in webhooks.gen.ts', () => {
  it('is escaped: names and routing values round-trip, nothing runs, the file type-checks', async () => {
    const dir = generatedDir('e2e', 'webhooks-hostile');
    const webhooks = Object.fromEntries(
      evil.map((text, i) => [
        `${text}${i}`,
        {
          post: {
            summary: text,
            parameters: [{ name: `X-Evt-${i}`, in: 'header', schema: { const: text } }],
            'x-github': { subcategory: text },
            requestBody: {
              content: {
                'application/json': { schema: { type: 'object', required: ['type'], properties: { type: { const: text } } } },
              },
            },
            responses: { '200': { description: text } },
          },
        },
      ]),
    );
    const spec = path.join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ openapi: '3.1.0', info: { title: 'Evil', version: '1' }, webhooks }));
    await generate({ spec, out: path.join(dir, 'out') });
    const mod = (await import(/* @vite-ignore */ path.join(dir, 'out', 'webhooks.gen.ts'))) as {
      webhookEvents: { key: string; name: string; headers?: Record<string, string>; fields?: Record<string, string> }[];
    };
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    expect(mod.webhookEvents.map((e) => e.name)).toEqual(evil.map((text, i) => `${text}${i}`));
    mod.webhookEvents.forEach((event, i) => {
      expect(event.key).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
      expect(Object.entries(event.headers ?? {})).toEqual([
        [`X-Evt-${i}`, evil[i]],
        ['X-GitHub-Event', evil[i]],
      ]);
      expect(event.fields).toEqual({ type: evil[i] });
    });
    const errors = await typecheck(path.join(dir, 'out'), ['index.ts']);
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([]);
  }, 120_000);
});
