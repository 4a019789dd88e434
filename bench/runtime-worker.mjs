// One benchmark round for one client variant, in a fresh process: warm up, then `count` calls with
// `concurrency` in flight; prints { reqPerSec, cpuUsPerReq } as JSON. argv: variant origin count concurrency method
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [variant, origin, countText, concurrencyText, method = 'GET'] = process.argv.slice(2);
const count = Number(countText);
const concurrency = Number(concurrencyText);
const here = path.dirname(fileURLToPath(import.meta.url));
const body = { name: 'Rex', tag: 'dog' };
// Every variant sends the same API key header, as the generated client does for this spec.
const key = { 'X-API-Key': 'bench-key' };

async function makeCall() {
  const base = `${origin}/v1`;
  if (variant === 'fetch') {
    return method === 'GET'
      ? () => fetch(`${base}/pets/p_1`, { headers: { accept: 'application/json', ...key } }).then((r) => r.json())
      : () =>
          fetch(`${base}/pets`, {
            method: 'POST',
            headers: { accept: 'application/json', 'content-type': 'application/json', ...key },
            body: JSON.stringify(body),
          }).then((r) => r.json());
  }
  if (variant === 'openapi-fetch') {
    const { default: createClient } = await import('openapi-fetch');
    const client = createClient({ baseUrl: base, headers: key });
    return method === 'GET'
      ? () => client.GET('/pets/{petId}', { params: { path: { petId: 'p_1' } } }).then((r) => r.data)
      : () => client.POST('/pets', { body }).then((r) => r.data);
  }
  const { createClient, createCoreClient, createPet, createUndiciFetch, getPetById } = await import(
    path.join(here, 'out/runtime-bench/client.mjs')
  );
  const off = { retry: false, circuitBreaker: false, rateLimit: false, cache: false };
  const options = { baseUrl: base, auth: { apiKey: 'bench-key' } };
  if (variant === 'apiwright-off') Object.assign(options, off);
  if (variant === 'apiwright-undici') {
    const undici = await import('undici');
    options.fetch = createUndiciFetch(undici, { dispatcher: new undici.Agent({ connections: concurrency }) });
  }
  if (variant === 'apiwright-core') {
    const core = createCoreClient(options);
    return method === 'GET' ? () => getPetById(core, { petId: 'p_1' }) : () => createPet(core, { body });
  }
  const client = createClient(options);
  return method === 'GET' ? () => client.pets.getPetById({ petId: 'p_1' }) : () => client.pets.createPet({ body });
}

async function run(call, n) {
  let next = 0;
  const lane = async () => {
    while (next < n) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
}

const call = await makeCall();
await run(call, Math.min(2000, count));
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
await run(call, count);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ reqPerSec: count / seconds, cpuUsPerReq: (cpu.user + cpu.system) / count }));
