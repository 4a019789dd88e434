/** What the generated README needs to know, taken from the plan (template data for write/). */
import type { TemplateData, TemplateEnvVar, TemplateStandalone, TemplateWebhooks } from '../write/render-templates.js';
import { toModulePath } from '../write/template-helpers.js';
import { OAUTH_ENV_SUFFIXES } from '../../runtime/auth/oauth2-settings.js';
import { moduleName } from './import-specifier.js';
import { toCamelCase } from './identifiers.js';
import { paramsRequired } from './plan-operation.js';
import type { ClientPlan, PlannedScheme } from './plan-types.js';
import type { WebhookPlan } from './plan-webhooks.js';
import { readmeMocks } from './readme-mocks.js';

/** Paths as seen from the output folder (see generate.ts): none depends on the working directory. */
export interface ReadmeLayout {
  specFromOut: string;
  specFromParent: string;
  outName: string;
}

export function readmeData(plan: ClientPlan, generatorVersion: string, layout: ReadmeLayout | undefined): TemplateData {
  const clientName = toCamelCase(plan.envPrefix) || 'client';
  return {
    apiTitle: plan.document.title,
    apiVersion: plan.document.version,
    specFile: layout?.specFromOut ?? plan.specFile,
    generatorVersion,
    envVars: plan.schemes.flatMap(environmentVariables),
    tags: plan.groups.map((group) => ({
      name: group.facadeKey ?? '',
      operations: group.operations.map((planned) => ({
        name: planned.functionName,
        method: planned.operation.method,
        path: planned.operation.path,
        summary: planned.operation.summary,
        paramsRequired: paramsRequired(planned),
        paginated: planned.operation.pagination !== undefined,
      })),
    })),
    clientName,
    outDir: layout?.outName,
    ...(layout === undefined ? {} : { specFromParent: layout.specFromParent }),
    mocks: readmeMocks(plan, clientName, `${toModulePath(layout?.outName ?? '<output folder>')}/index.js`),
    streams: plan.groups.flatMap((group) =>
      group.operations.flatMap(({ stream }) =>
        stream === undefined
          ? []
          : [
              {
                call: group.facadeKey === undefined ? stream.functionName : `${group.facadeKey}.${stream.functionName}`,
                kind: stream.kind === 'events' ? ('server-sent events' as const) : ('JSON Lines' as const),
              },
            ],
      ),
    ),

    ...standaloneExample(plan),
    // Webhooks: the events the receiver handles, its scheme and secret variable.
    ...(plan.webhooks === undefined ? {} : { webhooks: webhooksData(plan, plan.webhooks) }),
  };
}

/**
 * The README's standalone-call example: the first operation, tagged before untagged, that needs no
 * params (so the example compiles as written); else the first operation with a declared `params`.
 */
function standaloneExample(plan: ClientPlan): { standalone?: TemplateStandalone } {
  const groups = [...plan.groups.filter((g) => g.tag !== undefined), ...plan.groups.filter((g) => g.tag === undefined)];
  const candidates = groups.flatMap((group) => group.operations.map((planned) => ({ group, planned })));
  const chosen = candidates.find(({ planned }) => !paramsRequired(planned)) ?? candidates[0];
  if (chosen === undefined) return {};
  return {
    standalone: {
      name: chosen.planned.functionName,
      module: moduleName(chosen.group.file),
      paramsRequired: paramsRequired(chosen.planned),
    },
  };
}

function webhooksData(plan: ClientPlan, webhooks: WebhookPlan): TemplateWebhooks {
  return {
    envVar: webhooks.envVar,
    scheme: webhooks.defaultScheme,
    events: webhooks.events.map((event) => ({
      key: event.key,
      name: event.inbound.origin.name,
      method: event.inbound.method,
      payload: event.payload?.kind === 'ref' ? (plan.typeNames.get(event.payload.target) ?? 'unknown') : 'undefined',
      summary: firstSentence(event.inbound.description ?? event.inbound.summary),
    })),
  };
}

/** The variables the runtime reads for a scheme when the `auth` option does not set it (see runtime/auth). */
export function environmentVariables(planned: PlannedScheme): TemplateEnvVar[] {
  const entry = (name: string, description: string): TemplateEnvVar => ({ name, scheme: planned.option, description });
  const s = planned.scheme;
  switch (s.type) {
    case 'apiKey':
      return [entry(planned.env, `API key sent in ${s.in} ${s.name}`)];
    case 'http':
      if (s.scheme === 'basic') {
        return [
          entry(`${planned.env}_USERNAME`, 'HTTP basic user name'),
          entry(`${planned.env}_PASSWORD`, 'HTTP basic password'),
        ];
      }
      return s.scheme.toLowerCase() === 'bearer'
        ? [entry(planned.env, 'bearer token'), entry(`${planned.env}_TOKEN`, 'bearer token (read when the first is unset)')]
        : [entry(planned.env, `HTTP ${s.scheme} credential`)];
    case 'oauth2':
    case 'openIdConnect': {
      // The runtime's own list (runtime/auth/oauth2-settings.ts), so the README cannot drift from it.
      const env = (key: keyof typeof OAUTH_ENV_SUFFIXES) => `${planned.env}${OAUTH_ENV_SUFFIXES[key]}`;
      const password = s.type === 'oauth2' && s.flows.password !== undefined;
      return [
        entry(env('clientId'), 'OAuth 2.0 client id'),
        entry(env('clientSecret'), 'OAuth 2.0 client secret'),
        entry(env('accessToken'), 'an access token obtained elsewhere (used as is)'),
        entry(env('refreshToken'), 'a refresh token, e.g. from an earlier login'),
        ...(password
          ? [entry(env('username'), 'password grant user name'), entry(env('password'), 'password grant password')]
          : []),
      ];
    }
    case 'mutualTLS':
      return [];
  }
}

/** One line for a list: the first sentence (descriptions of real webhooks run to paragraphs). */
function firstSentence(text: string | undefined): string | undefined {
  const line = text?.trim().split('\n')[0]?.trim();
  if (line === undefined || line === '') return undefined;
  const end = /[.!?](\s|$)/.exec(line);
  return end === null ? line : line.slice(0, end.index + 1);
}
