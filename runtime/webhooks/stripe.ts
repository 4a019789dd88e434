/**
 * Stripe (https://docs.stripe.com/webhooks#verify-manually): `Stripe-Signature: t=<ts>,v1=<hex>`,
 * HMAC-SHA256 over `t.body`, several `v1=` entries while a secret is rolled. The secret
 * (`whsec_…`) is used as its UTF-8 bytes, prefix included.
 */
import { decodeHex, encodeHex, joinBytes, utf8 } from './encoding.js';
import { WebhookVerificationError } from './errors.js';
import { hmacMatchesAny, hmacSign } from './hmac.js';
import { checkTimestamp, noMatch, parseTimestamp, requireHeader, type SignatureScheme } from './scheme.js';

const headerName = 'stripe-signature';

export const stripeScheme: SignatureScheme = {
  name: 'stripe',

  decodeSecret: utf8,

  async verify({ header, body, keys, nowSeconds, toleranceSeconds }) {
    const value = requireHeader(header, headerName);
    const pairs = value.split(',').map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? ['', ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    });
    const timestampText = pairs.find(([k]) => k === 't')?.[1];
    const signatures = pairs.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
    if (timestampText === undefined || signatures.length === 0) {
      throw new WebhookVerificationError('bad_format', 'Stripe-Signature lacks t= or v1=');
    }
    const timestamp = parseTimestamp(timestampText, 'Stripe-Signature t');
    checkTimestamp(timestamp, nowSeconds, toleranceSeconds);
    const candidates = signatures.flatMap((s) => decodeHex(s) ?? []);
    const signed = joinBytes(utf8(`${timestampText}.`), body);
    if (!(await hmacMatchesAny('SHA-256', keys, signed, candidates))) throw noMatch();
    // Stripe sends no message id outside the body; the signature (over t and the body) stands in.
    return { id: signatures.join(','), timestamp };
  },

  async sign({ key, body, timestamp }) {
    const signature = await hmacSign('SHA-256', key, joinBytes(utf8(`${timestamp}.`), body));
    return { 'Stripe-Signature': `t=${timestamp},v1=${encodeHex(signature)}` };
  },
};
