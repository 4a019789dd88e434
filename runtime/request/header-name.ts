/**
 * Header field names (RFC 9110 §5.1: a `token`). One rule for both sides: the generator warns about
 * a spec that names an impossible header, and the runtime refuses it with a typed error instead of
 * the raw TypeError `Headers` would throw.
 */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function isHeaderName(name: string): boolean {
  return TOKEN.test(name);
}
