/**
 * What a mock handler answers: the operation's success response (lowest 2xx), or the status a test
 * overrides it with; the body the test gives, else the spec's example, else data generated from the
 * response schema with a seed derived from the operation and status (the same request always gets
 * the same data). Serialized for the response's media type. The msw glue lives in the generated
 * mocks.gen.ts: the runtime has no dependencies.
 */
import { isJsonMediaType } from '../request/body.js';
import { isEventStreamMediaType } from '../transport/event-stream.js';
import type { FakerLike } from './faker.js';
import { generateValue } from './generate-value.js';
import type { MockApi, MockOperation, MockResponseSpec, MockSchema } from './mock-schema.js';
import { createRandom, deriveSeed } from './random.js';
import { responseKeyFor } from '../util/response-key.js';

export interface MockOptions {
  /** Answer requests to this base URL (e.g. `http://localhost:3000/api`) instead of the spec's servers. */
  readonly baseUrl?: string;
  /** Seed of the generated data (default 1): the same seed gives the same data. */
  readonly seed?: number;
  /** Answer with the spec's examples where it has them (default true). */
  readonly examples?: boolean;
  /** `faker` from @faker-js/faker (or any object shaped like it) for realistic names, emails, dates…; seeded per response. */
  readonly faker?: FakerLike;
  /** Depth down to which optional properties and array items are generated (default 3). */
  readonly maxDepth?: number;
}

/** How one handler answers instead of its default success response, e.g. `{ status: 404 }`. */
export interface MockOverride<Body> {
  /** The status to answer with; the body is then generated from that status's declared response. */
  readonly status?: number;
  /** The body to answer with, or a function of the request giving it. */
  readonly body?: Body | ((request: Request) => Body | Promise<Body>);
  /** Headers added to (or replacing) the generated ones. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface MockReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | ArrayBuffer | null;
}

/** Headers the response itself decides (or that would send a client following links or cookies). */
const skippedHeaders = new Set(['content-type', 'content-length', 'transfer-encoding', 'connection', 'link', 'set-cookie']);
const binaryMedia = /^(application\/(octet-stream|pdf|zip|x-tar|gzip)|image\/|audio\/|video\/)/i;

export async function mockReply<Body>(
  api: MockApi,
  operation: MockOperation,
  request: Request,
  override: MockOverride<Body> | undefined,
  options: MockOptions | undefined,
): Promise<MockReply> {
  const spec = override?.status === undefined ? successResponse(operation) : responseFor(operation, override.status);
  const status = override?.status ?? statusOf(spec);
  const seed = deriveSeed(options?.seed ?? 1, `${operation.id} ${status}`);
  options?.faker?.seed?.(seed);
  const random = createRandom(seed);
  const generate = (schema: MockSchema): unknown =>
    generateValue(schema, {
      schemas: api.schemas,
      random,
      faker: options?.faker,
      examples: options?.examples,
      maxDepth: options?.maxDepth,
    });
  const headers = generateHeaders(spec, generate);
  const noBody = request.method === 'HEAD' || status === 204 || status === 304;
  const stream = noBody || override?.body !== undefined ? undefined : acceptedStream(spec, request);
  if (stream !== undefined) {
    headers['content-type'] = stream.mediaType;
    return {
      status,
      headers,
      body: serializeStream(
        stream.mediaType,
        [0, 1, 2].map(() => generate(stream.schema)),
      ),
    };
  }
  let value: unknown;
  if (override?.body !== undefined) {
    value =
      typeof override.body === 'function'
        ? await (override.body as (r: Request) => Body | Promise<Body>)(request)
        : override.body;
  } else if (spec?.mediaType !== undefined && !noBody) {
    value =
      options?.examples !== false && spec.example !== undefined ? spec.example : generate(spec.schema ?? { kind: 'unknown' });
  }
  const mediaType = spec?.mediaType ?? (typeof value === 'string' ? 'text/plain' : 'application/json');
  const body = noBody || value === undefined ? null : serialize(value, mediaType, spec?.schema);
  if (body !== null) headers['content-type'] = contentType(mediaType);
  for (const [name, text] of Object.entries(override?.headers ?? {})) headers[name.toLowerCase()] = text;
  return { status, headers, body };
}

/** The lowest declared 2xx, else a `2XX` range, else `default`; undefined when nothing is declared. */
function successResponse(operation: MockOperation): MockResponseSpec | undefined {
  const exact = operation.responses.filter((r) => /^2\d\d$/.test(r.status)).sort((a, b) => Number(a.status) - Number(b.status));
  return (
    exact[0] ?? operation.responses.find((r) => r.status === '2XX') ?? operation.responses.find((r) => r.status === 'default')
  );
}

function responseFor(operation: MockOperation, status: number): MockResponseSpec | undefined {
  const key = responseKeyFor(status, (k) => operation.responses.some((r) => r.status === k));
  return operation.responses.find((r) => r.status === key);
}

function statusOf(spec: MockResponseSpec | undefined): number {
  if (spec === undefined) return 204;
  if (/^\d{3}$/.test(spec.status)) return Number(spec.status);
  if (/^[1-5]XX$/.test(spec.status)) return Number(spec.status[0]) * 100;
  return 200;
}

function generateHeaders(spec: MockResponseSpec | undefined, generate: (schema: MockSchema) => unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, schema] of Object.entries(spec?.headers ?? {})) {
    if (skippedHeaders.has(name.toLowerCase())) continue;
    const value = generate(schema);
    if (value === undefined || value === null) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.map((item) => headerText(item)).join(',') : headerText(value);
  }
  return headers;
}

/** The declared stream media type the request's Accept names before the body's own media type, if any. */
function acceptedStream(
  spec: MockResponseSpec | undefined,
  request: Request,
): { mediaType: string; schema: MockSchema } | undefined {
  const accept = (request.headers.get('accept') ?? '').toLowerCase();
  const position = (mediaType: string): number => accept.indexOf(mediaType.toLowerCase().split(';')[0] ?? '');
  const own = spec?.mediaType;
  const body = own === undefined || spec?.streams?.some((s) => s.mediaType === own) === true ? -1 : position(own);
  return spec?.streams?.find((s) => position(s.mediaType) >= 0 && (body < 0 || position(s.mediaType) < body));
}

/** Items as server-sent events (`data:` lines) or as JSON Lines. */
function serializeStream(mediaType: string, items: unknown[]): string {
  const json = items.map((item) => JSON.stringify(item) ?? 'null');
  return isEventStreamMediaType(mediaType) ? json.map((line) => `data: ${line}\n\n`).join('') : `${json.join('\n')}\n`;
}

function headerText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function serialize(value: unknown, mediaType: string, schema: MockSchema | undefined): string | ArrayBuffer {
  if (binaryMedia.test(mediaType) || schema?.kind === 'binary') {
    return new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)).slice().buffer;
  }
  if (/^application\/x-www-form-urlencoded/i.test(mediaType) && typeof value === 'object' && value !== null) {
    const form = new URLSearchParams();
    for (const [key, item] of Object.entries(value)) form.append(key, typeof item === 'string' ? item : JSON.stringify(item));
    return form.toString();
  }
  // `*/*` is answered as application/json (contentType below), so it is serialized as JSON too.
  if (isJsonMediaType(mediaType) || /^\*\/\*\s*(;|$)/.test(mediaType)) return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A concrete Content-Type for a declared media type (`image/*` and `*\/*` are ranges, not types). */
function contentType(mediaType: string): string {
  if (mediaType === '*/*') return 'application/json';
  if (mediaType.includes('*')) return 'application/octet-stream';
  return mediaType;
}

/** Data for one named schema, e.g. to build an override's body: `mockData(api, 'Pet', { seed: 2 })`. */
export function mockData(api: MockApi, name: string, options?: MockOptions): unknown {
  const seed = deriveSeed(options?.seed ?? 1, name);
  options?.faker?.seed?.(seed);
  return generateValue(
    { kind: 'ref', ref: name },
    {
      schemas: api.schemas,
      random: createRandom(seed),
      faker: options?.faker,
      examples: options?.examples,
      maxDepth: options?.maxDepth,
    },
  );
}
