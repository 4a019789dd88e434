// One replica of the fleet tests: a child process with its own runtime client and its own Redis
// connection, driven by the parent over IPC ({ id, cmd, args } → { id, result | error }).
import { Redis } from 'ioredis';

const runtime = await import(process.env.APIWRIGHT_RUNTIME_BUNDLE);

const op = (path) => ({
  id: `get${path.replace(/\W/g, '')}`,
  method: 'GET',
  path,
  params: [],
  responses: { 200: ['application/json'], default: ['application/json'] },
});

let redis;
let store;
let client;
const events = [];

function api(baseUrl, tokenUrl) {
  const schemes =
    tokenUrl === undefined
      ? {}
      : { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl, scopes: [] } }, option: 'oauth', env: 'FLEET' } };
  return {
    title: 'Fleet API',
    version: '1',
    envPrefix: 'FLEET',
    servers: [{ url: baseUrl }],
    security: tokenUrl === undefined ? [] : [{ oauth: [] }],
    securitySchemes: schemes,
  };
}

const outcomeOf = (error) => (error && typeof error === 'object' && 'name' in error ? error.name : 'Error');

const commands = {
  init({ baseUrl, redisPort, storeOptions, options, tokenUrl, auth }) {
    if (redisPort !== undefined) {
      // Fail fast while Redis is away: commands are not queued for the reconnect.
      redis = new Redis(redisPort, '127.0.0.1', { maxRetriesPerRequest: 1, retryStrategy: () => 50, lazyConnect: false });
      redis.on('error', () => undefined);
      // A generous store timeout: the test machine is shared and slow; fallbacks are tested elsewhere.
      store = runtime.redisStore(runtime.fromIoredis(redis), { operationTimeoutMs: 5000, ...storeOptions });
    }
    client = runtime.createRuntimeClient(api(baseUrl, tokenUrl), {
      ...options,
      ...(auth === undefined ? {} : { auth }),
      ...(store === undefined ? {} : { stateStore: store }),
      onEvent: (event) => {
        if (event.type === 'stateStore' || event.type === 'circuit') events.push(event);
      },
    });
    return { pid: process.pid };
  },
  /** `count` concurrent calls; each call's outcome: the status, or the error's name. */
  async calls({ path, count }) {
    const before = store?.stats.roundTrips ?? 0;
    const outcomes = await Promise.all(
      Array.from({ length: count }, () =>
        client
          .request(op(path), undefined)
          .withResponse()
          .then(
            ({ response }) => response.status,
            (error) => outcomeOf(error),
          ),
      ),
    );
    return { outcomes, roundTrips: (store?.stats.roundTrips ?? 0) - before };
  },
  /** `loops` callers, each calling again as soon as its call ends, until `durationMs` has passed. */
  async rate({ path, loops, durationMs }) {
    const end = Date.now() + durationMs;
    let ok = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: loops }, async () => {
        while (Date.now() < end) {
          const remaining = end - Date.now();
          try {
            await client.request(op(path), undefined, { deadlineMs: Math.max(1, remaining) });
            ok += 1;
          } catch {
            // Refused near the end (the deadline would pass in the queue): stop rather than spin.
            failed += 1;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      }),
    );
    return { ok, failed };
  },
  async replay({ id }) {
    return store.setIfAbsent(`webhook:${id}`, true, 60_000);
  },
  stats() {
    return { stats: store?.stats, events, metrics: client.metrics.snapshot() };
  },
  exit() {
    redis?.disconnect();
    setImmediate(() => process.exit(0));
    return true;
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const result = await commands[cmd](args ?? {});
    process.send({ id, result });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
