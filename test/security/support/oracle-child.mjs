/**
 * The runtime half of the SECURITY-CASES oracle, run in a child process so nothing a generated client
 * does can touch the test runner. The parent has transpiled the client into `execDir` (see
 * transpile-client.ts); here every module is imported, a client is created against a local node:http
 * server, and every operation the facade exposes is called with every declared parameter set to a
 * marker, then answered once with 200 and once with 400, both with a body that tries to pollute
 * prototypes. Checks: `globalThis.__pwned` unset, prototypes and globals untouched, the client not
 * thenable, and every spec string round-tripped (descriptor literals and what the server received).
 *
 * Usage: node oracle-child.mjs <input.json>   (see OracleInput in oracle-types.ts). Prints one line
 * `ORACLE-REPORT <json>` on stdout.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const expect = input.expect;
const SENTINEL = 'ORACLE-REPORT ';
const BASE_PATH = '/base';
const CALL_HEADER = 'x-oracle-call';
const STATUS_HEADER = 'x-oracle-status';
const RESPONSE_BODY = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"ok":true}';
/** The runtime methods endpoint functions call with a descriptor. */
const DESCRIPTOR_METHODS = ['request', 'paginate'];
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const report = {
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
  counts: { operations: expect.operations.length, calls: 0, received: 0, errorCalls: 0, stringsCompared: 0 },
};

function mismatch(where, expected, actual) {
  report.mismatches.push({ where, expected, actual });
}

function compare(where, expected, actual) {
  report.counts.stringsCompared += 1;
  if (JSON.stringify(expected) !== JSON.stringify(actual)) mismatch(where, expected, actual);
}

function listFiles(dir, suffix, base = dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full, suffix, base));
    else if (entry.isFile() && entry.name.endsWith(suffix)) found.push(path.relative(base, full));
  }
  return found.sort();
}

// ---------------------------------------------------------------------------------------------
// The server: records each request under the call id the oracle sends, answers with a body that
// tries to pollute prototypes (SECURITY-CASES 13).

function startServer(received) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const id = req.headers[CALL_HEADER];
      if (typeof id === 'string') received.set(id, { method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders });
      const status = Number(req.headers[STATUS_HEADER] ?? 200);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(RESPONSE_BODY);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------
// Calling every operation.

const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };

function prototypeKeys() {
  return Object.entries(PROTOTYPES).flatMap(([name, proto]) => Reflect.ownKeys(proto).map((k) => `${name}.${String(k)}`));
}

function markerFor(index, location) {
  // Quotes, backtick, `${`, `<`, space and a non-ASCII letter: each must arrive as itself. Header values stay ASCII.
  return location === 'header' ? `v${index}'"\`\${<>}` : `v${index}'"\`\${<é> }`;
}

function bodyFor(mediaType) {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  if (/json/.test(essence) || essence.includes('*') || essence === 'application/x-www-form-urlencoded' || essence.startsWith('multipart/')) {
    return { note: 'oracle body' };
  }
  return 'oracle body';
}

function authFor(api) {
  const auth = {};
  for (const scheme of Object.values(api.securitySchemes)) {
    const value =
      scheme.type === 'apiKey'
        ? 'oracle-key'
        : scheme.type === 'http'
          ? scheme.scheme.toLowerCase() === 'basic'
            ? { username: 'oracle', password: 'oracle' }
            : 'oracle-token'
          : scheme.type === 'oauth2' || scheme.type === 'openIdConnect'
            ? { accessToken: 'oracle-token' }
            : undefined;
    if (value !== undefined) Object.defineProperty(auth, scheme.option, { value, enumerable: true });
  }
  return auth;
}

function facadeMembers(client) {
  const members = [];
  for (const key of Object.keys(client)) {
    const value = client[key];
    if (key === 'runtime' && value !== null && typeof value === 'object' && typeof value.request === 'function') continue;
    if (typeof value === 'function') members.push({ member: key, fn: value });
    else if (value !== null && typeof value === 'object') {
      report.thenable.namespaceThens.push(`${key}: ${typeof value.then}`);
      for (const name of Object.keys(value)) if (typeof value[name] === 'function') members.push({ member: `${key}.${name}`, fn: value[name] });
    }
  }
  return members;
}

function substitutePath(template, values) {
  return template.replace(/\{([^{}]*)\}/g, (match, name) => (Object.hasOwn(values, name) ? values[name] : match));
}

function decodeSegments(rawPath) {
  return rawPath.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return `<undecodable ${segment}>`;
    }
  });
}

function parseCookies(header) {
  const cookies = new Map();
  for (const pair of (header ?? '').split(/;\s*/)) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    try {
      cookies.set(decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  return cookies;
}

function checkDescriptor(label, op, spec) {
  if (spec.operationId !== undefined) compare(`${label}: descriptor id is the operationId`, spec.operationId, op.id);
  const paramsOf = (list) => list.map((p) => `${p.in} ${p.name}`).sort();
  compare(`${label}: parameter names in the descriptor`, paramsOf(spec.params), paramsOf(op.params));
  compare(`${label}: request media types`, spec.bodyMediaTypes, op.body === undefined ? [] : [...op.body.mediaTypes]);
  for (const [status, mediaTypes] of Object.entries(spec.responses)) {
    compare(`${label}: response ${status} media types`, mediaTypes, Object.hasOwn(op.responses, status) ? [...op.responses[status]] : null);
  }
}

function checkReceived(label, spec, op, values, got) {
  compare(`${label}: method sent`, spec.method, got.method);
  const url = new URL(got.url, 'http://oracle.invalid');
  const sentPath = got.url.split('?')[0];
  if (!sentPath.startsWith(`${BASE_PATH}/`)) mismatch(`${label}: path sent keeps the base path`, `${BASE_PATH}/…`, sentPath);
  const pathValues = Object.create(null); // a path parameter may be named __proto__
  for (const p of spec.params) if (p.in === 'path') pathValues[p.name] = values.get(`path ${p.name}`);
  compare(`${label}: path sent (decoded segments)`, substitutePath(spec.path, pathValues).split('/'), decodeSegments(sentPath.slice(BASE_PATH.length)));
  const cookies = parseCookies(got.headers.cookie);
  const sentHeaderNames = new Set(got.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()));
  for (const p of spec.params) {
    const value = values.get(`${p.in} ${p.name}`);
    if (p.in === 'query') compare(`${label}: query parameter ${JSON.stringify(p.name)}`, [value], url.searchParams.getAll(p.name));
    if (p.in === 'header') {
      compare(`${label}: header name ${JSON.stringify(p.name)} sent`, true, sentHeaderNames.has(p.name.toLowerCase()));
      const lower = p.name.toLowerCase();
      compare(`${label}: header ${JSON.stringify(p.name)} value`, value, Object.hasOwn(got.headers, lower) ? got.headers[lower] : null);
    }
    if (p.in === 'cookie') compare(`${label}: cookie ${JSON.stringify(p.name)}`, value, cookies.get(p.name) ?? null);
  }
  if (op.body !== undefined) {
    const sent = Object.hasOwn(got.headers, 'content-type') ? got.headers['content-type'] : '';
    const declared = op.body.mediaTypes[0] ?? '';
    const essence = (declared.split(';')[0] ?? '').trim().toLowerCase();
    if (!essence.includes('*')) compare(`${label}: Content-Type sent`, essence, (sent.split(';')[0] ?? '').trim().toLowerCase());
  }
}

/** The same call answered with 400 and the polluting body: a typed ApiError whose toJSON() works. */
async function callErrorPath(mod, label, fn, params) {
  report.counts.errorCalls += 1;
  try {
    await fn(params, { headers: { [STATUS_HEADER]: '400' } });
    mismatch(`${label}: a 400 answer throws`, 'ApiError', 'resolved');
  } catch (error) {
    if (!mod.isApiError(error) || error.status !== 400) {
      mismatch(`${label}: a 400 answer throws an ApiError`, 'ApiError 400', `${error?.name}: ${error?.message}`);
      return;
    }
    try {
      JSON.stringify(error.toJSON());
    } catch (thrown) {
      mismatch(`${label}: error.toJSON() works`, 'serializable', String(thrown));
    }
  }
}

async function callEverything(mod, serverUrl, received) {
  const probe = mod.createClient({ baseUrl: `${serverUrl}${BASE_PATH}` });
  const api = probe.runtime.api;
  compare('info.title in the API descriptor', expect.title, api.title);
  compare('info.version in the API descriptor', expect.version, api.version);
  compare('servers[].url in the API descriptor', expect.serverUrls, api.servers.map((s) => s.url));
  const schemeNames = Object.keys(api.securitySchemes).sort();
  compare('security scheme names', expect.securitySchemes.map((s) => s.name).sort(), schemeNames);
  for (const scheme of expect.securitySchemes) {
    const got = Object.hasOwn(api.securitySchemes, scheme.name) ? api.securitySchemes[scheme.name] : undefined;
    if (scheme.paramName !== undefined) compare(`security scheme ${JSON.stringify(scheme.name)} parameter name`, scheme.paramName, got?.name ?? null);
  }

  const client = mod.createClient({
    baseUrl: `${serverUrl}${BASE_PATH}`,
    auth: authFor(api),
    retry: false,
    circuitBreaker: false,
    rateLimit: false,
    timeoutMs: 5_000,
  });
  report.thenable.clientThen = typeof client.then;
  const awaited = await Promise.race([Promise.resolve(client), new Promise((resolve) => setTimeout(() => resolve('timed out'), 1_000))]);
  report.thenable.awaitedIsClient = awaited === client;

  // Endpoint functions call `client.request(descriptor, …)` (or `paginate`) on the runtime object the
  // facade also exposes as `runtime`: wrapping those methods reveals each member's descriptor.
  const runtime = client.runtime;
  const originals = new Map(DESCRIPTOR_METHODS.filter((m) => typeof runtime[m] === 'function').map((m) => [m, runtime[m]]));
  let captured;
  let probing = true;
  for (const [method, original] of originals) {
    runtime[method] = function (op, params, options) {
      captured = op;
      return probing ? { probe: true } : original.call(this, op, params, options);
    };
  }

  const reached = new Set();
  let callId = 0;
  for (const { member, fn } of facadeMembers(client)) {
    captured = undefined;
    probing = true;
    try {
      fn(undefined, undefined);
    } catch (error) {
      report.calls.push({ member, outcome: 'probe-failed', error: { name: error?.name, message: String(error?.message) }, received: false });
      continue;
    }
    const op = captured;
    if (op === undefined) {
      report.calls.push({ member, outcome: 'probe-failed', error: { name: 'Error', message: 'the member never called client.request' }, received: false });
      continue;
    }
    const spec = expect.operations.find((o) => o.method === op.method && o.path === op.path);
    const label = `${member} (${op.method} ${JSON.stringify(op.path)})`;
    if (spec === undefined) {
      report.unmatched.push(label);
      mismatch(`${member}: descriptor method + path match a spec operation`, expect.operations.map((o) => `${o.method} ${o.path}`), `${op.method} ${op.path}`);
      continue;
    }
    report.counts.stringsCompared += 1; // the path literal itself matched byte for byte
    reached.add(`${spec.method} ${spec.path}`);
    checkDescriptor(label, op, spec);

    const params = {};
    const values = new Map();
    op.params.forEach((p, index) => {
      const value = markerFor(index, p.in);
      values.set(`${p.in} ${p.name}`, value);
      Object.defineProperty(params, p.key ?? p.name, { value, enumerable: true, writable: true });
    });
    if (op.body !== undefined) {
      Object.defineProperty(params, op.bodyKey ?? 'body', { value: bodyFor(op.body.mediaTypes[0] ?? ''), enumerable: true });
    }
    const id = String(++callId);
    probing = false;
    const record = { member, method: op.method, specPath: spec.path, outcome: 'ok', received: false };
    try {
      const data = await fn(params, { headers: { [CALL_HEADER]: id } });
      if (data !== null && typeof data === 'object' && Object.getPrototypeOf(data) !== Object.prototype) {
        mismatch(`${label}: parsed response keeps Object.prototype`, 'Object.prototype', String(Object.getPrototypeOf(data)));
      }
    } catch (error) {
      record.outcome = 'error';
      record.error = { name: String(error?.name), message: String(error?.message) };
    }
    report.counts.calls += 1;
    const got = received.get(id);
    record.received = got !== undefined;
    report.calls.push(record);
    if (got !== undefined) {
      report.counts.received += 1;
      checkReceived(label, spec, op, values, got);
      if (record.outcome === 'error') mismatch(`${label}: call succeeds once the server answered`, 'ok', record.error);
      await callErrorPath(mod, label, fn, params);
      continue;
    }
    const unsendable = spec.params.filter((p) => (p.in === 'header' && !HTTP_TOKEN.test(p.name)) || !p.name.isWellFormed());
    if (record.outcome === 'error' && record.error.name === 'ValidationError' && unsendable.length > 0) {
      report.refusals.push(`${label}: ${record.error.message}`);
    } else {
      mismatch(`${label}: request reaches the server`, 'received', record.error ?? 'nothing received');
    }
  }
  probing = false;
  for (const [method, original] of originals) runtime[method] = original;
  report.unreached = expect.operations.map((o) => `${o.method} ${o.path}`).filter((key) => !reached.has(key));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const received = new Map();
  const server = await startServer(received);
  const serverUrl = `http://127.0.0.1:${server.address().port}`;
  try {
    // Warm up fetch first: undici installs its own globals on first use.
    await (await fetch(`${serverUrl}/warm-up`)).text();
    const globalsBefore = new Set(Reflect.ownKeys(globalThis).map(String));
    const protoBefore = new Set(prototypeKeys());

    const modules = listFiles(input.execDir, '.js');
    for (const rel of modules) {
      try {
        await import(pathToFileURL(path.join(input.execDir, rel)).href);
        report.modulesImported += 1;
      } catch (error) {
        report.importErrors.push(`${rel}: ${String(error?.message ?? error)}`);
      }
    }
    const mod = await import(pathToFileURL(path.join(input.execDir, 'index.js')).href);
    await callEverything(mod, serverUrl, received);

    report.pwned = globalThis.__pwned;
    report.prototypeKeysAdded = prototypeKeys().filter((k) => !protoBefore.has(k));
    report.polluted = {}.polluted ?? [].polluted ?? (() => undefined).polluted;
    report.newGlobals = Reflect.ownKeys(globalThis).map(String).filter((k) => !globalsBefore.has(k));
  } catch (error) {
    report.fatal = String(error?.stack ?? error);
  } finally {
    server.closeAllConnections?.();
    server.close();
  }
  process.stdout.write(`${SENTINEL}${JSON.stringify(report)}\n`, () => process.exit(0));
}

await main();
