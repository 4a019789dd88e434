/**
 * Checks a config value field by field. Each error names the file and the field (as a JSON
 * pointer) and says what is allowed, so a typo is fixed in one look.
 */
import path from 'node:path';
import { ConfigError } from '../errors.js';
import {
  DEFAULT_CONFIG,
  RUNTIME_EXTRAS,
  type Config,
  type PaginationOverride,
  type ResolvedConfig,
  type RuntimeExtra,
} from './config.js';
import { formatPointer } from '../json-pointer.js';

const TOP_LEVEL_KEYS = [
  '$schema',
  'input',
  'spec',
  'output',
  'out',
  'allowRemoteRefs',
  'refRoot',
  'naming',
  'dates',
  'pagination',
  'clientName',
  'validators',
  'failOnWarnings',
  // CommonJS packages (src/write/module-format.ts)
  'moduleFormat',
  'mocks',
  'watch',
  // What of the runtime a client ships (src/write/select-runtime.ts)
  'runtimeExtras',
];

/** Required and optional fields per pagination style (runtime/client/descriptor.ts `PaginationDescriptor`). */
const PAGINATION_FIELDS: Record<
  PaginationOverride['style'],
  { required: Record<string, 'string' | 'path'>; optional: Record<string, 'string' | 'path'> }
> = {
  offset: { required: { offsetParam: 'string', itemsPath: 'path' }, optional: { limitParam: 'string' } },
  page: { required: { pageParam: 'string', itemsPath: 'path' }, optional: { sizeParam: 'string' } },
  cursor: { required: { cursorParam: 'string', nextCursorPath: 'path', itemsPath: 'path' }, optional: { hasMorePath: 'path' } },
  nextUrl: { required: { nextUrlPath: 'path', itemsPath: 'path' }, optional: {} },
  linkHeader: { required: { itemsPath: 'path' }, optional: {} },
};

function pointerOf(...segments: string[]): string {
  return formatPointer(segments);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `at`: where this job sits in the file (`['1']` for the second of an array of jobs). */
export function validateConfig(value: unknown, file: string, at: readonly string[] = []): ResolvedConfig {
  const fail = (segments: string[], message: string, hint?: string): never => {
    throw new ConfigError(message, { code: 'CONFIG_INVALID', file, pointer: pointerOf(...at, ...segments), hint });
  };
  if (!isPlainObject(value)) {
    throw new ConfigError(`the config must be an object, got ${describeValue(value)}`, {
      code: 'CONFIG_INVALID',
      file,
      hint: 'Export an object: `export default defineConfig({ input: "openapi.yaml", output: "src/client" })`.',
    });
  }
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      fail([key], `unknown field "${key}"`, `Known fields: ${TOP_LEVEL_KEYS.filter((k) => k !== '$schema').join(', ')}.`);
    }
  }
  const config = value as Config & Record<string, unknown>;
  const base = path.dirname(file);

  const readPath = (names: [string, string]): string | undefined => {
    const [primary, alias] = names;
    const a = value[primary];
    const b = value[alias];
    if (a !== undefined && b !== undefined && a !== b)
      fail([alias], `"${primary}" and "${alias}" are the same setting and disagree`, `Keep only "${primary}".`);
    const given = a ?? b;
    const name = a !== undefined ? primary : alias;
    if (given === undefined) return undefined;
    if (typeof given !== 'string' || given.trim() === '')
      fail([name], `"${name}" must be a non-empty path, got ${describeValue(given)}`);
    const text = given as string;
    return /^https?:\/\//i.test(text) ? text : path.resolve(base, text);
  };
  const readEnum = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const given = value[name];
    if (given === undefined) return fallback;
    if (typeof given !== 'string' || !(allowed as readonly string[]).includes(given)) {
      fail([name], `"${name}" must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${describeValue(given)}`);
    }
    return given as T;
  };

  const spec = readPath(['input', 'spec']);
  const refRoot = readPath(['refRoot', 'refRoot']);
  const out = readPath(['output', 'out']);
  const outFieldUrl = out !== undefined && /^https?:\/\//i.test(out);
  if (outFieldUrl) fail([value['output'] !== undefined ? 'output' : 'out'], 'the output must be a folder path, not a URL');

  if (config.allowRemoteRefs !== undefined && typeof config.allowRemoteRefs !== 'boolean') {
    fail(['allowRemoteRefs'], `"allowRemoteRefs" must be true or false, got ${describeValue(config.allowRemoteRefs)}`);
  }
  const clientName: unknown = config.clientName;
  if (clientName !== undefined && (typeof clientName !== 'string' || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(clientName))) {
    fail(['clientName'], `"clientName" must be a JavaScript identifier such as "petstore", got ${describeValue(clientName)}`);
  }

  for (const flag of ['validators', 'failOnWarnings', 'mocks', 'watch'] as const) {
    if (config[flag] !== undefined && typeof config[flag] !== 'boolean') {
      fail([flag], `"${flag}" must be true or false, got ${describeValue(config[flag])}`);
    }
  }

  return {
    file,
    spec,
    out,
    allowRemoteRefs: config.allowRemoteRefs ?? DEFAULT_CONFIG.allowRemoteRefs,
    refRoot,
    naming: readEnum('naming', ['preserve', 'camelCase'], DEFAULT_CONFIG.naming),
    dates: readEnum('dates', ['string', 'Date'], DEFAULT_CONFIG.dates),
    pagination: validatePagination(value['pagination'], fail),
    clientName: clientName as string | undefined,
    validators: config.validators ?? DEFAULT_CONFIG.validators,
    failOnWarnings: config.failOnWarnings ?? DEFAULT_CONFIG.failOnWarnings,
    moduleFormat: readEnum('moduleFormat', ['ts', 'mts'], DEFAULT_CONFIG.moduleFormat),
    mocks: config.mocks ?? DEFAULT_CONFIG.mocks,
    watch: config.watch ?? DEFAULT_CONFIG.watch,
    runtimeExtras: validateRuntimeExtras(value['runtimeExtras'], fail),
  };
}

// Several jobs in one config file.
/** A config file's value: one job (an object) or a non-empty array of them. */
export function validateConfigJobs(value: unknown, file: string): ResolvedConfig[] {
  if (!Array.isArray(value)) return [validateConfig(value, file)];
  if (value.length === 0) {
    throw new ConfigError('the config is an empty array of jobs', {
      code: 'CONFIG_INVALID',
      file,
      hint: 'Give one object per client: `[{ "input": "a.yaml", "output": "src/a" }]`.',
    });
  }
  return value.map((job: unknown, index) => validateConfig(job, file, [String(index)]));
}

type Fail = (segments: string[], message: string, hint?: string) => never;

function validatePagination(value: unknown, fail: Fail): Record<string, false | PaginationOverride> {
  if (value === undefined) return {};
  if (!isPlainObject(value))
    return fail(['pagination'], `"pagination" must be an object keyed by operationId, got ${describeValue(value)}`);
  // A null prototype: operationIds such as `__proto__` or `constructor` stay ordinary keys.
  const result: Record<string, false | PaginationOverride> = Object.create(null) as Record<string, false | PaginationOverride>;
  for (const [operationId, entry] of Object.entries(value)) {
    const at = ['pagination', operationId];
    if (entry === false) {
      result[operationId] = false;
      continue;
    }
    if (!isPlainObject(entry))
      fail(at, `pagination.${operationId} must be false or an object with a "style", got ${describeValue(entry)}`);
    const override = entry;
    const style = override['style'];
    if (typeof style !== 'string' || !Object.hasOwn(PAGINATION_FIELDS, style)) {
      fail(
        [...at, 'style'],
        `pagination.${operationId}.style must be one of ${Object.keys(PAGINATION_FIELDS)
          .map((s) => `"${s}"`)
          .join(', ')}, got ${describeValue(style)}`,
      );
    }
    const fields = PAGINATION_FIELDS[style as PaginationOverride['style']];
    for (const [key, field] of Object.entries(override)) {
      if (key === 'style') continue;
      const kind = fields.required[key] ?? fields.optional[key];
      if (kind === undefined) {
        const allowed = [...Object.keys(fields.required), ...Object.keys(fields.optional)].join(', ');
        fail(
          [...at, key],
          `pagination.${operationId}.${key} is not a field of the "${String(style)}" style`,
          `Fields of "${String(style)}": ${allowed}.`,
        );
      }
      const ok =
        kind === 'string'
          ? typeof field === 'string' && field !== ''
          : Array.isArray(field) && field.every((part) => typeof part === 'string');
      if (!ok) {
        fail(
          [...at, key],
          `pagination.${operationId}.${key} must be ${kind === 'string' ? 'a non-empty string' : 'an array of property names, e.g. ["data", "items"]'}, got ${describeValue(field)}`,
        );
      }
    }
    for (const key of Object.keys(fields.required)) {
      if (override[key] === undefined)
        fail([...at, key], `pagination.${operationId} with style "${String(style)}" needs "${key}"`);
    }
    result[operationId] = structuredClone(override) as PaginationOverride;
  }
  return result;
}

// What of the runtime a client ships.
function validateRuntimeExtras(value: unknown, fail: Fail): readonly RuntimeExtra[] {
  if (value === undefined) return DEFAULT_CONFIG.runtimeExtras;
  const allowed = RUNTIME_EXTRAS.map((extra) => `"${extra}"`).join(', ');
  if (!Array.isArray(value))
    return fail(['runtimeExtras'], `"runtimeExtras" must be an array of ${allowed}, got ${describeValue(value)}`);
  value.forEach((extra: unknown, index) => {
    if (typeof extra !== 'string' || !(RUNTIME_EXTRAS as readonly string[]).includes(extra)) {
      fail(['runtimeExtras', String(index)], `runtimeExtras[${index}] must be one of ${allowed}, got ${describeValue(extra)}`);
    }
  });
  return [...new Set(value as RuntimeExtra[])];
}
