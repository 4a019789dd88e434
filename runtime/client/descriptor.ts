/**
 * The contract between generated code and the runtime.
 *
 * Generated endpoint functions describe each operation as a plain, frozen `OperationDescriptor`
 * (data only: spec text never becomes code) and call `client.request(descriptor, params, options)`.
 * Everything else (URL building, bodies, auth, retries, parsing) is the runtime's job.
 */
import type { OperationTransform } from '../transform/shapes.js';
import type { OperationValidators } from '../validate/issue.js';
import type { Bytes } from '../util/bytes.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

/** OpenAPI 3 `style` values (OAS 3.1 §4.8.12.4). */
export type ParamStyle = 'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

/** How one parameter is serialized, exactly as the spec declares it. */
export interface ParamDescriptor {
  /** The name on the wire (path template name, query key, header or cookie name). */
  readonly name: string;
  /** The key in the caller's params object when it differs from `name` (two locations share a name). */
  readonly key?: string;
  readonly in: ParamLocation;
  readonly style: ParamStyle;
  readonly explode: boolean;
  readonly allowReserved?: boolean;
  readonly required?: boolean;
  /** Set when the parameter uses `content` instead of `schema`: the value is serialized with this media type. */
  readonly contentType?: string;
}

/** Per-property encoding of a form or multipart body (OAS Encoding Object). */
export interface EncodingDescriptor {
  readonly contentType?: string;
  readonly style?: ParamStyle;
  readonly explode?: boolean;
  readonly allowReserved?: boolean;
}

export interface BodyDescriptor {
  /** Media types the operation accepts, in spec order; the first is used unless the caller picks one. */
  readonly mediaTypes: readonly string[];
  readonly required: boolean;
  /** Encoding per property name, for `application/x-www-form-urlencoded` and `multipart/*`. */
  readonly encoding?: Readonly<Record<string, EncodingDescriptor>>;
}

export interface ServerVariableDescriptor {
  readonly default: string;
  readonly enum?: readonly string[];
}

export interface ServerDescriptor {
  /** URL template, e.g. `https://{region}.api.example.com/v1`; may be relative to the spec's location. */
  readonly url: string;
  readonly variables?: Readonly<Record<string, ServerVariableDescriptor>>;
}

/** One security requirement: scheme name → scopes. All schemes in one requirement apply together (AND). */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

/** Pagination detected (or declared) for an operation; see runtime/pagination.ts. */
export type PaginationDescriptor =
  | {
      readonly style: 'offset';
      readonly offsetParam: string;
      readonly limitParam?: string;
      readonly itemsPath: readonly string[];
    }
  | {
      readonly style: 'page';
      readonly pageParam: string;
      readonly sizeParam?: string;
      readonly itemsPath: readonly string[];
      /** The first page's number when it is not 1 (zero-based APIs). */
      readonly firstPage?: number;
    }
  | {
      readonly style: 'cursor';
      readonly cursorParam: string;
      /** Where the next cursor is; a path starting with `$lastItem` reads the last item (`starting_after` APIs). */
      readonly nextCursorPath: readonly string[];
      readonly hasMorePath?: readonly string[];
      readonly itemsPath: readonly string[];
    }
  | { readonly style: 'nextUrl'; readonly nextUrlPath: readonly string[]; readonly itemsPath: readonly string[] }
  | { readonly style: 'linkHeader'; readonly itemsPath: readonly string[] };

export interface OperationDescriptor {
  /** The spec's operationId as written (else the generated function's name): what errors and logs call the operation. */
  readonly id: string;
  readonly method: HttpMethod;
  /** The path template exactly as the spec wrote it, e.g. `/pets/{petId}`. */
  readonly path: string;
  readonly params: readonly ParamDescriptor[];
  readonly body?: BodyDescriptor;
  /** Status (`200`, `2XX`, `default`) → media types the spec declares for it (empty: no body). */
  readonly responses: Readonly<Record<string, readonly string[]>>;
  /** Alternatives (OR) of requirements; `undefined` means the document's default, `[]` means none. */
  readonly security?: readonly SecurityRequirement[];
  /** Operation- or path-level servers, overriding the document's. */
  readonly servers?: readonly ServerDescriptor[];
  /** Name of an idempotency header parameter the operation declares (e.g. `Idempotency-Key`). */
  readonly idempotencyHeader?: string;
  readonly pagination?: PaginationDescriptor;
  readonly deprecated?: boolean;
  /** Key of the request body in the params object when it is not `body` (a parameter is named `body`). */
  readonly bodyKey?: string;
  /**
   * Renamed properties and `Date` values between the wire and the generated types, when the client
   * was generated with `naming: 'camelCase'` or `dates: 'Date'` (see transform.ts).
   */
  readonly transform?: OperationTransform;
  /** The operation's compiled checks from validators.gen.ts (absent when generated with `--no-validators`). */
  readonly validate?: OperationValidators;
  /**
   * The kinds of security scheme the operation's requirements use (auth/schemes.ts), brought by the
   * endpoint function so a bundle carries only the auth code of the operations it calls.
   */
  readonly auth?: readonly SchemeKind[];
  /**
   * Encodes the request body (request/body.ts `encodeBody`), brought by the endpoint functions of
   * operations that have one, so a bundle of body-less calls carries no body encoding code.
   */
  readonly encodeBody?: BodyEncoder;
}

/** The request body, encoded: bytes, a Blob or a caller's stream, with its Content-Type and size when known. */
export interface EncodedBody {
  readonly body: Bytes | Blob | ReadableStream<Uint8Array>;
  /** `undefined` only when the caller's Blob carries its own type and the media type is a range. */
  readonly contentType: string | undefined;
  /** Exact size, unknown (`undefined`) for streams. */
  readonly bytes: number | undefined;
}

/** Encodes `value` as the operation's body, in the media type the caller picked (`contentType`) or the first declared. */
export type BodyEncoder = (value: unknown, body: BodyDescriptor, contentType: string | undefined) => Promise<EncodedBody>;

/**
 * A kind of security scheme as a descriptor carries it: auth/schemes.ts's `SchemeSupport` is one.
 * Declared here, not imported, so descriptors stay below auth/ in the import graph.
 */
export interface SchemeKind {
  readonly types: readonly string[];
}

export type OAuthFlowsDescriptor = {
  readonly clientCredentials?: { readonly tokenUrl: string; readonly refreshUrl?: string; readonly scopes: readonly string[] };
  readonly authorizationCode?: {
    readonly authorizationUrl: string;
    readonly tokenUrl: string;
    readonly refreshUrl?: string;
    readonly scopes: readonly string[];
  };
  readonly password?: { readonly tokenUrl: string; readonly refreshUrl?: string; readonly scopes: readonly string[] };
  readonly implicit?: { readonly authorizationUrl: string; readonly scopes: readonly string[] };
};

/** A security scheme, plus the names the client uses for it. */
export type SecuritySchemeDescriptor = {
  /** The key under `auth` in client options (the scheme name in camelCase). */
  readonly option: string;
  /** Prefix of the environment variables read when the option is absent, e.g. `PETSTORE_API_KEY`. */
  readonly env: string;
} & (
  | { readonly type: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string }
  | { readonly type: 'http'; readonly scheme: string; readonly bearerFormat?: string }
  | { readonly type: 'oauth2'; readonly flows: OAuthFlowsDescriptor }
  | { readonly type: 'openIdConnect'; readonly openIdConnectUrl: string }
  | { readonly type: 'mutualTLS' }
);

/** What the generated client knows about the API as a whole. */
export interface ApiDescriptor {
  readonly title: string;
  readonly version: string;
  /** Environment-variable prefix derived from the title, e.g. `PETSTORE`. */
  readonly envPrefix: string;
  readonly servers: readonly ServerDescriptor[];
  readonly security: readonly SecurityRequirement[];
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeDescriptor>>;
}

/** Time source, injected so every timing rule is testable without real sleeps. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Optional: calls `fire` after `ms` unless the returned function is called first. The attempt's
   * timeout uses it when present (the system clock: one setTimeout, no AbortController per
   * request); a clock without it is driven through `sleep`.
   */
  timer?(ms: number, fire: () => void): () => void;
}

/** The request one attempt sends, after URL, headers and body are built. */
export interface PreparedRequest {
  method: HttpMethod;
  url: URL;
  headers: Headers;
  body?: BodyInit | null;
  /** Byte length when known, for `maxRequestBytes` and logs. */
  bodyBytes?: number;
}

/** Per-call state shared by every attempt of one logical request. */
export interface RequestContext {
  readonly operation: OperationDescriptor;
  /** Fresh UUID per logical request, sent as the request id header and attached to errors and logs. */
  readonly requestId: string;
  /** Set when this request may be retried even though its method is unsafe. */
  readonly idempotencyKey?: string;
  /** The caller's signal; aborting it cancels at once. */
  readonly signal?: AbortSignal;
  /** Absolute time (clock ms) after which no new attempt starts. */
  readonly deadline?: number;
}
