/**
 * A loopback HTTP server (127.0.0.1, OS-picked port) that misbehaves on cue, for transport-level
 * resilience tests. Each request takes the next fault of its path's script (the last one repeats).
 * It counts how often each request reached it — by Idempotency-Key, else by body — and applies a
 * side effect per request, deduplicated by Idempotency-Key like a careful server would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** 200 JSON after applying the side effect (a repeated Idempotency-Key replays, no new effect). */
  | { kind: 'ok'; status?: number; body?: unknown }
  /** A plain status (5xx storm, 429 …) with headers; no side effect. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** 429 whose Retry-After is `waitMs` ahead in the given form; `Date` is sent to match. */
  | { kind: 'retry-after'; form: 'seconds' | 'imf-fixdate' | 'rfc850' | 'asctime' | 'ms'; waitMs: number }
  /** Reads the request (optionally applying its effect), then resets the TCP connection. */
  | { kind: 'reset-before-response'; process?: boolean }
  /** Sends headers and half the body, then resets. */
  | { kind: 'reset-mid-body'; process?: boolean }
  /** Never sends headers. */
  | { kind: 'stall-headers' }
  /** Sends the body one small chunk every `intervalMs`. */
  | { kind: 'trickle-body'; intervalMs: number; chunks: number }
  /** Declares a Content-Length larger than what it sends, then closes: truncated JSON on the wire. */
  | { kind: 'truncated-json'; process?: boolean }
  /** A complete HTTP message whose JSON body is cut short. */
  | { kind: 'invalid-json'; process?: boolean }
  /**
   * A redirect; `to` is a path on this server, an absolute URL, or `self` (the request's own URL).
   * `process`: the server acted before redirecting (a 303 after a POST that created something).
   */
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; to: string; process?: boolean }
  /** 200 with a body of `bytes` bytes (past the client's maxResponseBytes), after acting. */
  | { kind: 'oversize'; bytes: number; process?: boolean };

export interface SeenRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface FaultServer {
  readonly url: URL;
  /** Sets the faults for a path, in order; the last repeats. */
  script(path: string, faults: readonly Fault[]): void;
  /** Times a request reached the server: by Idempotency-Key, else `body:<text>`. */
  hits(id: string): number;
  /** Side effects applied for a request id (deduplicated by Idempotency-Key). */
  effects(id: string): number;
  readonly requests: readonly SeenRequest[];
  /** Total side effects. */
  totalEffects(): number;
  /** Side effects applied by requests whose path starts with `prefix`. */
  effectsUnder(prefix: string): number;
  /** Requests (with a body, when `withBody`) whose path starts with `prefix`. */
  hitsUnder(prefix: string, withBody?: boolean): number;
  close(): Promise<void>;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
const time = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/** The three HTTP-date formats of RFC 9110 §5.6.7, written independently of the parser under test. */
export function formatHttpDate(ms: number, form: 'imf-fixdate' | 'rfc850' | 'asctime'): string {
  const d = new Date(ms);
  const day = d.getUTCDay();
  const month = MONTHS[d.getUTCMonth()] ?? 'Jan';
  if (form === 'imf-fixdate') return `${DAYS[day]}, ${pad(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${time(d)} GMT`;
  if (form === 'rfc850')
    return `${LONG_DAYS[day]}, ${pad(d.getUTCDate())}-${month}-${pad(d.getUTCFullYear() % 100)} ${time(d)} GMT`;
  return `${DAYS[day]} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time(d)} ${d.getUTCFullYear()}`;
}

function requestId(req: IncomingMessage, body: string): string {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : `body:${body}`;
}

export async function startFaultServer(): Promise<FaultServer> {
  const scripts = new Map<string, { faults: readonly Fault[]; next: number }>();
  const hits = new Map<string, number>();
  const effects = new Map<string, number>();
  const processedKeys = new Set<string>();
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const pathEffects = new Map<string, number>();
  const applyEffect = (req: IncomingMessage, id: string): boolean => {
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string') {
      if (processedKeys.has(key)) return false;
      processedKeys.add(key);
    }
    effects.set(id, (effects.get(id) ?? 0) + 1);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    pathEffects.set(path, (pathEffects.get(path) ?? 0) + 1);
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const id = requestId(req, body);
    hits.set(id, (hits.get(id) ?? 0) + 1);
    requests.push({
      method: req.method ?? 'GET',
      path,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      body,
      headers: req.headers,
    });
    const fallback: Fault = { kind: 'ok' };
    const script = scripts.get(path) ?? { faults: [fallback], next: 0 };
    const fault = script.faults[Math.min(script.next, script.faults.length - 1)] ?? fallback;
    script.next += 1;
    scripts.set(path, script);
    const json = JSON.stringify({ id, path, ok: true, padding: 'x'.repeat(64) });

    switch (fault.kind) {
      case 'ok': {
        const fresh = applyEffect(req, id);
        res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(fault.body ?? { id, replayed: !fresh }));
        return;
      }
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(fault.body ?? JSON.stringify({ error: { message: `status ${fault.status}` } }));
        return;
      case 'retry-after': {
        const base = Math.floor(Date.now() / 1000) * 1000;
        const value =
          fault.form === 'seconds'
            ? String(fault.waitMs / 1000)
            : fault.form === 'ms'
              ? String(fault.waitMs)
              : formatHttpDate(base + fault.waitMs, fault.form);
        const header = fault.form === 'ms' ? 'retry-after-ms' : 'retry-after';
        res.writeHead(429, { 'content-type': 'application/json', date: formatHttpDate(base, 'imf-fixdate'), [header]: value });
        res.end('{"error":{"message":"slow down"}}');
        return;
      }
      case 'reset-before-response':
        if (fault.process === true) applyEffect(req, id);
        req.socket.resetAndDestroy();
        return;
      case 'reset-mid-body':
        if (fault.process === true) applyEffect(req, id);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(json.length) });
        res.write(json.slice(0, json.length / 2), () => {
          const t = setTimeout(() => req.socket.resetAndDestroy(), 5);
          timers.add(t);
        });
        return;
      case 'stall-headers':
        return; // the socket is closed by the client's timeout or by close()
      case 'trickle-body': {
        res.writeHead(200, { 'content-type': 'application/json' });
        let sent = 0;
        const tick = (): void => {
          if (res.destroyed) return;
          if (sent >= fault.chunks) {
            res.end(JSON.stringify({ id, trickled: sent }));
            return;
          }
          sent += 1;
          res.write(' ');
          const t = setTimeout(tick, fault.intervalMs);
          timers.add(t);
        };
        tick();
        return;
      }
      case 'truncated-json':
        if (fault.process === true) applyEffect(req, id);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(json.length + 100) });
        res.write(json.slice(0, 20), () => req.socket.end());
        return;
      case 'invalid-json':
        if (fault.process === true) applyEffect(req, id);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(json.slice(0, 20));
        return;
      case 'redirect': {
        if (fault.process === true) applyEffect(req, id);
        const location = fault.to === 'self' ? (req.url ?? '/') : fault.to;
        res.writeHead(fault.status, { location, 'content-length': '0' });
        res.end();
        return;
      }
      case 'oversize':
        if (fault.process === true) applyEffect(req, id);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"padding":"${'x'.repeat(fault.bytes)}"}`);
        return;
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: new URL(`http://127.0.0.1:${port}`),
    script: (path, faults) => scripts.set(path, { faults, next: 0 }),
    hits: (id) => hits.get(id) ?? 0,
    effects: (id) => effects.get(id) ?? 0,
    totalEffects: () => [...effects.values()].reduce((a, b) => a + b, 0),
    effectsUnder: (prefix) => [...pathEffects].reduce((sum, [path, n]) => sum + (path.startsWith(prefix) ? n : 0), 0),
    hitsUnder: (prefix, withBody = false) =>
      requests.filter((q) => q.path.startsWith(prefix) && (!withBody || q.body !== '')).length,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
