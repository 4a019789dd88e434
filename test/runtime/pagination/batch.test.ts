import { describe, expect, it } from 'vitest';
import { BatchResultMismatchError, batch, mapConcurrent } from '../../../runtime/pagination/batch.js';
import { isAbortError } from '../../../runtime/errors/guards.js';

/** Resolves after a few event-loop turns (varied per index so completions interleave). */
const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

function inFlightCounter() {
  let current = 0;
  let peak = 0;
  return {
    enter: () => {
      current++;
      peak = Math.max(peak, current);
    },
    leave: () => current--,
    peak: () => peak,
  };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('mapConcurrent', () => {
  it('keeps input order and never exceeds the concurrency', async () => {
    const counter = inFlightCounter();
    const results = await mapConcurrent(
      range(40),
      async (n) => {
        counter.enter();
        await turns((n * 7) % 5);
        counter.leave();
        return n * 2;
      },
      { concurrency: 3 },
    );
    expect(results).toEqual(range(40).map((n) => ({ status: 'fulfilled', value: n * 2 })));
    expect(counter.peak()).toBe(3);
  });

  it('reports failures per item, synchronous throws included, and loses none', async () => {
    const results = await mapConcurrent(
      range(10),
      (n) => {
        if (n === 3) throw new Error('sync 3');
        return n % 2 === 0 ? Promise.resolve(n) : Promise.reject(new Error(`odd ${n}`));
      },
      { concurrency: 4 },
    );
    expect(results).toHaveLength(10);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.status === 'fulfilled' && r.value)).toEqual([
      0, 2, 4, 6, 8,
    ]);
    expect(results[3]).toEqual({ status: 'rejected', reason: new Error('sync 3') });
    expect(results[5]).toEqual({ status: 'rejected', reason: new Error('odd 5') });
  });

  it('abort settles every call not yet started as an AbortError', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await mapConcurrent(
      range(10),
      async (n, _i, signal) => {
        started.push(n);
        expect(signal).toBe(controller.signal);
        if (n === 1) controller.abort(new Error('stop'));
        await turns(1);
        return n;
      },
      { concurrency: 2, signal: controller.signal },
    );
    expect(started).toEqual([0, 1]);
    expect(results.slice(0, 2)).toEqual([
      { status: 'fulfilled', value: 0 },
      { status: 'fulfilled', value: 1 },
    ]);
    expect(results.slice(2).every((r) => r.status === 'rejected' && isAbortError(r.reason))).toBe(true);
    expect(results).toHaveLength(10);
  });

  it('handles no items and rejects a bad concurrency', async () => {
    expect(await mapConcurrent([], () => Promise.resolve(1))).toEqual([]);
    await expect(mapConcurrent([1], () => Promise.resolve(1), { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});

describe('batch', () => {
  it('chunks, caps concurrency and maps per-item results back in order', async () => {
    const counter = inFlightCounter();
    const chunks: number[][] = [];
    const results = await batch(
      range(23),
      async (chunk, index) => {
        counter.enter();
        chunks[index] = chunk;
        await turns(3 - (index % 3));
        counter.leave();
        return chunk.map((n) => `r${n}`);
      },
      { size: 5, concurrency: 2 },
    );
    expect(chunks.map((c) => c.length)).toEqual([5, 5, 5, 5, 3]);
    expect(results).toEqual(range(23).map((n) => ({ status: 'fulfilled', value: `r${n}` })));
    expect(counter.peak()).toBe(2);
  });

  it('a failed chunk rejects each of its items; others succeed', async () => {
    const results = await batch(
      range(6),
      (chunk, index) => (index === 1 ? Promise.reject(new Error('chunk 1 failed')) : Promise.resolve(chunk)),
      { size: 2, concurrency: 3 },
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results[2]).toEqual({ status: 'rejected', reason: new Error('chunk 1 failed') });
  });

  it('a non-array result is given to every item of its chunk; a wrong-length array is an error', async () => {
    const summary = await batch(range(4), (chunk) => Promise.resolve({ accepted: chunk.length }), { size: 3 });
    expect(summary.map((r) => r.status === 'fulfilled' && r.value)).toEqual([
      { accepted: 3 },
      { accepted: 3 },
      { accepted: 3 },
      { accepted: 1 },
    ]);
    const mismatch = await batch(range(3), () => Promise.resolve([1]), { size: 3 });
    expect(mismatch).toHaveLength(3);
    expect(mismatch.every((r) => r.status === 'rejected' && r.reason instanceof BatchResultMismatchError)).toBe(true);
  });

  it('rejects a bad size', async () => {
    await expect(batch([1], () => Promise.resolve(1), { size: 0.5 })).rejects.toThrow(RangeError);
  });
});
