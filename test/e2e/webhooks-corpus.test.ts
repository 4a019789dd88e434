/**
 * Real specs with webhooks and callbacks (../shared/corpus/dev) generate typed handlers that
 * type-check under the strictest settings, and a GitHub-style event (signed by @octokit's own
 * `sign`) round-trips through the generated GitHub handler to the typed handler.
 */
import { sign } from '@octokit/webhooks-methods';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { issuesDelivery } from '../support/github-issue-delivery.js';
import { corpusDir, generatedDir } from '../support/paths.js';
import { typecheck } from '../support/typecheck.js';

const specs = {
  github: 'github-webhooks.json',
  example: 'webhook-example-v31.yaml',
  callbacks: 'callback-example-v3.yaml',
  tictactoe: 'tictactoe-v31.yaml',
} as const;

let root = '';

beforeAll(async () => {
  root = generatedDir('e2e', 'webhooks-corpus');
  for (const [name, file] of Object.entries(specs)) {
    await generate({ spec: path.join(corpusDir, file), out: path.join(root, name) });
  }
}, 120_000);

/** A consumer written as a user would: typed payloads, a missing scheme and an unknown event refused. */
const consumer = `
import { createWebhookHandler as github, type WebhookPayloads as GitHubPayloads } from './github/index.js';
import { createWebhookHandler as example } from './example/index.js';
import { createWebhookHandler as callbacks } from './callbacks/index.js';

export const receiveGitHub: (request: Request) => Promise<Response> = github({
  secret: 'from-a-vault',
  on: {
    issuesOpened: async (payload, context) => {
      const action: 'opened' = payload.action;
      const number: number = payload.issue.number;
      const id: string = context.id;
      await Promise.resolve([action, number, id]);
    },
    push: (payload) => {
      const after: string = payload.after;
      return new Response(after);
    },
  },
});
export type PingPayload = GitHubPayloads['ping'];

export const receivePets = example({
  scheme: 'standard-webhooks',
  secret: ['whsec_bmV3', 'whsec_b2xk'],
  on: {
    newPet: (pet) => {
      const id: number = pet.id;
      const name: string = pet.name;
      const tag: string | undefined = pet.tag;
      void [id, name, tag];
    },
  },
});
export const node: (req: import('./example/runtime/index.js').NodeRequestLike, res: import('./example/runtime/index.js').NodeResponseLike) => Promise<void> = receivePets.node;

export const receiveData = callbacks({
  scheme: { type: 'hmac', header: 'X-Signature', algorithm: 'SHA-256', encoding: 'base64' },
  secret: 'callback-secret',
  eventFrom: () => 'onData',
  on: {
    onData: (data) => {
      const userData: string | undefined = data.userData;
      void userData;
    },
  },
});

// @ts-expect-error the Webhook Example spec names no signature scheme: \`scheme\` is required
example({ secret: 'x', on: {} });
// @ts-expect-error an event the spec does not declare
github({ on: { notAnEvent: () => undefined } });
// @ts-expect-error a payload is typed: a wrong property type is an error
github({ on: { issuesOpened: (payload) => { const wrong: string = payload.issue.number; void wrong; } } });
`;

describe('generated webhook handlers for corpus specs', () => {
  it('type-check strictly, with typed payloads per event', async () => {
    writeFileSync(path.join(root, 'consumer.ts'), consumer);
    const errors = await typecheck(root, ['consumer.ts', '*/index.ts']);
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([]);
  }, 180_000);

  it('a GitHub issues.opened delivery round-trips to the typed handler', async () => {
    type Handler = (request: Request) => Promise<Response>;
    const mod = (await import(/* @vite-ignore */ path.join(root, 'github', 'webhooks.gen.ts'))) as {
      createWebhookHandler(options: Record<string, unknown>): Handler;
    };
    const seen: { event: string; payload: unknown }[] = [];
    const record = (event: string) => (payload: unknown) => void seen.push({ event, payload });
    const receive = mod.createWebhookHandler({
      secret: 'octo-secret',
      logger: false,
      on: { issuesOpened: record('issuesOpened'), issuesClosed: record('issuesClosed'), ping: record('ping') },
    });
    const deliver = async (event: string, payload: object) => {
      const body = JSON.stringify(payload);
      const headers = {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': crypto.randomUUID(),
        'x-hub-signature-256': await sign('octo-secret', body),
      };
      return (await receive(new Request('https://hooks.example/github', { method: 'POST', headers, body }))).status;
    };
    // Full deliveries, as GitHub sends them: the handler validates payloads against GitHub's spec.
    const opened = issuesDelivery('opened');
    const closed = issuesDelivery('closed');
    expect(await deliver('issues', opened)).toBe(200);
    expect(await deliver('issues', closed)).toBe(200);
    expect(await deliver('ping', { zen: 'Keep it logically awesome.', hook_id: 1 })).toBe(200);
    expect(await deliver('issues', { ...opened, action: 'labeled' })).toBe(204);
    expect(await deliver('issues', opened)).toBe(401);
    expect(seen).toEqual([
      { event: 'issuesOpened', payload: opened },
      { event: 'issuesClosed', payload: closed },
      { event: 'ping', payload: { zen: 'Keep it logically awesome.', hook_id: 1 } },
    ]);
  });

  it('the GitHub samples are valid deliveries by the schemas of GitHub (ajv), and a partial one is refused', async () => {
    const spec = JSON.parse(readFileSync(path.join(corpusDir, specs.github), 'utf8')) as { components: object };
    const ajv = new Ajv2020.default({ strict: false, allErrors: true, allowUnionTypes: true });
    addFormats.default(ajv);
    ajv.addSchema({ components: spec.components }, 'https://spec.invalid/github');
    const schema = (name: string) => ajv.compile({ $ref: `https://spec.invalid/github#/components/schemas/${name}` });
    expect(schema('webhook-issues-opened')(issuesDelivery('opened'))).toBe(true);
    expect(schema('webhook-issues-closed')(issuesDelivery('closed'))).toBe(true);
    const partial = { action: 'opened', issue: { number: 1347, title: 'Found a bug' }, repository: { full_name: 'octo/hello' } };
    expect(schema('webhook-issues-opened')(partial)).toBe(false);

    const mod = (await import(/* @vite-ignore */ path.join(root, 'github', 'webhooks.gen.ts'))) as {
      createWebhookHandler(options: Record<string, unknown>): (request: Request) => Promise<Response>;
    };
    const receive = mod.createWebhookHandler({ secret: 'octo-secret', logger: false, on: { issuesOpened: () => undefined } });
    const body = JSON.stringify(partial);
    const headers = {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': crypto.randomUUID(),
      'x-hub-signature-256': await sign('octo-secret', body),
    };
    const response = await receive(new Request('https://hooks.example/github', { method: 'POST', headers, body }));
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { issues: { path: string; keyword: string }[] };
    expect(answer.issues).toContainEqual(expect.objectContaining({ path: '/sender', keyword: 'required' }));
  });
});
