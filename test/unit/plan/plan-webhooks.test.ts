/** Webhooks and callbacks from normalize to plan: payload naming, handler keys, routing, scheme. */
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../../../src/normalize/index.js';
import { planClient } from '../../../src/plan/plan-client.js';

function plan(document: Record<string, unknown>) {
  const { document: ir } = normalizeDocument({
    document: { openapi: '3.1.0', info: { title: 'Acme', version: '1' }, ...document },
    version: '3.1',
  });
  return { ir, plan: planClient(ir, { specFile: 'spec.yaml' }) };
}

const post = (schema: unknown, extra: Record<string, unknown> = {}) => ({
  post: { requestBody: { content: { 'application/json': { schema } } }, responses: { '200': { description: 'ok' } }, ...extra },
});
const header = (name: string, schema: unknown = { type: 'string' }) => ({ name, in: 'header', required: true, schema });

describe('webhooks in the plan', () => {
  it('a spec without webhooks or callbacks plans no webhooks file', () => {
    expect(plan({ paths: {} }).plan.webhooks).toBeUndefined();
  });

  it('an inline payload becomes a named schema `<event> Payload`; a referenced one keeps its name', () => {
    const { ir, plan: p } = plan({
      webhooks: {
        'order.paid': post({ type: 'object', properties: { id: { type: 'string' } } }),
        refunded: post({ $ref: '#/components/schemas/Refund' }),
      },
      components: { schemas: { Refund: { type: 'object' } } },
    });
    const id = '#/webhooks/order.paid/post/requestBody/content/application~1json/schema';
    expect(ir.schemas.get(id)).toMatchObject({ name: 'order.paid Payload', component: false });
    expect(p.typeNames.get(id)).toBe('OrderPaidPayload');
    expect(p.webhooks?.events.map((e) => [e.key, e.payload])).toEqual([
      ['orderPaid', { kind: 'ref', target: id, source: id }],
      ['refunded', expect.objectContaining({ kind: 'ref', target: '#/components/schemas/Refund' })],
    ]);
    expect(p.webhooks?.envVar).toBe('ACME_WEBHOOK_SECRET');
  });

  it.each<[string, { given: Record<string, unknown>; headers: unknown; fields: unknown }]>([
    [
      'a header parameter with one allowed value',
      {
        given: post({}, { parameters: [header('X-Event', { const: 'ping' })] }),
        headers: [{ name: 'X-Event', value: 'ping' }],
        fields: [],
      },
    ],
    [
      "GitHub's x-github subcategory and a pinned action",
      {
        given: post(
          { type: 'object', required: ['action'], properties: { action: { type: 'string', enum: ['opened'] } } },
          { 'x-github': { subcategory: 'issues' } },
        ),
        headers: [{ name: 'X-GitHub-Event', value: 'issues' }],
        fields: [{ path: 'action', value: 'opened' }],
      },
    ],
    [
      'a type pinned in every oneOf variant',
      {
        given: post({
          oneOf: [
            { type: 'object', required: ['type'], properties: { type: { const: 'a.b' }, x: { type: 'string' } } },
            { type: 'object', required: ['type'], properties: { type: { const: 'a.b' } } },
          ],
        }),
        headers: [],
        fields: [{ path: 'type', value: 'a.b' }],
      },
    ],
    [
      'an optional or non-discriminating field pins nothing',
      {
        given: post({ type: 'object', required: ['status'], properties: { status: { const: 'x' }, type: { const: 'y' } } }),
        headers: [],
        fields: [],
      },
    ],
  ])('routing from the spec: %s', (_, { given, headers, fields }) => {
    const event = plan({ webhooks: { hook: given } }).plan.webhooks?.events[0];
    expect(event?.headers).toEqual(headers);
    expect(event?.fields).toEqual(fields);
  });

  it.each([
    ['X-Hub-Signature-256', 'github'],
    ['Stripe-Signature', 'stripe'],
    ['X-Slack-Signature', 'slack'],
    ['webhook-signature', 'standard-webhooks'],
    ['X-Custom-Signature', undefined],
  ])('a declared %s header implies scheme %s', (name, scheme) => {
    const p = plan({ webhooks: { hook: post({}, { parameters: [header(name)] }) } }).plan;
    expect(p.webhooks?.defaultScheme).toBe(scheme);
    expect(p.webhooks?.events[0]?.headers).toEqual([]);
  });

  it('callbacks are events keyed by callback name, qualified by operation on collision, counted once when shared', () => {
    const callback = { '{$request.body#/url}': post({ type: 'object' }) };
    const p = plan({
      paths: {
        '/a': {
          post: { operationId: 'subscribeA', responses: { '201': { description: '' } }, callbacks: { onEvent: callback } },
        },
        '/b': {
          post: {
            operationId: 'subscribeB',
            responses: { '201': { description: '' } },
            callbacks: { onEvent: { $ref: '#/components/callbacks/Shared' } },
          },
        },
        '/c': {
          post: {
            operationId: 'subscribeC',
            responses: { '201': { description: '' } },
            callbacks: { onEvent: { $ref: '#/components/callbacks/Shared' } },
          },
        },
      },
      components: { callbacks: { Shared: { '{$request.query.to}': post({ type: 'string' }) } } },
    }).plan;
    expect(p.webhooks?.events.map((e) => e.key)).toEqual(['onEvent', 'subscribeBOnEvent']);
    expect(p.webhooks?.events.map((e) => e.inbound.origin)).toEqual([
      { kind: 'callback', name: 'onEvent', expression: '{$request.body#/url}', operation: 'subscribeA' },
      { kind: 'callback', name: 'onEvent', expression: '{$request.query.to}', operation: 'subscribeB' },
    ]);
  });

  it('event keys never collide with Object.prototype members', () => {
    const webhooks = JSON.parse('{"constructor": {}, "__proto__": {}, "toString": {}}') as Record<string, unknown>;
    for (const name of Object.keys(webhooks)) webhooks[name] = post({});
    const keys = plan({ webhooks }).plan.webhooks?.events.map((e) => e.key);
    expect(keys).toHaveLength(3);
    for (const reserved of ['constructor', '__proto__', 'toString']) expect(keys).not.toContain(reserved);
  });
});
