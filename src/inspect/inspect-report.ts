/**
 * The discovery report of `apiwright inspect`: what a spec offers and what the generated client
 * will do with it. This is the `--json` output, a stable shape (`reportVersion` changes when a
 * field is removed or changes meaning; new fields may be added). docs/inspect-report.md documents it.
 */
import type { HttpMethod, PaginationDescriptor } from '../ir/index.js';

export interface InspectReport {
  /** Version of this shape. */
  reportVersion: 1;
  api: {
    title: string;
    version: string;
    /** `2.0`, `3.0` or `3.1`. */
    specVersion: string;
    /** The spec file relative to the working directory. */
    specFile: string;
  };
  servers: InspectServer[];
  /** Operations grouped by their first tag, in spec order; `tag: null` holds untagged operations. */
  tags: { tag: string | null; description?: string; operationIds: string[] }[];
  operations: InspectOperation[];
  securitySchemes: InspectSecurityScheme[];
  /** What the whole spec says about rate limits. */
  rateLimits: {
    /** Operations that declare a 429 response. */
    operationsWith429: number;
    /** Every rate-limit header named in any response, sorted. */
    headers: string[];
    /** `x-ratelimit-*` / `x-rate-limit-*` extensions at the document root or in `info`. */
    extensions: Record<string, unknown>;
  };
  webhooks: InspectInbound[];
  callbacks: (InspectInbound & { operationId: string })[];
  problems: InspectProblem[];
  counts: {
    operations: number;
    schemas: number;
    paginated: number;
    retrySafe: number;
    deprecated: number;
    problems: { errors: number; warnings: number };
  };
}

export interface InspectServer {
  /** URL template as written, e.g. `https://{region}.example.com/v1`. */
  url: string;
  /** The URL with every variable at its default, what the client calls unless told otherwise. */
  defaultUrl: string;
  variables: { name: string; default: string; enum?: string[] }[];
}

export interface InspectOperation {
  /** The operationId, else the name derived from method + path. */
  operationId: string;
  /** False when the spec gives no operationId (config overrides cannot name it). */
  hasOperationId: boolean;
  method: HttpMethod;
  path: string;
  summary?: string;
  tag: string | null;
  deprecated: boolean;
  /** How the generated client calls it: `client.<facade>.<function>`. */
  clientCall: string;
  auth: InspectAuth;
  /** Exactly what the generated client will do; null: not paginated. */
  pagination: (PaginationDescriptor & { source: 'config' | 'extension' | 'detected' }) | null;
  rateLimit: InspectRateLimit | null;
  retry: {
    /** True when the client retries it on failure (idempotent method, or an idempotency key). */
    safe: boolean;
    reason: 'idempotent-method' | 'idempotency-header' | 'not-idempotent';
    /** The declared idempotency header, e.g. `Idempotency-Key`. */
    idempotencyHeader?: string;
  };
  mediaTypes: {
    request: string[];
    /** Status (`200`, `4XX`, `default`) → media types; an empty list: no body. */
    responses: Record<string, string[]>;
  };
}

export interface InspectAuth {
  /** `operation`: the operation sets its own security; `document`: the spec's default applies. */
  source: 'operation' | 'document';
  /** False when no credential is needed (no requirement, or an empty alternative). */
  required: boolean;
  /** Alternatives (any one suffices); each lists schemes used together, with their scopes. */
  alternatives: { scheme: string; scopes: string[] }[][];
  /** Environment variables the generated client reads for these schemes, sorted. */
  envVars: string[];
}

export interface InspectRateLimit {
  /** Responses that signal throttling: `429` when declared. */
  statuses: string[];
  /** Rate-limit headers in the operation's responses (`RateLimit-*`, `X-RateLimit-*`, `Retry-After`). */
  headers: string[];
  /** `x-ratelimit-*` / `x-rate-limit-*` extensions on the operation. */
  extensions: Record<string, unknown>;
}

export interface InspectSecurityScheme {
  name: string;
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  /** One line, e.g. `API key in header X-API-Key`, `HTTP bearer (JWT)`, `OAuth 2.0 clientCredentials`. */
  description: string;
  /** Key under `auth` in createClient's options. */
  clientOption: string;
  envVars: { name: string; description: string }[];
  /** Operation ids that accept this scheme. */
  operationIds: string[];
}

export interface InspectInbound {
  name: string;
  method: HttpMethod;
  summary?: string;
  requestMediaTypes: string[];
}

export interface InspectProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
}
