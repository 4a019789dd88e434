import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../../../runtime/errors/errors.js';
import { createResilience, type ResilienceOptions } from '../../../runtime/resilience/resilience.js';
import { createFakeClock } from '../support/fake-clock.js';
import { createRecorder, makeCtx, respond } from './support.js';

/** Deterministic PRNG (mulberry32) so a failing fast-check case replays exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function drive(calls: number, fails: (call: number) => boolean, options: ResilienceOptions = {}): Promise<number> {
  const clock = createFakeClock(0, { auto: true });
  const resilience = createResilience(
    { circuitBreaker: false, rateLimit: false, ...options },
    { clock, random: () => 0.5, observer: createRecorder().observer },
  );
  const url = new URL('https://api.example.test/x');
  let attempts = 0;
  for (let i = 0; i < calls; i += 1) {
    await resilience
      .execute(makeCtx(), { method: 'GET', url }, () => {
        attempts += 1;
        if (!fails(i)) return Promise.resolve(respond(200));
        return attempts % 2 === 0
          ? Promise.resolve(respond(503))
          : Promise.reject(new ConnectionError('reset', { outcomeUnknown: true }));
      })
      .catch(() => undefined);
  }
  return attempts;
}

describe('retry budget', () => {
  it('property: attempts ≤ calls × 1.2 + 10 for any failure rate and sequence', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        async (calls, rate, seed) => {
          const random = prng(seed);
          const attempts = await drive(calls, () => random() < rate);
          expect(attempts).toBeLessThanOrEqual(calls * 1.2 + 10);
          expect(attempts).toBeLessThanOrEqual(calls * 1.1 + 10); // the documented bound
        },
      ),
      { numRuns: 30 },
    );
  });

  it('at 100% failure, 2,000 calls send 2,010 attempts (amplification 1.005)', async () => {
    const attempts = await drive(2000, () => true);
    expect(attempts).toBe(2010);
  });

  it('successes earn retries back (0.1 token each)', async () => {
    // 50 failing calls spend the 10 start tokens; 100 successes return 10; 50 more failures spend them.
    const fails = (call: number): boolean => call < 50 || call >= 150;
    expect(await drive(200, fails)).toBe(200 + 10 + 10);
    expect(await drive(200, fails, { retry: { budget: { refillPerSuccess: 0 } } })).toBe(200 + 10);
  });

  it('budget: false keeps every retry (amplification = 1 + maxRetries)', async () => {
    expect(await drive(50, () => true, { retry: { budget: false } })).toBe(150);
  });
});
