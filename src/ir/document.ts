/**
 * The IR of a whole API: what normalize/ produces from any spec version and what plan/ consumes.
 * Runtime-facing shapes (servers, security schemes, pagination) reuse the runtime's own contract
 * types so the generator and the runtime cannot drift apart.
 */
import type {
  HttpMethod,
  OAuthFlowsDescriptor,
  PaginationDescriptor,
  ParamLocation,
  ParamStyle,
  SecurityRequirement,
  ServerDescriptor,
} from '../../runtime/client/descriptor.js';
import type { NamedSchema, Schema, SchemaId } from './schema.js';

export type { HttpMethod, PaginationDescriptor, ParamLocation, ParamStyle, SecurityRequirement, ServerDescriptor };

export interface Parameter {
  /** The name on the wire. */
  name: string;
  in: ParamLocation;
  required: boolean;
  /** OAS 3 style, defaulted per location (path/header: simple; query/cookie: form). */
  style: ParamStyle;
  explode: boolean;
  allowReserved: boolean;
  schema: Schema;
  description?: string;
  deprecated?: boolean;
  /** Set when the parameter is serialized by `content` (e.g. JSON in a query string). */
  contentType?: string;
  /** JSON pointer of the Parameter Object. */
  source: string;
}

export interface Encoding {
  contentType?: string;
  style?: ParamStyle;
  explode?: boolean;
  allowReserved?: boolean;
}

export interface MediaTypeContent {
  /** e.g. `application/json`, `multipart/form-data`, `image/*`. */
  mediaType: string;
  schema: Schema;
  /** Encoding Objects per property, for form and multipart bodies. */
  encoding?: Record<string, Encoding>;
  /** The media type's `example`, else the `value` of its first Example Object, as data (for mocks). */
  example?: unknown;
}

export interface RequestBody {
  required: boolean;
  description?: string;
  /** In spec order; never empty. */
  content: MediaTypeContent[];
  source: string;
}

export interface ResponseHeader {
  name: string;
  required: boolean;
  schema: Schema;
  description?: string;
}

export interface Response {
  /** `200`, `2XX` or `default`, as the spec writes it (upper-cased ranges). */
  status: string;
  description?: string;
  /** Empty when the response has no body. */
  content: MediaTypeContent[];
  headers: ResponseHeader[];
  source: string;
}

/** Where an inbound operation is declared: a 3.1 webhook, or a callback of an operation. */
export type InboundOrigin =
  { kind: 'webhook'; name: string } | { kind: 'callback'; name: string; expression: string; operation: string };

/** Signature schemes a spec can imply through the headers it declares (runtime/webhooks). */
export type WebhookSignatureScheme = 'standard-webhooks' | 'stripe' | 'github' | 'slack';

/**
 * A callback (3.x) or webhook (3.1): requests the API sends to the client. Emitted as typed
 * handlers in webhooks.gen.ts; every request body schema is a named schema (inline ones are
 * named `<event> Payload`), so it gets a type and a validator.
 */
export interface InboundOperation {
  /** Webhook name, or callback name + runtime expression. */
  name: string;
  origin: InboundOrigin;
  method: HttpMethod;
  summary?: string;
  description?: string;
  requestBody?: RequestBody;
  responses: Response[];
  /**
   * Header values that identify this event, as the spec fixes them: a header parameter with one
   * allowed value, or GitHub's `x-github.subcategory` (sent as `X-GitHub-Event`).
   */
  eventHeaders: { name: string; value: string }[];
  /** The scheme its declared signature header implies (e.g. `X-Hub-Signature-256` → github). */
  signatureScheme?: WebhookSignatureScheme;
  source: string;
}

export interface Operation {
  kind: 'operation';
  /** From operationId, else derived from method + path; plan/ turns it into an identifier. */
  id: string;
  /** True when `id` came from the spec's operationId. */
  hasOperationId: boolean;
  method: HttpMethod;
  /** The path template exactly as the spec wrote it, e.g. `/pets/{petId}`. */
  path: string;
  summary?: string;
  description?: string;
  /** Tags in spec order; the first decides the namespace. */
  tags: string[];
  deprecated: boolean;
  /** Path-level and operation-level parameters merged (operation wins per name + location). */
  parameters: Parameter[];
  requestBody?: RequestBody;
  /** In spec order. */
  responses: Response[];
  /** `undefined`: the document's default applies; `[]`: no authentication. */
  security?: SecurityRequirement[];
  /** Operation- or path-level servers. */
  servers?: ServerDescriptor[];
  /** Name of a declared idempotency header parameter (e.g. `Idempotency-Key`), making POST/PATCH retry-safe. */
  idempotencyHeader?: string;
  /** Safe to retry without an idempotency key (GET, HEAD, OPTIONS, PUT, DELETE, TRACE). */
  idempotent: boolean;
  pagination?: PaginationDescriptor;
  /** The operation's `x-apiwright-pagination` extension as written; validated when pagination is decided. */
  paginationExtension?: unknown;
  callbacks: InboundOperation[];
  /** JSON pointer of the Operation Object. */
  source: string;
}

export type SecurityScheme =
  | { type: 'apiKey'; name: string; in: 'header' | 'query' | 'cookie'; description?: string }
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | { type: 'oauth2'; flows: OAuthFlowsDescriptor; description?: string }
  | { type: 'openIdConnect'; openIdConnectUrl: string; description?: string }
  | { type: 'mutualTLS'; description?: string };

export interface Tag {
  name: string;
  description?: string;
}

export interface Document {
  /** The spec version it came from. */
  specVersion: '2.0' | '3.0' | '3.1';
  title: string;
  version: string;
  description?: string;
  servers: ServerDescriptor[];
  /** Keyed by the scheme's name in the spec, in spec order. */
  securitySchemes: { name: string; scheme: SecurityScheme }[];
  /** The document-level default requirement. */
  security: SecurityRequirement[];
  tags: Tag[];
  /** In spec order (paths, then methods in the order the spec lists them). */
  operations: Operation[];
  /** Every named schema, keyed by its JSON pointer; components first, in spec order. */
  schemas: Map<SchemaId, NamedSchema>;
  webhooks: InboundOperation[];
  /**
   * The OpenAPI 3.x-shaped document the IR was built from (2.0 lifted to 3.0), for consumers that
   * need every JSON Schema keyword rather than the types: the generated validators. Pointers in
   * `source` fields and `SchemaId`s point into it.
   */
  raw?: Record<string, unknown>;
}
