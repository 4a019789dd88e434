/**
 * Requests that break specs/param-styles.yaml on purpose, one per way Prism reports a violation, so a
 * green conformance run cannot come from an oracle that stopped listening.
 */
import { randomUUID } from 'node:crypto';
import { createRecordingFetch, type Exchange } from './prism-violations.js';

interface Probe {
  readonly name: string;
  readonly path: string;
  readonly init: RequestInit;
}

const bearer = { Authorization: 'Bearer token' };

const PROBES: readonly Probe[] = [
  // No 4xx declared: Prism answers with its own UNPROCESSABLE_ENTITY problem listing the violations.
  { name: 'query value below its minimum', path: '/query/form?count=1&ids=1&ids=2&csv=1,2&text=x', init: { headers: bearer } },
  // 422 declared: Prism answers with the spec's response and lists the violations in `sl-violations`.
  {
    name: 'JSON body missing a required property',
    path: '/bodies/json',
    init: { method: 'POST', headers: { ...bearer, 'Content-Type': 'application/json' }, body: JSON.stringify({ lines: [] }) },
  },
  {
    name: 'deepObject value of the wrong type',
    path: '/query/deep-object?filter%5Br%5D=red&filter%5Bg%5D=1',
    init: { headers: bearer },
  },
  { name: 'missing credentials', path: '/auth/basic', init: {} },
  {
    name: 'undeclared content type',
    path: '/bodies/text',
    init: { method: 'PUT', headers: { ...bearer, 'Content-Type': 'application/json' }, body: '"abc"' },
  },
];

/** Sends every probe; returns, per probe, what Prism reported. */
export async function sendOracleProbes(prismUrl: string): Promise<{ name: string; exchange: Exchange | undefined }[]> {
  const recording = createRecordingFetch();
  const results: { name: string; exchange: Exchange | undefined }[] = [];
  for (const probe of PROBES) {
    const requestId = randomUUID();
    const headers = new Headers(probe.init.headers);
    headers.set('X-Request-ID', requestId);
    const response = await recording.fetch(`${prismUrl}${probe.path}`, { ...probe.init, headers });
    await response.body?.cancel();
    results.push({ name: probe.name, exchange: recording.take(requestId)[0] });
  }
  return results;
}
