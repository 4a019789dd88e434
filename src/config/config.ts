/**
 * The apiwright config file (`apiwright.config.{ts,js,mjs,json}`) and its resolved form. A few
 * settings only: each becomes one semantic decision at the normalize/plan boundary.
 */

/** Pagination of one operation, declared instead of detected; mirrors runtime/client/descriptor.ts `PaginationDescriptor`. Paths are property names from the response body's root. */
export type PaginationOverride =
  | { style: 'offset'; offsetParam: string; limitParam?: string; itemsPath: string[] }
  | { style: 'page'; pageParam: string; sizeParam?: string; itemsPath: string[] }
  | { style: 'cursor'; cursorParam: string; nextCursorPath: string[]; hasMorePath?: string[]; itemsPath: string[] }
  | { style: 'nextUrl'; nextUrlPath: string[]; itemsPath: string[] }
  | { style: 'linkHeader'; itemsPath: string[] };

export type NamingStyle = 'preserve' | 'camelCase';
export type DateStyle = 'string' | 'Date';
/** Which files the client is written as (src/write/module-format.ts). */
export type ModuleFormat = 'ts' | 'mts';
/** A runtime feature a client ships only when asked (src/write/runtime-extras.ts). */
export type RuntimeExtra = 'redis' | 'webhooks' | 'all';
/** Every accepted `runtimeExtras` value. */
export const RUNTIME_EXTRAS: readonly RuntimeExtra[] = ['redis', 'webhooks', 'all'];

/** What a config file may contain. Every field is optional; CLI flags override them. */
export interface Config {
  /** The spec file (or http(s) URL), relative to the config file. `spec` is an alias. */
  input?: string;
  spec?: string;
  /** The output folder, relative to the config file. `out` is an alias. */
  output?: string;
  out?: string;
  /** Allow `$ref`s to http(s) URLs (never to private addresses). Default false. */
  allowRemoteRefs?: boolean;
  /** Folder local `$ref`s may read from, relative to the config file. Default: the spec's folder. */
  refRoot?: string;
  /** Property names of generated types: as the spec writes them, or camelCase. Default `preserve`. */
  naming?: NamingStyle;
  /** `format: date-time` / `date` values: kept as strings, or parsed to `Date`. Default `string`. */
  dates?: DateStyle;
  /** Per operationId: `false` turns detected pagination off, an object declares it. */
  pagination?: Record<string, false | PaginationOverride>;
  /** The client's name in examples and the README, a JavaScript identifier. Default: from the spec title. */
  clientName?: string;
  /** Generate validators.gen.ts and check requests and responses with it. Default true. */
  validators?: boolean;
  // Strict build.
  /** Every warning fails `generate` and `check` (CLI `--strict`). A broken `$ref` always does. Default false. */
  failOnWarnings?: boolean;
  // CommonJS packages (src/write/module-format.ts)
  /** `ts` (default): `.ts` files for ESM packages and bundlers; `mts`: `.mts` files for a CommonJS package. */
  moduleFormat?: ModuleFormat;
  // Test support and the edit loop (`generate` only).
  /** Also write `mocks.gen.ts`, msw handlers for every operation. Default false. */
  mocks?: boolean;
  /** Keep running and regenerate when the spec or a file it references changes. Default false. */
  watch?: boolean;
  // What of the runtime a client ships (src/write/select-runtime.ts).
  /** Runtime features to ship although the generated code does not use them: `redis`, `webhooks`, or `all` (the whole runtime). Default none. */
  runtimeExtras?: RuntimeExtra[];
}

/** A config after loading: paths absolute, defaults applied, aliases merged. */
export interface ResolvedConfig {
  /** The config file read, absolute; undefined when there is none. */
  file: string | undefined;
  /** Absolute path, or an http(s) URL as written. */
  spec: string | undefined;
  /** Absolute path. */
  out: string | undefined;
  allowRemoteRefs: boolean;
  /** Absolute path; undefined: the spec's folder. */
  refRoot: string | undefined;
  naming: NamingStyle;
  dates: DateStyle;
  pagination: Readonly<Record<string, false | PaginationOverride>>;
  clientName: string | undefined;
  validators: boolean;
  // Strict build.
  failOnWarnings: boolean;
  moduleFormat: ModuleFormat;
  mocks: boolean;
  watch: boolean;
  // What of the runtime a client ships.
  runtimeExtras: readonly RuntimeExtra[];
}

export const DEFAULT_CONFIG: ResolvedConfig = Object.freeze({
  file: undefined,
  spec: undefined,
  out: undefined,
  allowRemoteRefs: false,
  refRoot: undefined,
  naming: 'preserve',
  dates: 'string',
  pagination: Object.freeze({}),
  clientName: undefined,
  validators: true,
  failOnWarnings: false,
  moduleFormat: 'ts',
  mocks: false,
  watch: false,
  runtimeExtras: Object.freeze([]),
});

/** A config file holds one job (an object) or several (an array of them, each with its own input and output). */
export type ConfigFile = Config | Config[];

/** Identity helper that gives a `apiwright.config.ts` type checking and completion. */
export function defineConfig<T extends ConfigFile>(config: T): T {
  return config;
}
