/**
 * The webhook endpoint as a node:http / Express-style `(req, res)` listener. The objects are used
 * structurally (no node: import), so this file still runs everywhere the runtime does.
 */
import type { Logger } from '../observe/observe.js';
import { readCappedBody } from './read-body.js';
import type { Bytes } from '../util/bytes.js';

/** A delivery as read off the wire; `body` undefined when it exceeded the cap. */
export interface Delivery {
  method: string;
  url: string;
  headers: Headers;
  body: Bytes | undefined;
}

/** What is used of node's IncomingMessage (or Express's Request). */
export interface NodeRequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  on(event: 'data', listener: (chunk: unknown) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners?(event: string): unknown;
  resume?(): unknown;
  /** Set by body-parsing middleware; raw bytes (express.raw) work, a parsed object does not. */
  body?: unknown;
  /** Some frameworks keep the raw body here. */
  rawBody?: unknown;
  /** True once the stream was consumed (by a body parser): nothing is left to read. */
  readableEnded?: boolean | undefined;
}

/** What is used of node's ServerResponse (or Express's Response). */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(chunk?: Uint8Array): unknown;
}

export type NodeListener = (req: NodeRequestLike, res: NodeResponseLike) => Promise<void>;

/** Internal: `createWebhookReceiver` exposes it as `handler.node`. */
export function toNodeListener(
  receive: (delivery: Delivery) => Promise<Response>,
  options: { maxBodyBytes: number; logger: Logger | undefined },
): NodeListener {
  return async (req, res) => {
    let response: Response;
    try {
      const headers = toHeaders(req.headers);
      const body = await readNodeBody(req, headers, options.maxBodyBytes, options.logger);
      if (body === 'parsed') response = new Response(null, { status: 500 });
      else response = await receive({ method: req.method ?? 'POST', url: `http://localhost${req.url ?? '/'}`, headers, body });
    } catch (error) {
      options.logger?.error({ msg: 'webhook request failed', error: error instanceof Error ? error.name : 'unknown' });
      response = new Response(null, { status: 500 });
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    if (response.status === 413) res.setHeader('connection', 'close');
    res.end(new Uint8Array(await response.arrayBuffer()));
  };
}

function toHeaders(raw: NodeRequestLike['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    // HTTP/2 pseudo-headers (`:path`) are not headers.
    if (value === undefined || name.startsWith(':')) continue;
    headers.set(name, typeof value === 'string' ? value : value.join(', '));
  }
  return headers;
}

type NodeBody = Bytes | undefined | 'parsed';

async function readNodeBody(
  req: NodeRequestLike,
  headers: Headers,
  maxBytes: number,
  logger: Logger | undefined,
): Promise<NodeBody> {
  const preread = req.rawBody ?? req.body;
  if (typeof preread === 'string') return capped(new TextEncoder().encode(preread), maxBytes);
  if (preread instanceof Uint8Array) return capped(new Uint8Array(preread), maxBytes);
  const parsedObject = typeof preread === 'object' && preread !== null && Object.keys(preread).length > 0;
  if (parsedObject || req.readableEnded === true) {
    // A JSON body parser ran first: the bytes that were signed are gone, and re-serializing never matches.
    logger?.error({ msg: 'webhook body was already parsed; mount the handler before body parsers or use express.raw()' });
    return 'parsed';
  }
  return readCappedBody(toReadableStream(req), headers, maxBytes);
}

/**
 * The request's events as a web stream, so the one capped reader serves node too. Once the reader
 * cancels (the body passed the cap), later chunks are drained and dropped, never buffered.
 */
function toReadableStream(req: NodeRequestLike): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk) => {
        if (settled) return;
        const bytes =
          typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk instanceof Uint8Array ? chunk : undefined;
        if (bytes !== undefined) controller.enqueue(bytes);
      });
      req.on('end', () => {
        if (settled) return;
        settled = true;
        controller.close();
      });
      req.on('error', (error) => {
        if (settled) return;
        settled = true;
        controller.error(error instanceof Error ? error : new Error('request stream failed'));
      });
    },
    cancel() {
      settled = true;
    },
  });
}

function capped(bytes: Bytes, maxBytes: number): Bytes | undefined {
  return bytes.byteLength > maxBytes ? undefined : bytes;
}
