/** What plan/ decides: every name, file and import of the generated client. emit/ only renders it. */
import type * as ir from '../ir/index.js';
import type { TransformPlan } from './property-names.js';
import type { WebhookPlan } from './plan-webhooks.js';

export interface PlannedParam {
  param: ir.Parameter;
  /** Property name in the operation's params object (the wire name unless two locations share it). */
  key: string;
}

export interface PlannedOperation {
  operation: ir.Operation;
  /** Exported function name in its endpoints file, and the member name on the client facade. */
  functionName: string;
  /** Type names in types.gen.ts. */
  paramsType: string;
  responseType: string;
  errorType: string;
  /** What the three type names share (`GetPetById`), for names built beside them (`mockGetPetById`). */
  typeBase: string;
  params: PlannedParam[];
  /** Key of the request body in the params object (`body` unless a parameter took it). */
  bodyKey: string;
  /** Set when a success response is a stream (server-sent events or JSON Lines). */
  stream?: PlannedStream;
}

/** The `<name>Stream` companion of an operation whose success response is streamed. */
export interface PlannedStream {
  /** `events`: text/event-stream; `lines`: JSON Lines (NDJSON, jsonl, json-seq). */
  kind: 'events' | 'lines';
  /** What one event's data (or one line) holds, JSON-decoded; undefined: plain text. */
  schema: ir.Schema | undefined;
  /** Exported function name beside the operation's own, e.g. `createChatCompletionStream`. */
  functionName: string;
  /** Type name in types.gen.ts for one event's data or one line. */
  eventType: string;
}

export interface PlannedGroup {
  /** The tag (first tag of each operation), or undefined for untagged operations. */
  tag: string | undefined;
  /** Member of the client facade holding the group; undefined: the operations sit on the client itself. */
  facadeKey: string | undefined;
  /** Module path relative to the output folder, e.g. `endpoints/pets.gen.ts`. */
  file: string;
  /** Local name of the module's namespace import in client.gen.ts. */
  importName: string;
  operations: PlannedOperation[];
}

export interface PlannedScheme {
  name: string;
  scheme: ir.SecurityScheme;
  /** Key under `auth` in the client options. */
  option: string;
  /** Environment variable (prefix) for the credential. */
  env: string;
}

export interface ClientPlan {
  document: ir.Document;
  /** The spec file as the user named it, for headers and the README. */
  specFile: string;
  /** Named schema id → its exported type name. */
  typeNames: Map<ir.SchemaId, string>;
  /** Named schemas in output order (sorted by type name). */
  schemaOrder: ir.NamedSchema[];
  groups: PlannedGroup[];
  schemes: PlannedScheme[];
  envPrefix: string;
  /** Property names and date handling of types and runtime conversion (plan/property-names.ts). */
  transform: TransformPlan;
  /** `transforms` is set only when `transform.enabled`; `mocks` only when mocks were asked for. */
  files: {
    types: string;
    client: string;
    index: string;
    transforms?: string;
    /** Generated validators; absent with `--no-validators` / config `validators: false`. */
    validators?: string;
    mocks?: string;
  };
  // Webhooks: set only when the spec declares webhooks or callbacks (webhooks.gen.ts).
  webhooks?: WebhookPlan;
}
