/** Server Objects → the runtime's ServerDescriptor (OAS 3.1 §4.8.5–6). */
import type * as ir from '../ir/index.js';
import { isObject } from './context.js';

/** Server variables are strings (OAS §4.8.6); numbers and booleans written bare in YAML become their text. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

export function normalizeServers(raw: unknown): ir.ServerDescriptor[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: ir.ServerDescriptor[] = [];
  for (const server of raw) {
    if (!isObject(server) || typeof server['url'] !== 'string') continue;
    const variables: Record<string, { default: string; enum?: string[] }> = {};
    let hasVariables = false;
    if (isObject(server['variables'])) {
      for (const [name, variable] of Object.entries(server['variables'])) {
        if (!isObject(variable)) continue;
        const def = variable['default'];
        const entry: { default: string; enum?: string[] } = { default: scalarText(def) };
        if (Array.isArray(variable['enum'])) entry.enum = variable['enum'].map(scalarText);
        Object.defineProperty(variables, name, { value: entry, enumerable: true, writable: true, configurable: true });
        hasVariables = true;
      }
    }
    out.push(hasVariables ? { url: server['url'], variables } : { url: server['url'] });
  }
  return out;
}
