/**
 * Runtime features a user imports from the client's `runtime/index.js` that its generated code does
 * not use, so a client carries them only when asked (config `runtimeExtras`, CLI
 * `--runtime-extras`). Each is named by the public names it makes importable (runtime/index.ts):
 * select-runtime.ts follows them like the generated code's own imports.
 */
import type { RuntimeExtra } from '../config/config.js';

export type { RuntimeExtra } from '../config/config.js';

/** The public runtime names each extra brings (`all`: every runtime file, the whole barrel). */
export const extraExports: Readonly<Record<Exclude<RuntimeExtra, 'all'>, readonly string[]>> = {
  // Shared state across replicas: `stateStore: redisStore(fromIoredis(redis))`.
  redis: ['redisStore', 'fromIoredis', 'fromNodeRedis', 'sharedStateOf'],
  // Hand-written receivers and tests on a spec without webhooks (a spec with them gets webhooks.gen.ts).
  webhooks: ['createWebhookReceiver', 'verifyWebhook', 'signWebhook'],
};

/** Whether a client generated with `extras` can import the Redis store. */
export function shipsRedisStore(extras: readonly RuntimeExtra[]): boolean {
  return extras.includes('redis') || extras.includes('all');
}
