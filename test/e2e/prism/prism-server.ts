/**
 * Runs `prism mock <spec>` as a child process on 127.0.0.1, on a port the OS picked, in its own
 * process group so stopping it also stops anything it forked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../support/paths.js';

export interface PrismServer {
  readonly url: string;
  /** False once the process has exited (Prism crashes on some inputs). */
  alive(): boolean;
  /** Everything Prism printed so far (its log names each violation it found). */
  output(): string;
  stop(): Promise<void>;
}

const PRISM_BIN = path.join(repoRoot, 'node_modules', '.bin', 'prism');

/** A port nobody listens on now: bind port 0, read what the OS chose, release it. */
export async function pickFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address from port 0');
  return address.port;
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals): void => {
    try {
      // A negative pid signals the whole process group the child leads (it was spawned detached).
      process.kill(-(child.pid as number), name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const forced = setTimeout(() => signal('SIGKILL'), 3_000);
  return exited.finally(() => clearTimeout(forced));
}

/**
 * Starts Prism and waits until it answers HTTP, polling at
 * most `tries` times. Rejects with Prism's own output when it exits or never answers.
 */
export async function startPrism(spec: string, { tries = 300, intervalMs = 100 } = {}): Promise<PrismServer> {
  const port = await pickFreePort();
  const url = `http://127.0.0.1:${port}`;
  // `warn` keeps the log small and still names every request that failed validation.
  const child = spawn(PRISM_BIN, ['mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'warn', spec], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const server: PrismServer = {
    url,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    stop: () => stopGroup(child),
  };
  for (let attempt = 0; attempt < tries; attempt++) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode} for ${spec}:\n${output.slice(-2000)}`);
    try {
      // A CORS preflight is answered before routing, so the probe never reaches (or gets validated by) an operation.
      const response = await fetch(url, {
        method: 'OPTIONS',
        headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': 'GET' },
        signal: AbortSignal.timeout(2_000),
      });
      await response.body?.cancel();
      return server;
    } catch {
      await sleep(intervalMs);
    }
  }
  await server.stop();
  throw new Error(`prism did not answer on ${url} after ${tries} tries for ${spec}:\n${output.slice(-2000)}`);
}
