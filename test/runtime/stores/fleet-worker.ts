/**
 * One replica of the fleet tests, run as a forked process (bundled with the runtime by esbuild, see
 * fleet.ts): its own runtime client and its own Redis connection, driven over IPC
 * ({ id, cmd, args } → { id, result } | { id, error }).
 */
import { Redis } from 'ioredis';
import {
  createRuntimeClient,
  fromIoredis,
  redisStore,
  type Client,
  type ClientOptions,
  type ObserveEvent,
  type RedisStateStore,
  type RedisStoreOptions,
} from '../../../runtime/index.js';
import type { ApiDescriptor, OperationDescriptor } from '../../../runtime/client/descriptor.js';

const op = (path: string): OperationDescriptor => ({
  id: `get${path.replace(/\W/g, '')}`,
  method: 'GET',
  path,
  params: [],
  responses: { '200': ['application/json'], default: ['application/json'] },
});

let redis: Redis | undefined;
let store: RedisStateStore | undefined;
let client: Client | undefined;
const events: ObserveEvent[] = [];
/** When this replica handed each request to fetch (after the limiter let it go), for the rate test. */
let sentAt: number[] = [];

function api(baseUrl: string, tokenUrl: string | undefined): ApiDescriptor {
  return {
    title: 'Fleet API',
    version: '1',
    envPrefix: 'FLEET',
    servers: [{ url: baseUrl }],
    security: tokenUrl === undefined ? [] : [{ oauth: [] }],
    securitySchemes:
      tokenUrl === undefined
        ? {}
        : { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl, scopes: [] } }, option: 'oauth', env: 'FLEET' } },
  };
}

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : 'Error');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function ready(): Client {
  if (client === undefined) throw new Error('init first');
  return client;
}

interface InitArgs {
  baseUrl: string;
  redisPort?: number;
  storeOptions?: RedisStoreOptions;
  options?: ClientOptions;
  tokenUrl?: string;
  auth?: object;
}

const commands: Record<string, (args: Record<string, unknown>) => unknown> = {
  init(raw) {
    const { baseUrl, redisPort, storeOptions, options, tokenUrl, auth } = raw as unknown as InitArgs;
    if (redisPort !== undefined) {
      // Fail fast while Redis is away: commands are not queued for the reconnect.
      redis = new Redis(redisPort, '127.0.0.1', { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
      redis.on('error', () => undefined);
      // A generous store timeout: the test machine is shared and slow; fallbacks are tested elsewhere.
      store = redisStore(fromIoredis(redis), { operationTimeoutMs: 5000, ...storeOptions });
    }
    client = createRuntimeClient(api(baseUrl, tokenUrl), {
      ...options,
      fetch: (input, requestInit) => {
        sentAt.push(Date.now());
        return fetch(input, requestInit);
      },
      ...(auth === undefined ? {} : { auth }),
      ...(store === undefined ? {} : { stateStore: store }),
      onEvent: (event) => {
        if (event.type === 'stateStore' || event.type === 'circuit') events.push(event);
      },
    });
    return { pid: process.pid };
  },
  /** `count` concurrent calls; each call's outcome: the status, or the error's name. */
  async calls(args) {
    const { path, count } = args as { path: string; count: number };
    const before = store?.stats.roundTrips ?? 0;
    const outcomes = await Promise.all(
      Array.from({ length: count }, () =>
        ready()
          .request(op(path), undefined)
          .withResponse()
          .then(
            ({ response }) => response.status,
            (error: unknown) => nameOf(error),
          ),
      ),
    );
    return { outcomes, roundTrips: (store?.stats.roundTrips ?? 0) - before };
  },
  /** `loops` callers, each calling again as soon as its call ends, until `durationMs` has passed. */
  async rate(args) {
    const { path, loops, durationMs } = args as { path: string; loops: number; durationMs: number };
    const end = Date.now() + durationMs;
    const cpu = process.cpuUsage();
    sentAt = [];
    let ok = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: loops }, async () => {
        while (Date.now() < end) {
          try {
            await ready().request(op(path), undefined, { deadlineMs: Math.max(1, end - Date.now()) });
            ok += 1;
          } catch {
            // Refused near the end (the deadline would pass in the queue): pause rather than spin.
            failed += 1;
            await sleep(20);
          }
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    return { ok, failed, cpuMs: Math.round((used.user + used.system) / 1000), sentAt };
  },
  replay(args) {
    if (store === undefined) throw new Error('no store');
    return store.setIfAbsent(`webhook:${String(args['id'])}`, true, 60_000);
  },
  stats() {
    return { stats: store?.stats, events, metrics: ready().metrics.snapshot() };
  },
  exit() {
    redis?.disconnect();
    setImmediate(() => process.exit(0));
    return true;
  },
};

process.on('message', (message: { id: number; cmd: string; args?: Record<string, unknown> }) => {
  const run = async (): Promise<unknown> => {
    const command = commands[message.cmd];
    if (command === undefined) throw new Error(`unknown command ${message.cmd}`);
    return command(message.args ?? {});
  };
  run().then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) =>
      process.send?.({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.send?.({ ready: true });
