/**
 * Generated clients shared by the test files of one `vitest` run. Each distinct (spec, options,
 * client folder name) is generated once per run and copied wherever a test compiles it. A client's
 * bytes depend on where it is written (its header names the spec relative to itself, its README
 * names its folder), so the shared copy is generated where those come out the same: beside the
 * folder holding `out`, under `out`'s own name (`<area>/__generated__/.shared-<run>-<hash>/<name>`
 * for `<area>/__generated__/<row>/<name>`). The copy is then exactly what the test would have
 * generated itself (compat-harness.test.ts checks it), and stays under its own tsconfig.json and
 * package.json. shared-clients-setup.ts names the run and removes its folders at the end.
 *
 * Test files run in separate worker processes: the first to need a client takes its lock folder and
 * generates it, writing `.done` (or `.failed`) beside it; another file needing it meanwhile first
 * generates the clients nobody holds, then waits for the rest.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { GenerateOptions } from '../../src/generate.js';
import { sharedPrefix } from './shared-clients-setup.js';

/** The generate options tests vary (the rest stay at their defaults). */
export type SharedOptions = Pick<GenerateOptions, 'moduleFormat'>;

export interface SharedClient {
  /** Path of the entry spec file. */
  spec: string;
  /** Folder the client is copied into (created). */
  out: string;
}

/** How long a test file waits for another one generating the same client. */
const WAIT_MS = 600_000;
const POLL_MS = 100;

/** Puts each client into its `out`: copied from the run's shared folder, generated there first if no test file has. */
export async function copySharedClients(clients: readonly SharedClient[], options: SharedOptions = {}): Promise<void> {
  const run = inject('sharedClientsRun') as string | undefined;
  // Outside a run with the global setup (another config), generate in place.
  if (run === undefined) {
    for (const { spec, out } of clients) await generateClient({ spec, out, ...options });
    return;
  }
  const heldElsewhere: SharedClient[] = [];
  for (const client of clients) {
    const dir = await generateUnlessHeld(sharedFolder(run, client, options), client.spec, options);
    if (dir === undefined) heldElsewhere.push(client);
    else cpSync(dir, client.out, { recursive: true });
  }
  for (const client of heldElsewhere) {
    cpSync(await waitForOther(sharedFolder(run, client, options), client.spec), client.out, { recursive: true });
  }
}

/** Where this run generates the client `out` asks for: same depth as `out`, same folder name. */
function sharedFolder(run: string, { spec, out }: SharedClient, options: SharedOptions): string {
  const name = path.basename(out);
  const id = JSON.stringify({ spec: path.resolve(spec), name, moduleFormat: options.moduleFormat ?? 'ts' });
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 16);
  return path.join(path.dirname(path.dirname(path.resolve(out))), `${sharedPrefix(run)}${hash}`, name);
}

/** The generated folder, or `undefined` when another test file is generating it. */
async function generateUnlessHeld(dir: string, spec: string, options: SharedOptions): Promise<string | undefined> {
  if (existsSync(`${dir}.done`)) return dir;
  mkdirSync(path.dirname(dir), { recursive: true });
  if (!takeLock(`${dir}.lock`)) return undefined;
  try {
    await generateClient({ spec, out: dir, ...options });
  } catch (error) {
    writeFileSync(`${dir}.failed`, error instanceof Error ? error.message : String(error));
    throw error;
  }
  writeFileSync(`${dir}.done`, '');
  return dir;
}

/** Loads the generator only in a worker that generates: the others just copy. */
async function generateClient(options: GenerateOptions): Promise<void> {
  const { generate } = await import('../../src/generate.js');
  await generate(options);
}

function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function waitForOther(dir: string, spec: string): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (existsSync(`${dir}.done`)) return dir;
    if (existsSync(`${dir}.failed`)) {
      throw new Error(`Generating ${spec} failed in another test file: ${readFileSync(`${dir}.failed`, 'utf8')}`);
    }
    await sleep(POLL_MS);
  }
  throw new Error(`Waited ${WAIT_MS} ms for another test file to generate ${spec} (lock: ${dir}.lock)`);
}
