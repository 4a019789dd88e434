/**
 * Standard Webhooks (https://www.standardwebhooks.com, spec.md "Signature scheme"): headers
 * `webhook-id`, `webhook-timestamp`, `webhook-signature`; HMAC-SHA256 over `id.timestamp.body`,
 * base64, written `v1,<sig>`; several space-separated signatures; secrets `whsec_<base64>`.
 */
import { decodeBase64, encodeBase64, joinBytes, utf8 } from './encoding.js';
import { WebhookConfigError } from './errors.js';
import { hmacMatchesAny, hmacSign } from './hmac.js';
import { checkTimestamp, noMatch, parseTimestamp, requireHeader, type SignatureScheme } from './scheme.js';

const secretPrefix = 'whsec_';

export const standardWebhooksScheme: SignatureScheme = {
  name: 'standard-webhooks',

  decodeSecret(secret) {
    const encoded = secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret;
    const key = decodeBase64(encoded);
    if (key === undefined || key.byteLength === 0) {
      throw new WebhookConfigError('a Standard Webhooks secret must be base64, optionally prefixed with whsec_');
    }
    return key;
  },

  async verify({ header, body, keys, nowSeconds, toleranceSeconds }) {
    const id = requireHeader(header, 'webhook-id');
    const timestampText = requireHeader(header, 'webhook-timestamp');
    const signatures = requireHeader(header, 'webhook-signature');
    const timestamp = parseTimestamp(timestampText, 'webhook-timestamp');
    checkTimestamp(timestamp, nowSeconds, toleranceSeconds);
    // Other versions (`v1a` asymmetric signatures) are skipped, as the spec asks.
    const candidates = signatures
      .split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .flatMap((entry) => decodeBase64(entry.slice(3)) ?? []);
    const signed = joinBytes(utf8(`${id}.${timestampText}.`), body);
    if (!(await hmacMatchesAny('SHA-256', keys, signed, candidates))) throw noMatch();
    return { id, timestamp };
  },

  async sign({ key, body, timestamp, id }) {
    const signature = await hmacSign('SHA-256', key, joinBytes(utf8(`${id}.${timestamp}.`), body));
    return {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${encodeBase64(signature)}`,
    };
  },
};
