/**
 * The result of `apiwright health`: one entry per step an on-call engineer would check, in order.
 * `--json` prints it as is. A step that was not reached is `null`.
 */
export interface HealthReport {
  reportVersion: 1;
  healthy: boolean;
  /** The URL checked (with --base-url, or the spec's first server with variable defaults). */
  baseUrl: string;
  /** The operation called; null when the spec has no safe operation without required parameters (the base URL is probed). */
  operation: {
    operationId: string;
    method: 'GET' | 'HEAD';
    path: string;
    reason: 'named' | 'health-endpoint' | 'first-get';
  } | null;
  /** The request URL of the probes. */
  url: string;
  dns: { ok: boolean; host: string; addresses: string[]; ms: number; error?: string } | null;
  tcp: { ok: boolean; address: string; port: number; ms: number; error?: string } | null;
  tls: HealthTls | null;
  http: HealthHttp | null;
  credentials: HealthCredentials;
  /** Rate-limit headers of the last response (`RateLimit-*`, `X-RateLimit-*`, `Retry-After`), lower-cased names. */
  rateLimit: Record<string, string>;
  /** Why the API is unhealthy, one sentence each; empty when healthy. */
  problems: string[];
}

export interface HealthTls {
  ok: boolean;
  /** e.g. `TLSv1.3`. */
  protocol?: string;
  subject?: string;
  issuer?: string;
  /** ISO date the certificate expires. */
  validTo?: string;
  daysUntilExpiry?: number;
  /** Set when verification failed: Node's code (`SELF_SIGNED_CERT_IN_CHAIN`, `CERT_HAS_EXPIRED`…) and what it means. */
  error?: { code: string; message: string; chainUntrusted: boolean };
  /** True when `--ca` added certificate authorities. */
  customCa: boolean;
  ms: number;
}

export interface HealthHttp {
  ok: boolean;
  probes: number;
  /** Status of each probe, in order; `null` for one that failed without a response. */
  statuses: (number | null)[];
  /** Over the probes that got a response. */
  latencyMs: { p50: number; p95: number; min: number; max: number } | null;
  error?: string;
}

export interface HealthCredentials {
  /**
   * `not-required`: the operation needs none; `accepted`: sent and not refused; `rejected`: 401/403;
   * `missing`: needed but not in the environment; `not-checked`: a scheme health cannot send with
   * safe methods only (OAuth 2.0 needs a token request, a POST; mutual TLS needs a client certificate).
   */
  status: 'not-required' | 'accepted' | 'rejected' | 'missing' | 'not-checked';
  /** Schemes of the requirement used (or needed). */
  schemes: string[];
  /** The environment variables read (names only, never values). */
  envVars: string[];
}
