import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  WebhookConfigError,
  WebhookVerificationError,
  createMemoryStateStore,
  signWebhook,
  verifyWebhook,
  type HmacSchemeOptions,
  type StateStore,
  type WebhookScheme,
} from '../../../runtime/index.js';

const now = 1_700_000_000;
const clock = () => now * 1000;
const body = '{"type":"thing.created","n":1}';
const secretFor = (scheme: WebhookScheme): string =>
  scheme === 'standard-webhooks' ? 'whsec_' + Buffer.from('a-very-secret-key-material').toString('base64') : 'sekrit-value-42';

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
}

describe.each<[string, WebhookScheme]>([
  ['standard-webhooks', 'standard-webhooks'],
  ['stripe', 'stripe'],
  ['slack', 'slack'],
  ['github', 'github'],
  [
    'generic hmac with timestamp',
    { type: 'hmac', header: 'X-Sig', prefix: 'sha512=', algorithm: 'SHA-512', timestamp: { header: 'X-Ts' } },
  ],
])('%s', (_, scheme) => {
  const secret = secretFor(scheme);
  const hasTimestamp = scheme !== 'github';
  const verify = (headers: Record<string, string>, options: { body?: string; secret?: string | string[]; at?: number } = {}) =>
    verifyWebhook({
      scheme,
      secret: options.secret ?? secret,
      headers,
      body: options.body ?? body,
      now: () => (options.at ?? now) * 1000,
      replay: false,
    });

  it('accepts a valid delivery and refuses each fault with its reason', async () => {
    const headers = await signWebhook({ scheme, secret, body, timestamp: now, id: 'msg_1' });
    expect(await reason(verify(headers))).toBe('accepted');
    expect(await reason(verify(headers, { body: body.replace('1', '2') }))).toBe('no_matching_signature');
    expect(await reason(verify(headers, { secret: secretFor(scheme).replace(/.$/, 'X') }))).toMatch(/no_matching_signature/);
    expect(await reason(verify({}))).toBe('missing_header');
    expect(await reason(verify(headers, { body: JSON.stringify(JSON.parse(body), null, 1) }))).toBe('no_matching_signature');
    if (hasTimestamp) {
      expect(await reason(verify(headers, { at: now + 301 }))).toBe('timestamp_outside_tolerance');
      expect(await reason(verify(headers, { at: now - 301 }))).toBe('timestamp_outside_tolerance');
      expect(await reason(verify(headers, { at: now + 299 }))).toBe('accepted');
    }
  });

  it('accepts a delivery signed with any of several secrets (rotation)', async () => {
    const old = secret.startsWith('whsec_') ? 'whsec_' + Buffer.from('the-previous-key').toString('base64') : 'previous';
    const headers = await signWebhook({ scheme, secret: old, body, timestamp: now, id: 'msg_2' });
    expect(await reason(verify(headers))).toBe('no_matching_signature');
    expect(await reason(verify(headers, { secret: [secret, old] }))).toBe('accepted');
  });

  it('never puts the secret into an error', async () => {
    const headers = await signWebhook({ scheme, secret: 'other-secret', body, timestamp: now, id: 'msg_3' }).catch(() => ({}));
    const error = await verify(headers).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    const text = JSON.stringify(error) + String(error) + ((error as Error).stack ?? '');
    expect(text).not.toContain(secret);
  });
});

describe('several signatures in one header', () => {
  it('standard-webhooks: any v1 entry may match; v1a and junk are skipped', async () => {
    const secret = secretFor('standard-webhooks');
    const signed = await signWebhook({ scheme: 'standard-webhooks', secret, body, timestamp: now, id: 'msg_m' });
    const headers = { ...signed, 'webhook-signature': `v1a,xyz v1,bm9wZQ== ${signed['webhook-signature']} v1,%%%` };
    const verified = await verifyWebhook({ scheme: 'standard-webhooks', secret, headers, body, now: clock, replay: false });
    expect(verified.id).toBe('msg_m');
  });

  it('stripe: several v1= entries (a rolled secret) and a v0 entry', async () => {
    const secret = 'whsec_roll';
    const signed = (await signWebhook({ scheme: 'stripe', secret, body, timestamp: now }))['Stripe-Signature'] ?? '';
    const v1 = signed.split(',')[1] ?? '';
    const header = `t=${now},v1=${'0'.repeat(64)},${v1},v0=${'1'.repeat(64)}`;
    await expect(
      verifyWebhook({ scheme: 'stripe', secret, headers: { 'stripe-signature': header }, body, now: clock, replay: false }),
    ).resolves.toBeDefined();
    expect(
      await reason(
        verifyWebhook({ scheme: 'stripe', secret, headers: { 'stripe-signature': `v1=${'0'.repeat(64)}` }, body, now: clock }),
      ),
    ).toBe('bad_format');
  });
});

describe('generic HMAC', () => {
  it.each<[string, HmacSchemeOptions, (secret: string) => string]>([
    [
      'SHA-1 hex, no prefix',
      { type: 'hmac', header: 'X-Sig', algorithm: 'SHA-1' },
      (s) => createHmac('sha1', s).update(body).digest('hex'),
    ],
    [
      'SHA-256 base64',
      { type: 'hmac', header: 'X-Sig', encoding: 'base64' },
      (s) => createHmac('sha256', s).update(body).digest('base64'),
    ],
    [
      'SHA-512 hex with prefix',
      { type: 'hmac', header: 'X-Sig', algorithm: 'SHA-512', prefix: 'sha512=' },
      (s) => 'sha512=' + createHmac('sha512', s).update(body).digest('hex'),
    ],
  ])('%s verifies what node:crypto signs', async (_, scheme, make) => {
    const headers = { 'x-sig': make('k3y') };
    await expect(verifyWebhook({ scheme, secret: 'k3y', headers, body, replay: false })).resolves.toMatchObject({
      scheme: 'hmac',
    });
    await expect(verifyWebhook({ scheme, secret: 'k3y!', headers, body, replay: false })).rejects.toMatchObject({
      reason: 'no_matching_signature',
    });
  });

  it('a timestamp header joined to the body, in milliseconds, with a custom separator and a base64 secret', async () => {
    const scheme: HmacSchemeOptions = {
      type: 'hmac',
      header: 'X-Signature',
      timestamp: { header: 'X-Timestamp', separator: ':', unit: 'milliseconds' },
      secretEncoding: 'base64',
    };
    const key = Buffer.from('binary\u0000key');
    const ms = String(now * 1000);
    const headers = { 'X-Signature': createHmac('sha256', key).update(`${ms}:${body}`).digest('hex'), 'X-Timestamp': ms };
    const secret = key.toString('base64');
    await expect(verifyWebhook({ scheme, secret, headers, body, now: clock, replay: false })).resolves.toMatchObject({
      timestamp: now,
    });
    expect(await signWebhook({ scheme, secret, body, timestamp: now })).toEqual(headers);
  });

  it('a secret that does not decode is a configuration error', async () => {
    await expect(verifyWebhook({ scheme: 'standard-webhooks', secret: 'whsec_!!!', headers: {}, body })).rejects.toBeInstanceOf(
      WebhookConfigError,
    );
    await expect(verifyWebhook({ scheme: 'github', secret: [], headers: {}, body })).rejects.toBeInstanceOf(WebhookConfigError);
  });
});

describe('replay protection', () => {
  const secret = secretFor('standard-webhooks');
  const deliver = async (store: StateStore, id: string, at = now) =>
    reason(
      verifyWebhook({
        scheme: 'standard-webhooks',
        secret,
        headers: await signWebhook({ scheme: 'standard-webhooks', secret, body, timestamp: at, id }),
        body,
        now: () => at * 1000,
        replay: store,
      }),
    );

  it('refuses the same id twice, accepts another id', async () => {
    const store = createMemoryStateStore();
    expect(await deliver(store, 'msg_a')).toBe('accepted');
    expect(await deliver(store, 'msg_a')).toBe('replayed');
    expect(await deliver(store, 'msg_b')).toBe('accepted');
  });

  it('keeps ids for twice the tolerance, then forgets them', async () => {
    let t = now * 1000;
    const store = createMemoryStateStore({ now: () => t });
    expect(await deliver(store, 'msg_w')).toBe('accepted');
    t += 599_000;
    expect(await deliver(store, 'msg_w', now + 599)).toMatch(/replayed/);
    t += 2_000;
    expect(await deliver(store, 'msg_w', now + 601)).toBe('accepted');
  });

  it('works with a store that has no setIfAbsent (get + set)', async () => {
    const inner = createMemoryStateStore();
    const store: StateStore = { get: (k) => inner.get(k), set: (k, v, ttl) => inner.set(k, v, ttl) };
    expect(await deliver(store, 'msg_c')).toBe('accepted');
    expect(await deliver(store, 'msg_c')).toBe('replayed');
  });

  it('records nothing for a delivery that fails verification', async () => {
    const store = createMemoryStateStore();
    const headers = await signWebhook({ scheme: 'standard-webhooks', secret, body, timestamp: now, id: 'msg_x' });
    await verifyWebhook({ scheme: 'standard-webhooks', secret, headers, body: body + 'x', now: clock, replay: store }).catch(
      () => undefined,
    );
    expect(store.size).toBe(0);
  });

  it('replays are refused by default (one in-memory store per process)', async () => {
    const unique = JSON.stringify({ nonce: crypto.randomUUID() });
    const headers = await signWebhook({ scheme: 'github', secret: 's', body: unique });
    const once = { scheme: 'github' as const, secret: 's', headers, body: unique };
    expect(await reason(verifyWebhook(once))).toBe('accepted');
    expect(await reason(verifyWebhook(once))).toBe('replayed');
  });
});
