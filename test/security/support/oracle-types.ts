/**
 * The JSON the parent test hands to the oracle child (oracle-child.ts) and the report it prints back.
 * The child is plain JavaScript, so these types are the contract between the two.
 */

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ExpectedParam {
  name: string;
  in: ParamLocation;
  /** The string `enum` (or `const`, as one value) of its schema: each value must pass request validation. */
  enum?: string[];
}

export interface ExpectedOperation {
  /** Upper case, e.g. `GET`. */
  method: string;
  /** The spec's operationId, when it has one (the descriptor's `id` must equal it). */
  operationId?: string;
  /** The path key exactly as the spec wrote it. */
  path: string;
  params: ExpectedParam[];
  /** Request body media types in spec order (empty: no body). */
  bodyMediaTypes: string[];
  /** Status → media types, as the spec declares them. */
  responses: Record<string, string[]>;
}

export interface ExpectedScheme {
  name: string;
  type: string;
  /** For `apiKey`: where and under which name. */
  in?: string;
  paramName?: string;
  /** For `http`: `basic`, `bearer`, … */
  scheme?: string;
}

export interface Expectations {
  title: string;
  version: string;
  serverUrls: string[];
  operations: ExpectedOperation[];
  /** Every string `enum` (or string `const`, as one value) of the spec, values in spec order. */
  enums: string[][];
  /** Every key of every `properties` map (each must be a property name in types.gen.ts). */
  propertyNames: string[];
  securitySchemes: ExpectedScheme[];
}

/** What the parent hands oracle-child.ts. */
export interface OracleInput {
  /** Scratch copy of the client with a .js beside every .ts (see transpile-client.ts). */
  execDir: string;
  expect: Expectations;
}

export interface Mismatch {
  /** What was compared, e.g. `path GET /a/{id}` or `enum`. */
  where: string;
  expected: unknown;
  actual: unknown;
}

export interface CallRecord {
  /** `tag.fn` or `fn` for root-level operations. */
  member: string;
  method?: string;
  specPath?: string;
  outcome: 'ok' | 'error' | 'probe-failed';
  error?: { name: string; message: string };
  /** The server saw this call's request. */
  received: boolean;
}

/** What oracle-child.ts prints (the runtime half). */
export interface ChildReport {
  /** `globalThis.__pwned` after import and every call (must be undefined). */
  pwned: unknown;
  /** Keys added to Object.prototype (and Array/Function prototypes) while importing and calling. */
  prototypeKeysAdded: string[];
  /** `({}).polluted` at the end (must be undefined). */
  polluted: unknown;
  /** Global names that appeared while importing and calling. */
  newGlobals: string[];
  importErrors: string[];
  modulesImported: number;
  /** `typeof client.then` and of every namespace's `then`, and whether `await client` returned the client. */
  thenable: { clientThen: string; awaitedIsClient: boolean; namespaceThens: string[] };
  calls: CallRecord[];
  /** Spec operations no facade member reached. */
  unreached: string[];
  /** Facade members whose descriptor matched no spec operation. */
  unmatched: string[];
  mismatches: Mismatch[];
  /** Calls the runtime refused before sending, with the reason (e.g. a header name that is not an HTTP token). */
  refusals: string[];
  counts: {
    operations: number;
    calls: number;
    received: number;
    /** Error-path calls (the server answers 400 with a polluting body). */
    errorCalls: number;
    stringsCompared: number;
  };
  /** Anything that stopped the child early. */
  fatal?: string;
}

/** The whole oracle report: the child's, plus the parent's static scan (scan-generated.ts). */
export interface OracleReport extends ChildReport {
  /** Syntax diagnostics from ts.transpileModule (spec text that broke out of a literal shows up here). */
  transpileDiagnostics: string[];
  /** Calls, `new`, assignments or template substitutions in generated (non-runtime) files beyond the runtime's few calls. */
  unexpectedCalls: string[];
  /** `globalThis.…` / `….__pwned` accessed as code in generated files. */
  codeReferences: string[];
  /** Raw bidirectional control characters (Trojan Source, CVE-2021-42574) in generated files: `file:line U+XXXX`. */
  bidiControls: string[];
  counts: ChildReport['counts'] & { enumsChecked: number; propertyNamesChecked: number };
}
