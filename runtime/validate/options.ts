/** The `validate` option, on `createClient` and per call. */
export interface ValidateOptions {
  /** Check params and body before sending (default true): a `ValidationError` and no request when they break the spec. */
  request?: boolean | undefined;
  /**
   * What to do with a response body that breaks its declared schema: `off` returns it unchecked,
   * `warn` (default) returns it and logs one warning per operation and kind of drift, `strict`
   * throws a `ResponseValidationError`. Error bodies are checked the same way.
   */
  response?: 'off' | 'warn' | 'strict' | undefined;
}

/** Per-call settings override the client's, field by field. */
export function mergeValidateOptions(client: ValidateOptions | undefined, call: ValidateOptions | undefined): ValidateOptions {
  return {
    request: call?.request ?? client?.request ?? true,
    response: call?.response ?? client?.response ?? 'warn',
  };
}
