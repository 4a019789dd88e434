/**
 * Finds every operation function of a generated client and the descriptor it hands the runtime, by
 * calling each one once with a stand-in client that only records its first argument.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { OperationDescriptor } from '../../../runtime/client/descriptor.js';

export type EndpointFunction = (client: unknown, params?: object, options?: object) => unknown;

export interface DiscoveredOperation {
  /** `METHOD /path/{template}`, the label used in skip lists and the report. */
  readonly key: string;
  readonly fn: EndpointFunction;
  readonly descriptor: OperationDescriptor;
}

export async function discoverOperations(outDir: string): Promise<DiscoveredOperation[]> {
  const found: DiscoveredOperation[] = [];
  const files = readdirSync(path.join(outDir, 'endpoints'))
    .filter((f) => f.endsWith('.gen.ts'))
    .sort();
  for (const file of files) {
    const mod = (await import(path.join(outDir, 'endpoints', file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function') continue;
      let captured: OperationDescriptor | undefined;
      // Whatever client method the function calls (request, paginate, …), its first argument is the descriptor.
      const recorder = new Proxy({}, { get: () => (op: OperationDescriptor) => void (captured = op) });
      (value as EndpointFunction)(recorder, {});
      if (captured === undefined) throw new Error(`${file}: ${name} passed no operation descriptor to the client`);
      found.push({ key: `${captured.method} ${captured.path}`, fn: value as EndpointFunction, descriptor: captured });
    }
  }
  return found;
}
