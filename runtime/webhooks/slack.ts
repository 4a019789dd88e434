/**
 * Slack (https://api.slack.com/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature: v0=<hex>`, HMAC-SHA256 over `v0:<X-Slack-Request-Timestamp>:body`.
 */
import { decodeHex, encodeHex, joinBytes, utf8 } from './encoding.js';
import { WebhookVerificationError } from './errors.js';
import { hmacMatchesAny, hmacSign } from './hmac.js';
import { checkTimestamp, noMatch, parseTimestamp, requireHeader, type SignatureScheme } from './scheme.js';

const prefix = 'v0=';

export const slackScheme: SignatureScheme = {
  name: 'slack',

  decodeSecret: utf8,

  async verify({ header, body, keys, nowSeconds, toleranceSeconds }) {
    const signature = requireHeader(header, 'x-slack-signature');
    const timestampText = requireHeader(header, 'x-slack-request-timestamp');
    if (!signature.startsWith(prefix)) throw new WebhookVerificationError('bad_format', 'X-Slack-Signature must start with v0=');
    const timestamp = parseTimestamp(timestampText, 'X-Slack-Request-Timestamp');
    checkTimestamp(timestamp, nowSeconds, toleranceSeconds);
    const candidate = decodeHex(signature.slice(prefix.length));
    const signed = joinBytes(utf8(`v0:${timestampText}:`), body);
    if (!(await hmacMatchesAny('SHA-256', keys, signed, candidate === undefined ? [] : [candidate]))) throw noMatch();
    return { id: signature.slice(prefix.length).toLowerCase(), timestamp };
  },

  async sign({ key, body, timestamp }) {
    const signature = await hmacSign('SHA-256', key, joinBytes(utf8(`v0:${timestamp}:`), body));
    return { 'X-Slack-Signature': `${prefix}${encodeHex(signature)}`, 'X-Slack-Request-Timestamp': String(timestamp) };
  },
};
