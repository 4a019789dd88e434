/**
 * Random spec text for the fuzz test: arbitraries for hostile strings, and a template spec with a
 * slot for every place spec text can reach generated code. One spec carries many strings, so one
 * generate + type-check + oracle covers them all.
 */
import fc from 'fast-check';

/** Fragments that end literals, comments or scripts, or start code. */
export const dangerousFragments = [
  "'",
  '"',
  '`',
  '*/',
  '/*',
  '${',
  '}',
  '\\',
  '\u2028',
  '\u2029',
  '\n',
  '\r\n',
  '\u0000',
  '</script>',
  '<!--',
  '__proto__',
  "'+(globalThis.__pwned=1)+'",
  '"+(globalThis.__pwned=1)+"',
  '`+(globalThis.__pwned=1)+`',
  '${globalThis.__pwned=1}',
  '*/globalThis.__pwned=1;/*',
  '\nglobalThis.__pwned=1;\n',
] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** One hostile string: random code points (full Unicode, lone surrogates, ASCII) mixed with dangerous fragments. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
      fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('a', '/', '{', '"')), maxLength: 3 }),
      fc.constantFrom(...dangerousFragments),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(''));

/** HTTP token characters only (RFC 9110 §5.6.2): a header name the client can always send. */
const tokenString = fc.string({
  unit: fc.constantFrom(..."!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
  minLength: 1,
  maxLength: 12,
});

const some = (min: number, max: number): fc.Arbitrary<string[]> => fc.array(hostileString, { minLength: min, maxLength: max });

/** The strings of one fuzz run, by where they are injected. */
export interface FuzzStrings {
  title: string;
  version: string;
  description: string;
  summaries: string[];
  operationIds: string[];
  tags: string[];
  pathSegments: string[];
  pathParamName: string;
  queryParamNames: string[];
  /** Any text: most of these cannot be sent, and must be refused with a typed error. */
  headerNames: string[];
  /** Random HTTP tokens: these must arrive as themselves. */
  tokenHeaderNames: string[];
  enumValues: string[];
  enumVarNames: string[];
  propertyNames: string[];
  schemaNames: string[];
  defaults: string[];
  constValue: string;
  serverUrl: string;
  securitySchemeName: string;
  mediaTypes: string[];
}

export const fuzzStrings: fc.Arbitrary<FuzzStrings> = fc.record({
  title: hostileString,
  version: hostileString,
  description: hostileString,
  summaries: some(2, 2),
  operationIds: some(5, 5),
  tags: some(2, 2),
  pathSegments: some(2, 2),
  pathParamName: hostileString,
  queryParamNames: some(2, 2),
  headerNames: some(2, 2),
  tokenHeaderNames: fc.array(tokenString, { minLength: 2, maxLength: 2 }),
  enumValues: some(2, 4),
  enumVarNames: some(2, 2),
  propertyNames: some(2, 4),
  schemaNames: some(2, 2),
  defaults: some(2, 2),
  constValue: hostileString,
  serverUrl: hostileString,
  securitySchemeName: hostileString,
  mediaTypes: some(2, 2),
});

export function countStrings(strings: FuzzStrings): number {
  return Object.values(strings).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 1), 0);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Literal path text the oracle can compare after a round trip. Characters the URL parser gives a
 * meaning to or drops (`/ ? # % \`, tab and line breaks, braces of a template), dot segments and
 * lone surrogates are replaced: SECURITY-CASES 1 pins how the client sends those (fixture 01).
 */
export function pathSafe(text: string): string {
  const cleaned = text.replace(LONE_SURROGATE, '_').replace(/[/?#%\\{}\t\n\r]/g, '_');
  return /^\.{1,2}$/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** A media type a Content-Type / Accept header can carry (Latin-1, no controls); fixture 09 pins the rest. */
export function headerSafe(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, 'x');
}

function unique(values: readonly string[], fold: (s: string) => string = (s) => s): string[] {
  const seen = new Set<string>();
  return values.map((value, index) => {
    let candidate = value;
    while (seen.has(fold(candidate))) candidate = `${value}#${index}`;
    seen.add(fold(candidate));
    return candidate;
  });
}

type Json = { [key: string]: unknown };

const RESERVED_HEADERS = new Set([
  'accept',
  'content-type',
  'content-length',
  'host',
  'connection',
  'cookie',
  'authorization',
  'x-fuzz-key',
  'x-oracle-call',
  'x-oracle-status',
  'x-request-id',
  'user-agent',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
]);

/** An object with exactly these own keys, `__proto__` included (a literal or assignment would set the prototype). */
function entries(pairs: readonly (readonly [string, unknown])[]): Json {
  const object: Json = {};
  for (const [key, value] of pairs)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** The template spec with every slot filled. Names that must be unique are made unique with a `#n` suffix. */
export function buildFuzzSpec(s: FuzzStrings): Json {
  const [opA = 'a', opB = 'b', opC = 'c', opD = 'd', opE = 'e'] = unique(s.operationIds);
  const tags = unique(s.tags);
  const [seg1 = 's', seg2 = 't'] = s.pathSegments.map(pathSafe);
  const pathParam = pathSafe(s.pathParamName);
  const queryNames = unique(s.queryParamNames);
  const headerNames = unique(s.headerNames, (n) => n.toLowerCase());
  // The oracle's own headers and the ones fetch owns are not the spec's to declare.
  const tokenHeaderNames = unique(
    s.tokenHeaderNames.filter((n) => !RESERVED_HEADERS.has(n.toLowerCase())),
    (n) => n.toLowerCase(),
  );
  const [requestMedia = 'a/b', responseMedia = 'c/d'] = unique(s.mediaTypes.map(headerSafe), (m) => m.trim().toLowerCase());
  const enumValues = [...new Set(s.enumValues)];
  const ok = (content?: Json): Json => ({ description: s.description, ...(content ? { content } : {}) });
  const json = (schema: Json): Json => ({ 'application/json': { schema } });
  const record = entries(
    unique(s.propertyNames).map(
      (name, i) =>
        [name, i === 0 ? { type: 'string', default: s.defaults[0] ?? '' } : { type: 'string', const: s.constValue }] as const,
    ),
  );
  return {
    openapi: '3.1.0',
    info: { title: s.title, version: s.version, description: s.description },
    servers: [{ url: s.serverUrl }],
    tags: tags.map((name) => ({ name, description: s.description })),
    paths: entries([
      [
        `/f/${seg1}/{${pathParam}}/${seg2}`,
        {
          summary: s.summaries[0],
          get: {
            operationId: opA,
            tags: [tags[0]],
            summary: s.summaries[0],
            description: s.description,
            parameters: [
              { name: pathParam, in: 'path', required: true, description: s.description, schema: { type: 'string' } },
              { name: 'kind', in: 'query', schema: { type: 'string', enum: enumValues, 'x-enum-varnames': s.enumVarNames } },
            ],
            responses: { '200': ok(json({ type: 'object', properties: record })) },
          },
        },
      ],
      [
        '/query',
        {
          get: {
            operationId: opD,
            parameters: queryNames.map((name) => ({
              name,
              in: 'query',
              schema: { type: 'string', default: s.defaults[1] ?? '' },
            })),
            responses: { '200': ok() },
          },
        },
      ],
      [
        '/headers',
        {
          get: {
            operationId: opB,
            tags: [tags[1]],
            summary: s.summaries[1],
            parameters: tokenHeaderNames.map((name) => ({ name, in: 'header', schema: { type: 'string' } })),
            security: [entries([[s.securitySchemeName, []]])],
            responses: { '200': ok() },
          },
        },
      ],
      [
        '/any-headers',
        {
          get: {
            operationId: opE,
            parameters: headerNames.map((name) => ({ name, in: 'header', schema: { type: 'string' } })),
            responses: { '200': ok() },
          },
        },
      ],
      [
        '/media',
        {
          post: {
            operationId: opC,
            requestBody: { required: true, content: entries([[requestMedia, { schema: { type: 'string' } }]]) },
            responses: { '200': ok(entries([[responseMedia, { schema: { type: 'string' } }]])) },
          },
        },
      ],
    ]),
    components: {
      schemas: entries(
        unique(s.schemaNames).map(
          (name, i) =>
            [
              name,
              i === 0
                ? {
                    type: 'string',
                    enum: enumValues,
                    'x-enum-varnames': s.enumVarNames,
                    'x-enumNames': s.enumVarNames,
                    description: s.description,
                  }
                : { type: 'object', properties: record },
            ] as const,
        ),
      ),
      securitySchemes: entries([
        [s.securitySchemeName, { type: 'apiKey', in: 'header', name: 'X-Fuzz-Key', description: s.description }],
      ]),
    },
  };
}
