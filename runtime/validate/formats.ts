/**
 * `format` checks for the formats OpenAPI specs use (OAS 3.1 §4.4, JSON Schema Validation §7.3).
 * Unknown formats pass. Each check is a plain function so a bundle keeps only the ones its
 * validators call.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:z|([+-])(\d{2}):(\d{2}))$/i;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** RFC 3339 full-date, with real month lengths and leap years. */
export function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS[month - 1] ?? 31));
}

/** RFC 3339 full-time with an offset; a leap second only at 23:59:60 UTC. */
export function isTime(text: string): boolean {
  const match = TIME.exec(text);
  if (match === null) return false;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3]);
  const sign = match[4] === '-' ? -1 : 1;
  const offsetHour = Number(match[5] ?? 0);
  const offsetMinute = Number(match[6] ?? 0);
  if (hour > 23 || minute > 59 || offsetHour > 23 || offsetMinute > 59) return false;
  if (second < 60) return second <= 59;
  if (second > 60) return false;
  const utcMinutes = (((hour * 60 + minute - sign * (offsetHour * 60 + offsetMinute)) % 1440) + 1440) % 1440;
  return utcMinutes === 23 * 60 + 59;
}

/** RFC 3339 date-time: `T` (or `t`, or a space as RFC 3339 §5.6 allows) between date and time. */
export function isDateTime(text: string): boolean {
  const at = text.search(/[Tt ]/);
  return at === 10 && isDate(text.slice(0, 10)) && isTime(text.slice(11));
}

const EMAIL_LOCAL = /^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*|"(?:[^"\\\r\n]|\\.)*")$/i;
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** RFC 5321 mailbox: a dot-atom or quoted local part; a host name or an `[IPv4]` / `[IPv6:…]` literal. */
export function isEmail(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at < 1 || text.length > 320) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (!EMAIL_LOCAL.test(local)) return false;
  if (domain.startsWith('[') && domain.endsWith(']')) {
    const literal = domain.slice(1, -1);
    return /^ipv6:/i.test(literal) ? isIpv6(literal.slice(5)) : isIpv4(literal);
  }
  return EMAIL_DOMAIN.test(domain);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

const SCHEME = /^[a-z][a-z0-9+.-]*$/i;
/** Characters RFC 3986 allows outside IP literals (`[` `]` only delimit those), with valid %-escapes. */
const URI_TEXT = /^(?:[a-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9a-f]{2})*$/i;
const USERINFO = /^(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*$/i;

/** The common case in one pass: plain characters only (no `%`, no IP literal), checked by isAuthority for the port. */
const PLAIN_URI = /^[a-z][a-z0-9+.-]*:[a-z0-9\-._~!$&'()*+,;=:@/?#]*$/i;

/** An absolute URI (RFC 3986 §3): scheme, then an authority whose userinfo, host and port are well-formed. */
export function isUri(text: string): boolean {
  const colon = text.indexOf(':');
  if (colon < 1) return false;
  if (PLAIN_URI.test(text)) {
    if (text.charCodeAt(colon + 1) !== 47 || text.charCodeAt(colon + 2) !== 47) return true;
    // Most authorities are a bare host name: no `:` (port) and no `@` (userinfo) to look at.
    for (let i = colon + 3; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 47 || c === 63 || c === 35) return true; // `/` `?` `#`: the authority ended plainly
      if (c === 58 || c === 64) return isAuthority(authorityOf(text, colon)); // `:` `@`
    }
    return true;
  }
  if (!SCHEME.test(text.slice(0, colon))) return false;
  let rest = text.slice(colon + 1);
  if (rest.startsWith('//')) {
    const authority = authorityOf(text, colon);
    rest = rest.slice(2 + authority.length);
    if (!isAuthority(authority)) return false;
  }
  return URI_TEXT.test(rest);
}

/** The authority after `scheme://`, up to the path, query or fragment. */
function authorityOf(text: string, colon: number): string {
  const start = colon + 3;
  let end = start;
  while (end < text.length && text[end] !== '/' && text[end] !== '?' && text[end] !== '#') end++;
  return text.slice(start, end);
}

function isAuthority(authority: string): boolean {
  const at = authority.lastIndexOf('@');
  if (at !== -1 && !USERINFO.test(authority.slice(0, at))) return false;
  const hostPort = authority.slice(at + 1);
  const literalEnd = hostPort.startsWith('[') ? hostPort.indexOf(']') : -1;
  if (hostPort.startsWith('[') && (literalEnd === -1 || !isIpv6(hostPort.slice(1, literalEnd)))) return false;
  const afterHost =
    literalEnd === -1
      ? hostPort.slice(hostPort.indexOf(':') === -1 ? hostPort.length : hostPort.indexOf(':'))
      : hostPort.slice(literalEnd + 1);
  const host = literalEnd === -1 ? hostPort.slice(0, hostPort.length - afterHost.length) : '';
  if (afterHost !== '' && !/^:\d*$/.test(afterHost)) return false;
  return /^(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*$/i.test(host);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** RFC 4291 text form: 8 groups, or fewer around one `::`; an IPv4 tail counts as two groups. */
export function isIpv6(text: string): boolean {
  if (text.length > 45 || !/^[0-9a-f:.]+$/i.test(text)) return false;
  let body = text;
  if (text.includes('.')) {
    const colon = text.lastIndexOf(':');
    if (colon === -1 || !isIpv4(text.slice(colon + 1))) return false;
    body = `${text.slice(0, colon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const groups = halves.flatMap(groupsOf);
  const valid = groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group));
  return valid && (halves.length === 1 ? groups.length === 8 : groups.length < 8);
}

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, 253 characters at most. */
export function isHostname(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  return text.split('.').every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(label));
}

/** `format: byte`: base64 (RFC 4648 §4), padded. */
export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/** Every integer a JavaScript number holds exactly is in int64's range; larger ones lost precision already. */
export function isInt64(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) <= 2 ** 63;
}
