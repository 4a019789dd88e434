/**
 * Choosing what to send (OAS 3.1 §4.8.30): the requirements of an operation are alternatives (OR);
 * the schemes inside one requirement all apply (AND). The first requirement whose schemes all have
 * credentials wins; an empty requirement `{}` makes authentication optional.
 */
import type { RequestContext, SecurityRequirement } from '../client/descriptor.js';
import { MissingCredentialError } from './errors.js';
import type { SchemeHandler } from './scheme-handlers.js';

export type HandlerLookup = (schemeName: string) => SchemeHandler | undefined;

export interface SelectedRequirement {
  readonly schemes: readonly { readonly handler: SchemeHandler; readonly scopes: readonly string[] }[];
}

export interface Selection {
  readonly selected: SelectedRequirement | undefined;
  /** Per requirement, the scheme names that had no credentials (or are not declared). */
  readonly missing: readonly (readonly string[])[];
}

export async function selectRequirement(requirements: readonly SecurityRequirement[], lookup: HandlerLookup): Promise<Selection> {
  const missing: string[][] = [];
  // Runs on every call: plain loops, one await per scheme (typically one), no per-entry arrays.
  for (const requirement of requirements) {
    const schemes: { handler: SchemeHandler; scopes: readonly string[] }[] = [];
    const absent: string[] = [];
    for (const name of Object.keys(requirement)) {
      const scopes = requirement[name] ?? [];
      const handler = lookup(name);
      if (handler !== undefined && (await handler.isAvailable(scopes))) schemes.push({ handler, scopes });
      else absent.push(name);
    }
    if (absent.length === 0) return { selected: { schemes }, missing };
    missing.push(absent);
  }
  return { selected: undefined, missing };
}

/** The error for a call none of whose requirements can be met: names schemes, options and env vars, never values. */
export function createMissingCredentialError(
  missing: readonly (readonly string[])[],
  lookup: HandlerLookup,
  ctx: RequestContext,
): MissingCredentialError {
  const schemes = new Set<string>();
  const envVars = new Set<string>();
  const alternatives = missing.map((names) =>
    names
      .map((name) => {
        schemes.add(name);
        const handler = lookup(name);
        if (!handler) return `security scheme "${name}" (not declared in the spec's securitySchemes)`;
        const vars = handler.envVars();
        vars.forEach((v) => envVars.add(v));
        const env = vars.length === 0 ? '' : ` (or the environment variable${vars.length > 1 ? 's' : ''} ${vars.join(' and ')})`;
        const hint = handler.hint?.();
        return `${handler.optionPath}${env}${hint ? `, ${hint},` : ''} for security scheme "${name}"`;
      })
      .join(' and '),
  );
  return new MissingCredentialError(
    `Operation "${ctx.operation.id}" needs credentials and none are configured: set ${alternatives.join('; or set ')}`,
    { schemes: [...schemes], envVars: [...envVars], requestId: ctx.requestId, operation: ctx.operation.id },
  );
}
