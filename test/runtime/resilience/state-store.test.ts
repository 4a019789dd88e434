import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../../runtime/resilience/circuit-breaker.js';
import { createRateLimiter } from '../../../runtime/resilience/rate-limit.js';
import { createMemoryStateStore, updateState, type StateStore } from '../../../runtime/resilience/state-store.js';
import { createFakeClock, flush } from '../support/fake-clock.js';

describe('memory state store', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const store = createMemoryStateStore({ maxEntries: 3 });
    for (const k of ['a', 'b', 'c']) await store.set(k, k);
    await store.get('a'); // a becomes most recent
    await store.set('d', 'd');
    expect(store.size).toBe(3);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('a');
  });

  it('keeps an entry used at least once every maxEntries / 2 insertions, and evicts in recency order', async () => {
    const store = createMemoryStateStore({ maxEntries: 10 });
    await store.set('hot', 0);
    for (let i = 0; i < 100; i += 1) {
      await store.set(`cold-${i}`, i);
      if (i % 5 === 4) await store.set('hot', i); // a write to a live entry counts as a use
    }
    expect(store.size).toBe(10);
    expect(await store.get('hot')).toBe(99);
    // The other nine kept are the most recent cold keys.
    for (let i = 91; i < 100; i += 1) expect(await store.get(`cold-${i}`)).toBe(i);
    expect(await store.get('cold-90')).toBeUndefined();
  });

  it('expires entries after their TTL', async () => {
    let now = 0;
    const store = createMemoryStateStore({ now: () => now });
    await store.set('k', 1, 100);
    now = 99;
    expect(await store.get('k')).toBe(1);
    now = 100;
    expect(await store.get('k')).toBeUndefined();
  });

  it('update is atomic under 100 concurrent increments', async () => {
    const store = createMemoryStateStore();
    await Promise.all(Array.from({ length: 100 }, () => updateState(store, 'n', (v) => (typeof v === 'number' ? v : 0) + 1)));
    expect(await store.get('n')).toBe(100);
  });

  it('a store with only get/set is serialized per key by updateState', async () => {
    const data = new Map<string, unknown>();
    const slow: StateStore = {
      get: async (k) => {
        await new Promise((r) => setImmediate(r));
        return data.get(k);
      },
      set: async (k, v) => {
        await new Promise((r) => setImmediate(r));
        data.set(k, v);
      },
    };
    await Promise.all(Array.from({ length: 50 }, () => updateState(slow, 'n', (v) => (typeof v === 'number' ? v : 0) + 1)));
    expect(data.get('n')).toBe(50);
  });

  it('garbage left in a shared store reads as fresh state instead of crashing', async () => {
    const clock = createFakeClock(0);
    const store = createMemoryStateStore();
    await store.set('cb:k', 'garbage');
    await store.set('rl:k', { tokens: 'many', pausedUntil: null });
    const breaker = createCircuitBreaker({}, { clock, store, random: () => 0.5 });
    expect(await breaker.state('k')).toBe('closed');
    await expect(breaker.acquire('k')).resolves.toMatchObject({ probe: false });
    const limiter = createRateLimiter({ requestsPerSecond: 1 }, { clock, store });
    let admitted = false;
    void limiter.acquire('k').then(() => (admitted = true));
    await flush();
    expect(admitted).toBe(true);
  });

  it('two breakers sharing one store share the state (as two processes would)', async () => {
    const clock = createFakeClock(0);
    const store = createMemoryStateStore();
    const one = createCircuitBreaker({ failureThreshold: 2 }, { clock, store, random: () => 0.1 });
    const two = createCircuitBreaker({ failureThreshold: 2 }, { clock, store, random: () => 0.9 });
    await one.record(await one.acquire('origin'), 'failure');
    await two.record(await two.acquire('origin'), 'failure');
    expect(await one.state('origin')).toBe('open');
    await expect(two.acquire('origin')).rejects.toMatchObject({ name: 'CircuitOpenError' });
  });
});
