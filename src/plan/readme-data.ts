/** What the generated README needs to know, taken from the plan (template data for write/). */
import type { TemplateData, TemplateEnvVar } from '../write/render-templates.js';
import { toModulePath } from '../write/template-helpers.js';
import { toCamelCase } from './identifiers.js';
import type { ClientPlan, PlannedScheme } from './plan-types.js';
import { readmeMocks } from './readme-mocks.js';

export function readmeData(plan: ClientPlan, generatorVersion: string, outDir: string | undefined): TemplateData {
  const clientName = toCamelCase(plan.envPrefix) || 'client';
  return {
    apiTitle: plan.document.title,
    apiVersion: plan.document.version,
    specFile: plan.specFile,
    generatorVersion,
    envVars: plan.schemes.flatMap(environmentVariables),
    tags: plan.groups.map((group) => ({
      name: group.facadeKey ?? '',
      operations: group.operations.map(({ functionName, operation }) => ({
        name: functionName,
        method: operation.method,
        path: operation.path,
        summary: operation.summary,
      })),
    })),
    clientName,
    outDir,
    mocks: readmeMocks(plan, clientName, `${toModulePath(outDir ?? '<output folder>')}/index.js`),
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
      return s.scheme === 'basic'
        ? [entry(`${planned.env}_USERNAME`, 'HTTP basic user name'), entry(`${planned.env}_PASSWORD`, 'HTTP basic password')]
        : [entry(planned.env, `HTTP ${s.scheme} credential`)];
    case 'oauth2':
    case 'openIdConnect':
      return [
        entry(`${planned.env}_CLIENT_ID`, 'OAuth 2.0 client id'),
        entry(`${planned.env}_CLIENT_SECRET`, 'OAuth 2.0 client secret'),
      ];
    case 'mutualTLS':
      return [];
  }
}
