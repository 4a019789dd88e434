/**
 * The generated client of fixtures/security-18-20-auth-client (every kind of credential), generated
 * into test/security/__generated__/<name> and imported in-process: cases 18–20 test the runtime
 * through what a user really gets, not the runtime alone.
 */
import path from 'node:path';
import { generate } from '../../../src/generate.js';
import { fixturesDir, generatedDir } from '../../support/paths.js';

export type Params = Record<string, unknown>;
export type CallOptions = Record<string, unknown>;
type Operation = (params?: Params, options?: CallOptions) => Promise<unknown>;

/** The parts of the generated module these tests use. */
export interface AuthClientModule {
  createClient(options?: Record<string, unknown>): AuthClient;
  isApiError(value: unknown): boolean;
  isApiwrightError(value: unknown): boolean;
  ApiwrightError: abstract new (...args: never[]) => Error;
}

export interface AuthClient {
  getWithKeys: Operation;
  postWithKeys: Operation;
  getWithBearer: Operation;
  getWithBasic: Operation;
  getWithOAuth: Operation;
  getPublic: Operation;
  runtime: { options: object; metrics: { snapshot(): unknown } };
}

export async function loadAuthClient(name: string): Promise<AuthClientModule> {
  const out = generatedDir('security', name);
  await generate({ spec: path.join(fixturesDir, 'security-18-20-auth-client', 'openapi.json'), out });
  return (await import(path.join(out, 'index.ts'))) as AuthClientModule;
}

/** Settles `promise`: the error it rejected with, or a marker error when it resolved (with what). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    const value = await promise;
    const unexpected = new Error(`expected a rejection, resolved with ${JSON.stringify(value)}`) as Error &
      Record<string, unknown>;
    unexpected['resolvedInstead'] = true;
    return unexpected;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
}
