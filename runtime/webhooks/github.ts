/**
 * GitHub (https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries):
 * `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 over the body. There is no signed timestamp
 * or id (X-GitHub-Delivery is not signed), so the signature is the replay key and replays are
 * caught only within the replay window. The SHA-1 `X-Hub-Signature` is not accepted.
 */
import { decodeHex, encodeHex, utf8 } from './encoding.js';
import { WebhookVerificationError } from './errors.js';
import { hmacMatchesAny, hmacSign } from './hmac.js';
import { noMatch, requireHeader, type SignatureScheme } from './scheme.js';

const headerName = 'x-hub-signature-256';
const prefix = 'sha256=';

export const githubScheme: SignatureScheme = {
  name: 'github',

  decodeSecret: utf8,

  async verify({ header, body, keys }) {
    const value = requireHeader(header, headerName);
    if (!value.startsWith(prefix))
      throw new WebhookVerificationError('bad_format', 'X-Hub-Signature-256 must start with sha256=');
    const candidate = decodeHex(value.slice(prefix.length));
    if (!(await hmacMatchesAny('SHA-256', keys, body, candidate === undefined ? [] : [candidate]))) throw noMatch();
    return { id: value.slice(prefix.length).toLowerCase(), timestamp: undefined };
  },

  async sign({ key, body }) {
    return { 'X-Hub-Signature-256': `${prefix}${encodeHex(await hmacSign('SHA-256', key, body))}` };
  },
};
