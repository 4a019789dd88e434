/**
 * The long tail of providers: an HMAC in one header, with the algorithm, encoding, prefix and what
 * is signed (the body, or a timestamp header joined to it) given as options.
 */
import { decodeBase64, decodeHex, encodeBase64, encodeHex, joinBytes, utf8 } from './encoding.js';
import { WebhookConfigError } from './errors.js';
import { hmacMatchesAny, hmacSign, type HmacAlgorithm } from './hmac.js';
import { checkTimestamp, noMatch, parseTimestamp, requireHeader, type SignatureScheme } from './scheme.js';
import type { Bytes } from '../util/bytes.js';

export interface HmacSchemeOptions {
  type: 'hmac';
  /** The header carrying the signature, e.g. `X-Signature`. Several signatures may be separated by spaces or commas. */
  header: string;
  /** Default `SHA-256`. */
  algorithm?: HmacAlgorithm | undefined;
  /** How the signature is written. Default `hex`. */
  encoding?: 'hex' | 'base64' | undefined;
  /** Text before each signature, e.g. `sha256=`. */
  prefix?: string | undefined;
  /** When set, `<timestamp><separator><body>` is signed and the timestamp must be within tolerance. */
  timestamp?:
    | {
        header: string;
        /** Between the timestamp and the body. Default `.`. */
        separator?: string | undefined;
        /** Default `seconds`. */
        unit?: 'seconds' | 'milliseconds' | undefined;
      }
    | undefined;
  /** How the secret string is turned into key bytes. Default `utf8`. */
  secretEncoding?: 'utf8' | 'hex' | 'base64' | undefined;
}

export function createHmacScheme(options: HmacSchemeOptions): SignatureScheme {
  const algorithm = options.algorithm ?? 'SHA-256';
  const encoding = options.encoding ?? 'hex';
  const prefix = options.prefix ?? '';
  const timestampOption = options.timestamp;
  const separator = timestampOption?.separator ?? '.';
  const perSecond = timestampOption?.unit === 'milliseconds' ? 1000 : 1;
  const decode = encoding === 'hex' ? decodeHex : decodeBase64;
  const signedBytes = (timestampText: string | undefined, body: Bytes) =>
    timestampText === undefined ? body : joinBytes(utf8(`${timestampText}${separator}`), body);

  return {
    name: 'hmac',

    decodeSecret(secret) {
      if (options.secretEncoding === undefined || options.secretEncoding === 'utf8') return utf8(secret);
      const key = options.secretEncoding === 'hex' ? decodeHex(secret) : decodeBase64(secret);
      if (key === undefined) throw new WebhookConfigError(`the webhook secret is not valid ${options.secretEncoding}`);
      return key;
    },

    async verify({ header, body, keys, nowSeconds, toleranceSeconds }) {
      const value = requireHeader(header, options.header);
      let timestampText: string | undefined;
      let timestamp: number | undefined;
      if (timestampOption !== undefined) {
        timestampText = requireHeader(header, timestampOption.header);
        timestamp = Math.floor(parseTimestamp(timestampText, timestampOption.header) / perSecond);
        checkTimestamp(timestamp, nowSeconds, toleranceSeconds);
      }
      const entries = value.split(/[\s,]+/).filter((entry) => entry !== '' && entry.startsWith(prefix));
      const candidates = entries.flatMap((entry) => decode(entry.slice(prefix.length)) ?? []);
      if (!(await hmacMatchesAny(algorithm, keys, signedBytes(timestampText, body), candidates))) throw noMatch();
      return { id: entries.join(','), timestamp };
    },

    async sign({ key, body, timestamp }) {
      const timestampText = timestampOption === undefined ? undefined : String(timestamp * perSecond);
      const signature = await hmacSign(algorithm, key, signedBytes(timestampText, body));
      const encoded = encoding === 'hex' ? encodeHex(signature) : encodeBase64(signature);
      return {
        [options.header]: `${prefix}${encoded}`,
        ...(timestampOption === undefined || timestampText === undefined ? {} : { [timestampOption.header]: timestampText }),
      };
    },
  };
}
