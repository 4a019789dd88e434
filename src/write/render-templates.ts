/**
 * The static files of a generated client (README.md, …), rendered from templates/*.hbs. Spec text
 * is data: every value reaches the output through a helper that escapes it for its context
 * (see template-helpers.ts), never as raw template input.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { comparePaths, type OutputFile } from './output-file.js';
import { findPackageRoot } from './package-root.js';
import { escapeMarkdownInline, quoteShellArgument, toCodeText, toJson, toModulePath, toSingleLine } from './template-helpers.js';

export interface TemplateOperation {
  /** The generated function's name (camelCase identifier from plan/). */
  name: string;
  /** HTTP method, upper case. */
  method: string;
  /** The path template as the spec wrote it. */
  path: string;
  summary?: string | undefined;
  /** The call needs its params object (a required parameter or body). */
  paramsRequired?: boolean | undefined;
  /** The call can be iterated (`for await`, `.pages()`). */
  paginated?: boolean | undefined;
}

export interface TemplateTag {
  /** The namespace property on the client (camelCase); empty for operations without a tag. */
  name: string;
  operations: TemplateOperation[];
}

export interface TemplateEnvVar {
  /** The environment variable, e.g. `PETSTORE_API_KEY`. */
  name: string;
  /** The key under `auth` in client options it stands in for (the scheme name in camelCase). */
  scheme: string;
  description: string;
}

/** One line of example code: its indentation (spaces) and its text. */
export interface TemplateCodeLine {
  indent: string;
  text: string;
}

/** The README's mocks section (clients generated with `--mocks`). */
export interface TemplateMocks {
  /** A complete vitest file using the handlers, line by line. */
  code: TemplateCodeLine[];
  /** The handler the example overrides, e.g. `mockGetPetById`. */
  handler: string;
  /** Module path of mocks.gen.js as the example imports it. */
  mocksModule: string;
}

export interface TemplateData {
  apiTitle: string;
  apiVersion: string;
  /** The spec file relative to the output folder (or its URL). */
  specFile: string;
  /** The spec file relative to the folder holding the output folder, for the regenerate command. */
  specFromParent?: string | undefined;
  generatorVersion: string;
  envVars: TemplateEnvVar[];
  tags: TemplateTag[];
  /** The variable name the examples use for the client, e.g. `petstore`. */
  clientName: string;
  /** The output folder's name as seen from its parent folder; a placeholder when absent. */
  outDir?: string | undefined;
  /** Set when mocks.gen.ts was generated. */
  mocks?: TemplateMocks | undefined;
  /** Operations that also stream (`<name>Stream`), as `tag.name` calls; empty when none. */
  streams: TemplateStream[];
  // Webhooks: the README's section on receiving them, when the spec declares webhooks or callbacks.
  webhooks?: TemplateWebhooks | undefined;
  /** The standalone-call example (core client + one endpoint function); absent without operations. */
  standalone?: TemplateStandalone | undefined;
  // What of the runtime the client ships (src/write/select-runtime.ts).
  /** Whether `runtime/index.ts` exports the Redis store (config `runtimeExtras`: `redis` or `all`). */
  redisStore?: boolean | undefined;
}

export interface TemplateStandalone {
  /** The endpoint function, e.g. `listPets`. */
  name: string;
  /** Its module as seen from the output folder, e.g. `endpoints/pets.gen.js`. */
  module: string;
  paramsRequired: boolean;
}

export interface TemplateStream {
  /** The call as a user writes it after the client variable, e.g. `chat.createChatCompletionStream`. */
  call: string;
  kind: 'server-sent events' | 'JSON Lines';
}

export interface TemplateWebhooks {
  /** Environment variable holding the signing secret. */
  envVar: string;
  /** The signature scheme the spec implies; undefined: the user names one. */
  scheme: string | undefined;
  events: { key: string; name: string; method: string; payload: string; summary: string | undefined }[];
}

/** A Handlebars instance of its own, so helpers never leak into (or from) other users of the library. */
export function createTemplateEngine(): typeof Handlebars {
  const engine = Handlebars.create();
  engine.registerHelper('md', (value: unknown) => escapeMarkdownInline(value));
  engine.registerHelper('code', (value: unknown) => toCodeText(value));
  engine.registerHelper('line', (value: unknown) => toSingleLine(value));
  engine.registerHelper('modulePath', (value: unknown) => toModulePath(value));
  engine.registerHelper('shell', (value: unknown) => quoteShellArgument(value));
  engine.registerHelper('json', (value: unknown) => toJson(value));
  return engine;
}

/** Fills optional fields so templates compile in strict mode (a typo in a template is an error, not a blank). */
function toView(data: TemplateData): object {
  return {
    ...data,
    outDir: data.outDir ?? '<output folder>',
    specFromParent: data.specFromParent ?? data.specFile,
    hasEnvVars: data.envVars.length > 0,
    example: exampleCall(data),
    webhooks: data.webhooks === undefined ? false : toWebhooksView(data.webhooks),
    mocks: data.mocks ?? false,
    redisStore: data.redisStore ?? false,
    tags: data.tags.map((tag) => ({
      name: tag.name,
      heading: tag.name === '' ? 'Operations without a tag' : tag.name,
      operations: tag.operations.map((operation) => ({
        ...operation,
        call: [data.clientName, tag.name, operation.name].filter((part) => part !== '').join('.'),
        params: operation.paramsRequired === true ? 'params' : 'params?',
        paginated: operation.paginated === true,
        summary: operation.summary ?? '',
      })),
    })),
  };
}

/** Calls for the README's examples: the first operation, and the first paginated one. */
function exampleCall(data: TemplateData): { call: string; withOptions: string; pagedCall: string } {
  const named = data.tags.flatMap((tag) =>
    tag.operations.map((operation) => ({
      call: [data.clientName, tag.name, operation.name].filter((part) => part !== '').join('.'),
      params: operation.paramsRequired === true ? '{ /* required parameters */ }' : '',
      paginated: operation.paginated === true,
    })),
  );
  const first = named[0];
  const paged = named.find((entry) => entry.paginated);
  const call = first?.call ?? `${data.clientName}.someOperation`;
  const params = first?.params ?? '';
  return {
    call: `${call}(${params})`,
    withOptions: `${call}(${params || '{}'}, { headers: { 'X-Trace': 'abc' }, timeoutMs: 5_000 })`,
    pagedCall: paged === undefined ? '' : `${paged.call}(${paged.params})`,
  };
}

/** Webhooks: optional fields filled, a scheme for the example (strict templates need every key). */
function toWebhooksView(webhooks: TemplateWebhooks): object {
  return {
    envVar: webhooks.envVar,
    hasScheme: webhooks.scheme !== undefined,
    scheme: webhooks.scheme ?? 'standard-webhooks',
    firstEvent: webhooks.events[0]?.key ?? 'event',
    events: webhooks.events.map((event) => ({ ...event, summary: event.summary ?? '' })),
  };
}

export async function renderTemplates(
  data: TemplateData,
  templatesDir: string = path.join(findPackageRoot(), 'templates'),
): Promise<OutputFile[]> {
  const engine = createTemplateEngine();
  const names = (await readdir(templatesDir)).filter((name) => name.endsWith('.hbs')).sort(comparePaths);
  const view = toView(data);
  const files: OutputFile[] = [];
  for (const name of names) {
    const source = await readFile(path.join(templatesDir, name), 'utf8');
    const template = engine.compile(source, { noEscape: true, strict: true });
    files.push({ path: name.slice(0, -'.hbs'.length), content: template(view) });
  }
  return files;
}
