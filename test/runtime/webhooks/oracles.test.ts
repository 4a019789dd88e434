/**
 * Cross-checks against the providers' own libraries (dev dependencies, used as oracles only) and
 * the vectors the providers publish: what they sign verifies with ours, and what ours signs
 * verifies with theirs.
 */
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../../runtime/index.js';

const stripe = new Stripe('sk_test_oracle');
const now = 1_700_000_000;
const clock = () => now * 1000;
const body = JSON.stringify({ id: 'evt_1', type: 'invoice.paid', data: { amount: 4200, note: 'café ✓' } });

describe('published vectors', () => {
  it('Standard Webhooks spec example', async () => {
    // From the Standard Webhooks specification and its reference libraries.
    const verified = await verifyWebhook({
      scheme: 'standard-webhooks',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      headers: {
        'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        'webhook-timestamp': '1614265330',
        'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      },
      body: '{"test": 2432232314}',
      now: () => 1614265330 * 1000,
      replay: false,
    });
    expect(verified.id).toBe('msg_p5jXN8AQM9LWM0D4loKWxJek');
    const signed = await signWebhook({
      scheme: 'standard-webhooks',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      body: '{"test": 2432232314}',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
    });
    expect(signed['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('GitHub docs example', async () => {
    // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!".
    const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    const signed = await signWebhook({ scheme: 'github', secret: "It's a Secret to Everybody", body: 'Hello, World!' });
    expect(signed['X-Hub-Signature-256']).toBe(expected);
    const verified = await verifyWebhook({
      scheme: 'github',
      secret: "It's a Secret to Everybody",
      headers: { 'X-Hub-Signature-256': expected },
      body: 'Hello, World!',
      replay: false,
    });
    expect(verified.text).toBe('Hello, World!');
  });
});

describe('standardwebhooks (oracle)', () => {
  const secret = 'whsec_' + Buffer.from('oracle-secret-0123456789abcdef').toString('base64');

  it('theirs → ours', async () => {
    const signature = new Webhook(secret).sign('msg_theirs', new Date(now * 1000), body);
    const headers = { 'webhook-id': 'msg_theirs', 'webhook-timestamp': String(now), 'webhook-signature': signature };
    const verified = await verifyWebhook({ scheme: 'standard-webhooks', secret, headers, body, now: clock, replay: false });
    expect(verified.timestamp).toBe(now);
  });

  it('ours → theirs', async () => {
    const headers = await signWebhook({
      scheme: 'standard-webhooks',
      secret,
      body,
      id: 'msg_ours',
      timestamp: Math.floor(Date.now() / 1000),
    });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('a tampered body fails with both', async () => {
    const headers = await signWebhook({
      scheme: 'standard-webhooks',
      secret,
      body,
      id: 'msg_t',
      timestamp: Math.floor(Date.now() / 1000),
    });
    expect(() => new Webhook(secret).verify(body + ' ', headers)).toThrow();
    await expect(
      verifyWebhook({ scheme: 'standard-webhooks', secret, headers, body: body + ' ', replay: false }),
    ).rejects.toMatchObject({
      reason: 'no_matching_signature',
    });
  });
});

describe('stripe (oracle)', () => {
  const secret = 'whsec_stripe_oracle_secret';

  it('theirs → ours (generateTestHeaderString)', async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: now });
    const verified = await verifyWebhook({
      scheme: 'stripe',
      secret,
      headers: { 'Stripe-Signature': header },
      body,
      now: clock,
      replay: false,
    });
    expect(verified.timestamp).toBe(now);
  });

  it('ours → theirs (constructEvent)', async () => {
    const headers = await signWebhook({ scheme: 'stripe', secret, body });
    const event = stripe.webhooks.constructEvent(body, headers['Stripe-Signature'] ?? '', secret);
    expect(event.id).toBe('evt_1');
  });

  it('theirs with a wrong secret fails ours', async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_other', timestamp: now });
    await expect(
      verifyWebhook({ scheme: 'stripe', secret, headers: { 'Stripe-Signature': header }, body, now: clock, replay: false }),
    ).rejects.toMatchObject({ reason: 'no_matching_signature' });
  });
});

describe('@octokit/webhooks-methods (oracle)', () => {
  const secret = 'octokit-oracle-secret';

  it('theirs → ours (sign)', async () => {
    const signature = await octokitSign(secret, body);
    const verified = await verifyWebhook({
      scheme: 'github',
      secret,
      headers: { 'x-hub-signature-256': signature },
      body,
      replay: false,
    });
    expect(verified.id).toBe(signature.slice('sha256='.length));
  });

  it('ours → theirs (verify)', async () => {
    const headers = await signWebhook({ scheme: 'github', secret, body });
    expect(await octokitVerify(secret, body, headers['X-Hub-Signature-256'] ?? '')).toBe(true);
    expect(await octokitVerify('wrong', body, headers['X-Hub-Signature-256'] ?? '')).toBe(false);
  });
});
