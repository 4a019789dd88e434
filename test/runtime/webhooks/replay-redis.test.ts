/**
 * Replay protection shared by two receivers (two replicas) through the Redis StateStore: a delivery
 * accepted by one is refused by the other, and a handler failure releases the id for the retry.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookReceiver, fromIoredis, redisStore, signWebhook } from '../../../runtime/index.js';
import { startRedis, type RedisServer } from '../stores/redis-server.js';

let server: RedisServer;
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server.stop();
});

function replica(fail: { next: boolean }) {
  const redis = new Redis(server.port, '127.0.0.1');
  clients.push(redis);
  return createWebhookReceiver<{ ping: unknown }>(
    { events: [{ key: 'ping', name: 'ping', method: 'POST' }] },
    {
      scheme: 'standard-webhooks',
      secret: 'whsec_' + btoa('fleet-webhook-secret'),
      replay: redisStore(fromIoredis(redis), { prefix: 'test-webhooks', name: 'shared' }),
      logger: false,
      on: {
        ping: () => {
          if (fail.next) {
            fail.next = false;
            throw new Error('transient');
          }
        },
      },
    },
  );
}

describe('webhook replay ids in Redis', () => {
  it('a delivery accepted by one replica is refused by the other; a failed one can be retried anywhere', async () => {
    const fail = { next: false };
    const [a, b] = [replica(fail), replica(fail)];
    const send = async (to: typeof a, id: string) => {
      const body = '{"type":"ping"}';
      const headers = await signWebhook({
        scheme: 'standard-webhooks',
        secret: 'whsec_' + btoa('fleet-webhook-secret'),
        body,
        id,
      });
      return (await to(new Request('https://hooks.example/', { method: 'POST', headers, body }))).status;
    };
    const id = `msg_${crypto.randomUUID()}`;
    expect([await send(a, id), await send(b, id), await send(a, id)]).toEqual([200, 401, 401]);
    fail.next = true;
    const retried = `msg_${crypto.randomUUID()}`;
    expect([await send(a, retried), await send(b, retried), await send(a, retried)]).toEqual([500, 200, 401]);
  });
});
