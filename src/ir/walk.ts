import type { Schema } from './schema.js';

/** Calls `visit` for `schema` and every schema nested in it (not following refs). Iterative: no stack overflow on deep input. */
export function walkSchema(schema: Schema, visit: (node: Schema) => void): void {
  const stack: Schema[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    visit(node);
    switch (node.kind) {
      case 'object':
        for (const property of node.properties) stack.push(property.schema);
        if (node.additional) stack.push(node.additional);
        break;
      case 'array':
        stack.push(node.items);
        break;
      case 'tuple':
        stack.push(...node.prefixItems);
        if (node.rest) stack.push(node.rest);
        break;
      case 'union':
        stack.push(...node.variants);
        break;
      case 'intersection':
        stack.push(...node.parts);
        break;
      default:
        break;
    }
  }
}
