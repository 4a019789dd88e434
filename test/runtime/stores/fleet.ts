/**
 * Fleet tests' plumbing: the worker (fleet-worker.ts, with the runtime and ioredis inside) bundled
 * once by esbuild, so workers start fast without a TS loader, and N forked worker processes driven
 * by request/response messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface RuntimeBundle {
  file: string;
  remove(): void;
}

export async function bundleRuntime(): Promise<RuntimeBundle> {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwright-fleet-'));
  const file = path.join(dir, 'fleet-worker.cjs');
  await build({
    entryPoints: [path.join(here, 'fleet-worker.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: file,
    logLevel: 'silent',
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Worker {
  readonly pid: number;
  send<T>(cmd: string, args?: object): Promise<T>;
}

export interface Fleet {
  readonly workers: readonly Worker[];
  /** Sends the same command to every worker at once. */
  all<T>(cmd: string, args?: object): Promise<T[]>;
  close(): Promise<void>;
}

const REPLY_TIMEOUT_MS = 40_000;

function startWorker(bundle: RuntimeBundle): Promise<{ worker: Worker; child: ChildProcess }> {
  const child = fork(bundle.file, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.result);
  });
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('fleet worker exited'));
    pending.clear();
  });
  const worker: Worker = {
    pid: child.pid ?? 0,
    send<T>(cmd: string, args: object = {}): Promise<T> {
      const id = (next += 1);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`fleet worker ${child.pid}: no reply to ${cmd} within ${REPLY_TIMEOUT_MS} ms`));
        }, REPLY_TIMEOUT_MS);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ id, cmd, args });
      });
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('fleet worker did not start within 20 s')), 20_000);
    child.once('message', () => {
      clearTimeout(timer);
      resolve({ worker, child });
    });
    child.once('error', reject);
  });
}

export async function startFleet(size: number, bundle: RuntimeBundle): Promise<Fleet> {
  const started = await Promise.all(Array.from({ length: size }, () => startWorker(bundle)));
  const workers = started.map((s) => s.worker);
  return {
    workers,
    all: <T>(cmd: string, args?: object) => Promise.all(workers.map((w) => w.send<T>(cmd, args))),
    async close() {
      await Promise.all(
        started.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.send({ id: -1, cmd: 'exit' });
            }),
        ),
      );
    },
  };
}
