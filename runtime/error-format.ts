/**
 * Normalizes the error bodies real APIs send into one shape, for `ApiError.toJSON()`.
 * (Stub: the full normalization of RFC 9457, `{error:{code,message}}`, `{message}`, `{errors:[…]}` lands with the runtime work.)
 */
export interface ErrorDetail {
  field: string | null;
  issue: string;
}

export interface NormalizedErrorBody {
  code: string | undefined;
  message: string | undefined;
  details: ErrorDetail[];
  correlationId: string | undefined;
  documentationUrl: string | undefined;
}

export function normalizeErrorBody(body: unknown): NormalizedErrorBody {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const message = typeof record['message'] === 'string' ? record['message'] : undefined;
  return { code: undefined, message, details: [], correlationId: undefined, documentationUrl: undefined };
}
