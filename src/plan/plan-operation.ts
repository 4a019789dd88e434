/** One operation's names: function, types, and the keys of its params object. */
import type * as ir from '../ir/index.js';
import { ensureIdentifierStart, splitWords, toCamelCase, toPascalCase } from './identifiers.js';
import type { PlannedOperation, PlannedParam } from './plan-types.js';
import { routeName, type OperationTypeNames } from './stable-names.js';

export function planOperation(operation: ir.Operation, functionName: string, types: OperationTypeNames): PlannedOperation {
  const params = planParamKeys(operation.parameters, operation.requestBody !== undefined);
  return { operation, functionName, ...types, params: params.params, bodyKey: params.bodyKey };
}

/** Whether the call needs its params object (a required parameter or body), as its signature says. */
export function paramsRequired(planned: PlannedOperation): boolean {
  return planned.params.some((p) => p.param.required) || planned.operation.requestBody?.required === true;
}

/** Function-name candidates, most natural first: without the tag prefix, the full id, from method + path. */
export function functionCandidates(operation: ir.Operation, tag: string | undefined): string[] {
  const full = ensureIdentifierStart(toCamelCase(operation.id)) || 'operation';
  const fromRoute = ensureIdentifierStart(toCamelCase(routeName(operation))) || 'operation';
  const short = tag === undefined ? undefined : withoutTagPrefix(operation.id, tag);
  return [...(short ? [short] : []), full, fromRoute, `${full}${toPascalCase(operation.method)}`, `${fromRoute}Operation`];
}

/** `repos/list-for-org` in tag `repos` → `listForOrg`, when the id really starts with the tag and a separator. */
function withoutTagPrefix(id: string, tag: string): string | undefined {
  const tagWords = splitWords(tag).map((w) => w.toLowerCase());
  const idWords = splitWords(id);
  if (tagWords.length === 0 || idWords.length <= tagWords.length) return undefined;
  if (!idWords.slice(0, tagWords.length).every((w, i) => w.toLowerCase() === tagWords[i])) return undefined;
  const prefix = new RegExp(`^${tagWords.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).join('[^\\p{L}\\p{N}]*')}[/._:-]`, 'iu');
  if (!prefix.test(id)) return undefined;
  return ensureIdentifierStart(toCamelCase(idWords.slice(tagWords.length).join(' '))) || undefined;
}

const locationOrder: ir.ParamLocation[] = ['path', 'query', 'header', 'cookie'];

function planParamKeys(parameters: ir.Parameter[], hasBody: boolean): { params: PlannedParam[]; bodyKey: string } {
  const used = new Set<string>();
  const planned = new Map<ir.Parameter, string>();
  const sorted = [...parameters].sort((a, b) => locationOrder.indexOf(a.in) - locationOrder.indexOf(b.in));
  for (const param of sorted) {
    let key = param.name;
    if (used.has(key)) key = `${param.in}${toPascalCase(param.name)}`;
    while (used.has(key)) key = `${key}_`;
    used.add(key);
    planned.set(param, key);
  }
  let bodyKey = 'body';
  if (hasBody) {
    while (used.has(bodyKey)) bodyKey = `request${bodyKey.charAt(0).toUpperCase()}${bodyKey.slice(1)}`;
  }
  return { params: parameters.map((param) => ({ param, key: planned.get(param) ?? param.name })), bodyKey };
}
