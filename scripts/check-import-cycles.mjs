// Import cycles in src/ and runtime/, type-only imports included (import-x/no-cycle in eslint.config.js
// skips those): a cycle, even through types, hides which module owns a concept. Exits 1 on any cycle.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const folders = process.argv.length > 2 ? process.argv.slice(2) : ['src', 'runtime'];

function listTs(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Local imports of one file (import, import type, export … from, dynamic import), resolved to .ts files. */
function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((ref) => ref.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
    .filter((target) => existsSync(target));
}

const files = folders.flatMap((folder) => listTs(resolve(root, folder)));
const graph = new Map(files.map((file) => [file, importsOf(file)]));

// Tarjan's strongly connected components, iterative (no recursion limit on deep graphs).
let index = 0;
const indexOf = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const cycles = [];
for (const start of graph.keys()) {
  if (indexOf.has(start)) continue;
  const work = [[start, 0]];
  indexOf.set(start, index);
  low.set(start, index++);
  stack.push(start);
  onStack.add(start);
  while (work.length > 0) {
    const frame = work[work.length - 1];
    const [node, next] = frame;
    const edges = graph.get(node) ?? [];
    if (next < edges.length) {
      frame[1] += 1;
      const to = edges[next];
      if (!graph.has(to)) continue;
      if (!indexOf.has(to)) {
        indexOf.set(to, index);
        low.set(to, index++);
        stack.push(to);
        onStack.add(to);
        work.push([to, 0]);
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), indexOf.get(to)));
      continue;
    }
    work.pop();
    if (work.length > 0) {
      const parent = work[work.length - 1][0];
      low.set(parent, Math.min(low.get(parent), low.get(node)));
    }
    if (low.get(node) === indexOf.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = (graph.get(node) ?? []).includes(node);
      if (component.length > 1 || selfLoop) cycles.push(component);
    }
  }
}

for (const component of cycles) {
  console.error(
    `import cycle among: ${component
      .map((file) => relative(root, file))
      .sort()
      .join(', ')}`,
  );
}
console.log(`import cycles in ${folders.join(', ')} (type imports included): ${cycles.length}`);
process.exit(cycles.length === 0 ? 0 : 1);
