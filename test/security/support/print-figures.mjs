/** Sums the figures every security test file wrote (see figures.ts). Run after the suite. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../__generated__/figures');
const totals = {};
for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : []) {
  const figures = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  console.log(`${file.replace(/\.json$/, '')}: ${JSON.stringify(figures)}`);
  for (const [key, value] of Object.entries(figures)) totals[key] = (totals[key] ?? 0) + value;
}
console.log(`total: ${JSON.stringify(totals)}`);
