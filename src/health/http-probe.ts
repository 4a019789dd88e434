/**
 * One timed HTTP request with a safe method (GET or HEAD), over node:http / node:https with
 * verification on. The body is read up to a cap and dropped: only the status, headers and time matter.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { elapsed, messageOf } from './network-checks.js';

const MAX_BODY_BYTES = 1024 * 1024;

export interface ProbeResult {
  status: number | null;
  headers: Record<string, string>;
  ms: number;
  error?: string;
}

export interface ProbeRequest {
  url: URL;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  ca: string | undefined;
  timeoutMs: number;
}

export function probe(request: ProbeRequest): Promise<ProbeResult> {
  // A second guard: nothing but a safe method ever leaves this module.
  if (request.method !== 'GET' && request.method !== 'HEAD') throw new Error(`health never sends ${String(request.method)}`);
  const started = performance.now();
  const secure = request.url.protocol === 'https:';
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<ProbeResult, 'ms'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.destroy();
      resolve({ ...result, ms: elapsed(started) });
    };
    const options: https.RequestOptions = {
      method: request.method,
      headers: { accept: 'application/json, */*;q=0.5', 'user-agent': 'apiwright-health', ...request.headers },
      agent: false,
      ...(secure && request.ca !== undefined ? { ca: [...tls.rootCertificates, request.ca] } : {}),
    };
    const outgoing = (secure ? https : http).request(request.url, options, (response) => {
      const headers = flattenHeaders(response.headers);
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_BODY_BYTES) finish({ status: response.statusCode ?? null, headers });
      });
      response.once('end', () => finish({ status: response.statusCode ?? null, headers }));
      response.once('error', (error) => finish({ status: response.statusCode ?? null, headers, error: messageOf(error) }));
    });
    const timer = setTimeout(
      () => finish({ status: null, headers: {}, error: `no response within ${request.timeoutMs} ms` }),
      request.timeoutMs,
    );
    outgoing.once('error', (error) => finish({ status: null, headers: {}, error: messageOf(error) }));
    outgoing.end();
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}
