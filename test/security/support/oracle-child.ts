/**
 * The runtime half of the SECURITY-CASES oracle, run in a child process so nothing a generated client
 * does can touch the test runner. The parent has transpiled the client into `execDir` (see
 * transpile-client.ts) and this file into plain JavaScript (see run-oracle.ts). Here every module is
 * imported, a client is created against a local node:http server, and every operation is called
 * (oracle-calls.ts), answered once with 200 and once with 400, both with a body that tries to
 * pollute prototypes. Then: `globalThis.__pwned` unset, prototypes and globals untouched.
 *
 * Usage: node oracle-child.js <input.json> (an OracleInput). Prints one line `ORACLE-REPORT <json>`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CALL_HEADER, Checker, STATUS_HEADER, callEverything, type ClientModule, type Received } from './oracle-calls.js';
import type { ChildReport, OracleInput } from './oracle-types.js';

const SENTINEL = 'ORACLE-REPORT ';
const RESPONSE_BODY = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"ok":true}';
const PROTOTYPES: Record<string, object> = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
};

function prototypeKeys(): string[] {
  return Object.entries(PROTOTYPES).flatMap(([name, proto]) => Reflect.ownKeys(proto).map((k) => `${name}.${String(k)}`));
}

function listModules(dir: string, base = dir): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listModules(full, base));
    else if (entry.isFile() && entry.name.endsWith('.js')) found.push(path.relative(base, full));
  }
  return found.sort();
}

/** Records each request under the call id the oracle sends; answers with the status it asks for. */
function startServer(received: Map<string, Received>): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = req.headers[CALL_HEADER];
      if (typeof id === 'string')
        received.set(id, { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders });
      res.writeHead(Number(req.headers[STATUS_HEADER] ?? 200), { 'content-type': 'application/json' });
      res.end(RESPONSE_BODY);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main(): Promise<void> {
  const input = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as OracleInput;
  const report: ChildReport = {
    pwned: undefined,
    prototypeKeysAdded: [],
    polluted: undefined,
    newGlobals: [],
    importErrors: [],
    modulesImported: 0,
    thenable: { clientThen: 'not checked', awaitedIsClient: false, namespaceThens: [] },
    calls: [],
    unreached: [],
    unmatched: [],
    mismatches: [],
    refusals: [],
    counts: { operations: input.expect.operations.length, calls: 0, received: 0, errorCalls: 0, stringsCompared: 0 },
  };
  const received = new Map<string, Received>();
  const server = await startServer(received);
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // Warm up fetch first: undici installs its own globals on first use.
    await (await fetch(`${serverUrl}/warm-up`)).text();
    const globalsBefore = new Set(Reflect.ownKeys(globalThis).map(String));
    const protoBefore = new Set(prototypeKeys());

    for (const rel of listModules(input.execDir)) {
      try {
        await import(pathToFileURL(path.join(input.execDir, rel)).href);
        report.modulesImported += 1;
      } catch (error) {
        report.importErrors.push(`${rel}: ${String((error as Error).message)}`);
      }
    }
    const mod = (await import(pathToFileURL(path.join(input.execDir, 'index.js')).href)) as ClientModule;
    await callEverything(new Checker(report, input.expect), mod, serverUrl, received);

    report.pwned = (globalThis as { __pwned?: unknown }).__pwned;
    report.prototypeKeysAdded = prototypeKeys().filter((k) => !protoBefore.has(k));
    report.polluted = ({} as { polluted?: unknown }).polluted ?? ([] as unknown as { polluted?: unknown }).polluted;
    report.newGlobals = Reflect.ownKeys(globalThis)
      .map(String)
      .filter((k) => !globalsBefore.has(k));
  } catch (error) {
    report.fatal = String((error as Error).stack ?? error);
  } finally {
    server.closeAllConnections();
    server.close();
  }
  process.stdout.write(`${SENTINEL}${JSON.stringify(report)}\n`, () => process.exit(0));
}

await main();
