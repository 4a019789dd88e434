/** What a caller hands the rate limiter, and what the limiter reports; shared with the store-backed limiter (runtime/stores). */

export interface AcquireOptions {
  signal?: AbortSignal | undefined;
  deadline?: number | undefined;
  requestId?: string | undefined;
  operation?: string | undefined;
}

export interface RateLimitNotice {
  key: string;
  waitMs: number;
  rejected: boolean;
  requestId?: string | undefined;
  operation?: string | undefined;
}
