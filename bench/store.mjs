#!/usr/bin/env node
// npm run bench:store — the latency a Redis state store adds to each call (rate limiter with a
// bucket, circuit breaker, retry budget all on) against the in-memory store, and the Redis round
// trips per call. Sequential calls to a loopback server; alternating rounds; medians printed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createConnection, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Redis } from 'ioredis';
import { createClient as createNodeRedis } from 'redis';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const ping = (port) =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });

async function startRedis() {
  const port = await freePort();
  const child = spawn(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100 && !(await ping(port)); i += 1) await new Promise((r) => setTimeout(r, 50));
  return { port, stop: () => child.kill('SIGTERM') };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwright-bench-store-'));
  const bundle = path.join(dir, 'runtime.mjs');
  await build({
    entryPoints: [path.join(root, 'runtime/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: bundle,
    logLevel: 'silent',
  });
  const runtime = await import(bundle);
  const api = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' });
    res.end('{}');
  });
  await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${api.address().port}`;
  const redis = await startRedis();
  const ioredis = new Redis(redis.port, '127.0.0.1');
  const nodeRedis = await createNodeRedis({ url: `redis://127.0.0.1:${redis.port}` }).connect();

  const descriptor = {
    title: 'Bench',
    version: '1',
    envPrefix: 'BENCH',
    servers: [{ url: origin }],
    security: [],
    securitySchemes: {},
  };
  const op = { id: 'get', method: 'GET', path: '/thing', params: [], responses: { 200: ['application/json'] } };
  const stores = {
    memory: () => undefined,
    'redis (ioredis)': (round) => runtime.redisStore(runtime.fromIoredis(ioredis), { prefix: `bench-io-${round}` }),
    'redis (node-redis)': (round) => runtime.redisStore(runtime.fromNodeRedis(nodeRedis), { prefix: `bench-nr-${round}` }),
  };
  const results = Object.fromEntries(Object.keys(stores).map((name) => [name, { p50: [], p99: [], trips: [] }]));

  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, make] of Object.entries(stores)) {
      const stateStore = make(round);
      const client = runtime.createRuntimeClient(descriptor, {
        rateLimit: { requestsPerSecond: 1_000_000 },
        ...(stateStore === undefined ? {} : { stateStore }),
      });
      for (let i = 0; i < 100; i += 1) await client.request(op, undefined); // warm-up
      const before = stateStore?.stats.roundTrips ?? 0;
      const latencies = [];
      for (let i = 0; i < CALLS; i += 1) {
        const t0 = performance.now();
        await client.request(op, undefined);
        latencies.push(performance.now() - t0);
      }
      latencies.sort((a, b) => a - b);
      results[name].p50.push(percentile(latencies, 50));
      results[name].p99.push(percentile(latencies, 99));
      results[name].trips.push(((stateStore?.stats.roundTrips ?? 0) - before) / CALLS);
    }
  }

  const base = results.memory;
  console.log(
    `bench:store — ${CALLS} sequential calls × ${ROUNDS} rounds, medians (limiter with a bucket, breaker, retry budget on)`,
  );
  for (const [name, r] of Object.entries(results)) {
    const p50 = median(r.p50);
    const p99 = median(r.p99);
    const added =
      name === 'memory'
        ? ''
        : `  added p50 ${(p50 - median(base.p50)).toFixed(3)} ms, p99 ${(p99 - median(base.p99)).toFixed(3)} ms`;
    console.log(
      `${name.padEnd(20)} p50 ${p50.toFixed(3)} ms  p99 ${p99.toFixed(3)} ms  Redis round trips/call ${median(r.trips).toFixed(2)}${added}`,
    );
  }

  ioredis.disconnect();
  nodeRedis.destroy();
  redis.stop();
  api.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
