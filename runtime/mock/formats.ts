/**
 * Realistic strings for the `format`s OpenAPI and JSON Schema name (and for a few telling property
 * names), from the seeded random source or from faker when the user passes it. Every value is
 * valid for its format as ajv-formats checks it; hosts are reserved example names and documentation
 * addresses (RFC 2606, RFC 5737, RFC 3849), never real ones.
 */
import type { FakerLike } from './faker.js';
import type { Random } from './random.js';

const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
const firstNames = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken'];
const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson'];

/** 2024-01-01T00:00:00Z: generated dates fall in the year after it. */
const epoch = /* @__PURE__ */ Date.UTC(2024, 0, 1);

function hex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += random.int(0, 15).toString(16);
  return out;
}

function uuid(random: Random): string {
  const variant = (8 + random.int(0, 3)).toString(16);
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

function dateTime(random: Random): Date {
  return new Date(epoch + random.int(0, 365 * 24 * 3600) * 1000);
}

function word(random: Random): string {
  return random.pick(words);
}

/** A string for `format`, or undefined when the format is not one we know. */
export function formatValue(format: string, random: Random, faker: FakerLike | undefined): string | undefined {
  switch (format) {
    case 'email':
    case 'idn-email':
      return faker?.internet.email() ?? `${word(random)}.${random.int(1, 99)}@example.com`;
    case 'uuid':
      return faker?.string.uuid() ?? uuid(random);
    case 'date-time':
      return (faker?.date.recent() ?? dateTime(random)).toISOString();
    case 'date':
      return (faker?.date.recent() ?? dateTime(random)).toISOString().slice(0, 10);
    case 'time':
      return `${dateTime(random).toISOString().slice(11, 19)}Z`;
    case 'uri':
    case 'url':
    case 'iri':
    case 'uri-reference':
    case 'iri-reference':
      return faker?.internet.url() ?? `https://example.com/${word(random)}/${random.int(1, 999)}`;
    case 'uri-template':
      return `https://example.com/${word(random)}/{id}`;
    case 'hostname':
    case 'idn-hostname':
      return faker?.internet.domainName() ?? `${word(random)}.example.com`;
    case 'ipv4':
      return faker?.internet.ipv4() ?? `192.0.2.${random.int(1, 254)}`;
    case 'ipv6':
      return faker?.internet.ipv6() ?? `2001:db8::${hex(random, 4)}`;
    case 'byte':
      return btoa(`${word(random)}-${random.int(0, 999)}`);
    case 'password':
      return `pw-${hex(random, 12)}`;
    case 'duration':
      return `P${random.int(1, 30)}D`;
    case 'json-pointer':
      return `/${word(random)}/${random.int(0, 9)}`;
    case 'regex':
      return `^${word(random)}$`;
    default:
      return undefined;
  }
}

/** A string for a property whose name says what it holds (`email`, `firstName`…), or undefined. */
export function namedValue(name: string, random: Random, faker: FakerLike | undefined): string | undefined {
  const key = name.toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'email' || key.endsWith('email')) return formatValue('email', random, faker);
  if (key === 'url' || key.endsWith('url') || key === 'href' || key === 'website') return formatValue('uri', random, faker);
  if (key === 'firstname' || key === 'givenname') return faker?.person.firstName() ?? random.pick(firstNames);
  if (key === 'lastname' || key === 'familyname' || key === 'surname') return faker?.person.lastName() ?? random.pick(lastNames);
  if (key === 'fullname' || key === 'displayname')
    return faker?.person.fullName() ?? `${random.pick(firstNames)} ${random.pick(lastNames)}`;
  if (key === 'username' || key === 'login') return faker?.internet.username() ?? `${word(random)}${random.int(1, 99)}`;
  if (key === 'description' || key === 'summary') return faker?.lorem.sentence() ?? `A ${word(random)} ${word(random)}.`;
  return undefined;
}

/** A plain string: a word and a number, or faker's lorem word. */
export function plainString(random: Random, faker: FakerLike | undefined): string {
  return faker === undefined ? `${word(random)}-${random.int(1, 999)}` : faker.lorem.word();
}
