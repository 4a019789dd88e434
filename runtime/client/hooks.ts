/**
 * Lifecycle hooks: run in order, each may be async. `onRequest` and `onResponse` may return a
 * replacement; `onError` sees every error a call throws and may return a replacement error.
 */
import type { RequestContext } from './descriptor.js';

export interface HookContext extends RequestContext {
  /** 1 for the first attempt, then 2, 3… as retries happen. */
  readonly attempt: number;
}

export type OnRequestHook = (request: Request, ctx: HookContext) => Request | void | Promise<Request | void>;
export type OnResponseHook = (response: Response, ctx: HookContext) => Response | void | Promise<Response | void>;
export type OnErrorHook = (error: unknown, ctx: RequestContext) => unknown;

export interface Hooks {
  onRequest?: readonly OnRequestHook[] | undefined;
  onResponse?: readonly OnResponseHook[] | undefined;
  onError?: readonly OnErrorHook[] | undefined;
}

export async function runRequestHooks(hooks: Hooks | undefined, request: Request, ctx: HookContext): Promise<Request> {
  let current = request;
  for (const hook of hooks?.onRequest ?? []) {
    const replacement = await hook(current, ctx);
    if (replacement instanceof Request) current = replacement;
  }
  return current;
}

export async function runResponseHooks(hooks: Hooks | undefined, response: Response, ctx: HookContext): Promise<Response> {
  let current = response;
  for (const hook of hooks?.onResponse ?? []) {
    const replacement = await hook(current, ctx);
    if (replacement instanceof Response) current = replacement;
  }
  return current;
}

/** Returns the error to throw: the last replacement an `onError` hook returned, else the original. */
export async function runErrorHooks(hooks: Hooks | undefined, error: unknown, ctx: RequestContext): Promise<unknown> {
  let current = error;
  for (const hook of hooks?.onError ?? []) {
    const replacement: unknown = await hook(current, ctx);
    if (replacement instanceof Error) current = replacement;
  }
  return current;
}
