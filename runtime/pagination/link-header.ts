/**
 * A parser for the HTTP `Link` header (RFC 8288 §3), used to follow `rel="next"` (GitHub-style
 * pagination). Written for real headers: several links in one value (or several headers joined with
 * `, ` by `Headers.get`), quoted parameters, relation lists, and commas inside `<…>` or quotes.
 */

export interface LinkValue {
  /** The URI-Reference between `<` and `>`, unresolved. */
  readonly target: string;
  /** Relation types, lower-cased (RFC 8288 §2.1.1: compared case-insensitively). */
  readonly rels: readonly string[];
  /** Parameters by lower-cased name; only the first occurrence of each counts (RFC 8288 §3). */
  readonly params: ReadonlyMap<string, string>;
}

const whitespace = new Set([' ', '\t', '\r', '\n']);

/** Parses every link-value of a `Link` header; malformed parts are skipped, never thrown on. */
export function parseLinkHeader(value: string): LinkValue[] {
  const links: LinkValue[] = [];
  let i = 0;
  const skipWhitespace = (): void => {
    while (i < value.length && whitespace.has(value.charAt(i))) i++;
  };
  // Skips to just past the next top-level comma (commas inside quotes do not count).
  const skipToNextLink = (): void => {
    let quoted = false;
    for (; i < value.length; i++) {
      const c = value.charAt(i);
      if (quoted && c === '\\') i++;
      else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        i++;
        return;
      }
    }
  };

  while (i < value.length) {
    skipWhitespace();
    if (value.charAt(i) === ',') {
      i++;
      continue;
    }
    if (i >= value.length) break;
    if (value.charAt(i) !== '<') {
      skipToNextLink();
      continue;
    }
    const close = value.indexOf('>', i + 1);
    if (close === -1) break;
    const target = value.slice(i + 1, close).trim();
    i = close + 1;
    const params = new Map<string, string>();
    for (;;) {
      skipWhitespace();
      if (value.charAt(i) !== ';') break;
      i++;
      skipWhitespace();
      const nameStart = i;
      while (i < value.length && !/[=;,\s]/.test(value.charAt(i))) i++;
      const name = value.slice(nameStart, i).toLowerCase();
      skipWhitespace();
      let paramValue = '';
      if (value.charAt(i) === '=') {
        i++;
        skipWhitespace();
        if (value.charAt(i) === '"') {
          i++;
          while (i < value.length && value.charAt(i) !== '"') {
            // quoted-pair (RFC 9110 §5.6.4): a backslash escapes the next character.
            if (value.charAt(i) === '\\' && i + 1 < value.length) i++;
            paramValue += value.charAt(i);
            i++;
          }
          i++;
        } else {
          const start = i;
          while (i < value.length && !/[;,\s]/.test(value.charAt(i))) i++;
          paramValue = value.slice(start, i);
        }
      }
      if (name !== '' && !params.has(name)) params.set(name, paramValue);
    }
    const rels = (params.get('rel') ?? '')
      .split(/\s+/)
      .filter((rel) => rel !== '')
      .map((rel) => rel.toLowerCase());
    links.push({ target, rels, params });
    skipWhitespace();
    if (i < value.length && value.charAt(i) !== ',') skipToNextLink();
  }
  return links;
}

/** The target of the first link whose relation list contains `rel`, or undefined. */
export function findLinkTarget(header: string | null | undefined, rel: string): string | undefined {
  if (header === null || header === undefined || header === '') return undefined;
  const wanted = rel.toLowerCase();
  return parseLinkHeader(header).find((link) => link.rels.includes(wanted))?.target;
}
