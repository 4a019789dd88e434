/**
 * Pulls every externally referenced file into the entry document with swagger-parser's bundler,
 * which leaves only internal `#/...` refs (circular ones included). Reading and parsing go
 * through our own plugins, so every file is checked by the ref policy (police-refs.ts), read only
 * inside the spec folder (read-local-file.ts), fetched only when allowed and public
 * (fetch-remote.ts), and parsed with the `yaml` package under the same bounds as the entry file.
 */
import type SwaggerParser from '@apidevtools/swagger-parser';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SpecError, type Diagnostic } from '../errors.js';
import type { SpecVersion } from './detect-version.js';
import { fetchRemote } from './fetch-remote.js';
import { detachInertRefs, type DetachedRefs } from './inert-refs.js';
import { MAX_FILES } from './limits.js';
import { detectFormat, parseSource } from './parse-source.js';
import { locateRefError, locateUse, policeRefs, type PoliceHooks, type RefUse } from './police-refs.js';
import { readInsideRoot, type SpecRoot } from './read-local-file.js';
import { prepareForSwaggerParser } from './swagger-parser-compat.js';
import type { SourceLocator } from './source-locator.js';
import { walkDocument, type Frame } from './walk-document.js';

export interface BundleContext {
  entryFile: string;
  root: SpecRoot;
  allowRemoteRefs: boolean;
  version: SpecVersion;
  warnings: Diagnostic[];
  /** Objects that came from a file other than the entry → that file and their place in it. */
  origins: WeakMap<object, { file: string; frame: Frame }>;
  /** Local files (absolute paths) and URLs that were read. */
  files: Set<string>;
  /** Where each local path / URL was first `$ref`'d, for messages. */
  uses: Map<string, RefUse>;
  /** `$ref` holders already warned about as unresolvable. */
  unresolved: WeakSet<object>;
  locator: SourceLocator;
  /** Node budget for a file of this many characters (YAML alias expansion bound). */
  maxNodesFor(format: 'json' | 'yaml', length: number): number | undefined;
  /** Refs inside extensions and examples that were not followed (inert-refs.ts), over all files. */
  detached?: (DetachedRefs & { file?: string | undefined }) | undefined;
  /** The first refusal or failure; once set, every plugin call fails fast with it. */
  fatal?: SpecError | undefined;
}

export async function bundleExternalRefs(document: Record<string, unknown>, ctx: BundleContext): Promise<void> {
  // Imported here, not at the top: swagger-parser pulls in ajv and the OpenAPI schemas, a cost
  // that single-file specs should not pay.
  const { default: SwaggerParserClass } = await import('@apidevtools/swagger-parser');
  const parser = new SwaggerParserClass();
  const restore = prepareForSwaggerParser(document, ctx.version);
  try {
    await parser.bundle(ctx.entryFile, document as never, {
      // Collect missing-pointer errors instead of stopping at the first: a ref that does not
      // resolve is a warning (check-internal-refs.ts), not a reason to refuse the spec.
      continueOnError: true,
      mutateInputSchema: true,
      resolve: { external: true, file: createFileResolver(ctx), http: createHttpResolver(ctx) },
      parse: { json: false, text: false, binary: false, yaml: createParser(ctx) },
    });
  } catch (error) {
    if (ctx.fatal !== undefined) throw ctx.fatal;
    if (!isOnlyMissingPointers(error)) {
      throw new SpecError(`Cannot bundle the spec's $refs: ${error instanceof Error ? error.message : String(error)}`, {
        code: 'BUNDLE_FAILED',
        file: ctx.entryFile,
        cause: error,
      });
    }
  } finally {
    restore();
  }
  if (ctx.fatal !== undefined) throw ctx.fatal;
}

function createFileResolver(ctx: BundleContext): SwaggerParser.ResolverOptions {
  return {
    order: 1,
    canRead: (info) => !/^https?:\/\//i.test(info.url),
    read: async (info) => {
      let file: string | undefined;
      try {
        if (ctx.fatal !== undefined) throw ctx.fatal;
        file = toLocalPath(info.url);
        if (ctx.files.size >= MAX_FILES) {
          throw new SpecError(`The spec references more than ${MAX_FILES} files`, { code: 'REF_FILE_LIMIT' });
        }
        const text = await readInsideRoot(file, ctx.root);
        ctx.files.add(file);
        return text;
      } catch (error) {
        throw fail(ctx, error, file === undefined ? undefined : ctx.uses.get(file));
      }
    },
  };
}

function createHttpResolver(ctx: BundleContext): SwaggerParser.HTTPResolverOptions {
  return {
    order: 2,
    canRead: (info) => /^https?:\/\//i.test(info.url),
    read: async (info) => {
      const url = new URL(info.url);
      url.hash = '';
      try {
        if (ctx.fatal !== undefined) throw ctx.fatal;
        if (!ctx.allowRemoteRefs) {
          throw new SpecError(`${url.href} is remote and remote refs are not allowed`, { code: 'REMOTE_REF_REFUSED' });
        }
        const text = await fetchRemote(url);
        ctx.files.add(url.href);
        return text;
      } catch (error) {
        throw fail(ctx, error, ctx.uses.get(url.href));
      }
    },
  };
}

interface ParserPlugin {
  order: number;
  allowEmpty: boolean;
  canParse: boolean;
  parse(info: SwaggerParser.FileInfo): unknown;
}

function createParser(ctx: BundleContext): ParserPlugin {
  return {
    order: 1,
    allowEmpty: true,
    canParse: true,
    parse: (info: SwaggerParser.FileInfo) => {
      try {
        if (ctx.fatal !== undefined) throw ctx.fatal;
        const remote = /^https?:\/\//i.test(info.url);
        const file = remote ? info.url : toLocalPath(info.url);
        return parseReferencedFile(typeof info.data === 'string' ? info.data : info.data.toString('utf8'), file, remote, ctx);
      } catch (error) {
        throw fail(ctx, error, undefined);
      }
    },
  };
}

function parseReferencedFile(text: string, file: string, remote: boolean, ctx: BundleContext): unknown {
  const parsed = parseSource(text, file, detectFormat(file, text, true));
  ctx.warnings.push(...parsed.warnings);
  if (parsed.format === 'text') return parsed.value;
  const walk = walkDocument(parsed.value, {
    file,
    baseUri: remote ? file : pathToFileURL(file).href,
    maxNodes: ctx.maxNodesFor(parsed.format, text.length),
    trackIds: ctx.version === '3.1',
    onNode: (frame) => ctx.origins.set(frame.value, { file, frame }),
  });
  noteDetached(ctx, detachInertRefs(walk), file);
  policeRefs(walk, file, { rootDir: ctx.root.dir, allowRemoteRefs: ctx.allowRemoteRefs }, createPoliceHooks(ctx));
  return parsed.value;
}

/** Adds one file's detached refs to the load's total (one warning for the whole load). */
export function noteDetached(ctx: BundleContext, found: DetachedRefs, file: string): void {
  if (found.count === 0) return;
  const total = ctx.detached ?? { count: 0 };
  total.count += found.count;
  if (total.first === undefined) {
    total.first = found.first;
    total.file = file;
  }
  ctx.detached = total;
}

/** What the ref policy reports goes into the loading context. */
export function createPoliceHooks(ctx: BundleContext): PoliceHooks {
  return {
    onExternal: (target, use) => {
      const key = target.kind === 'local' ? target.path : target.url.href;
      if (!ctx.uses.has(key)) ctx.uses.set(key, use);
    },
    onUnresolved: (site) => ctx.unresolved.add(site.holder),
    warn: (diagnostic) => ctx.warnings.push(diagnostic),
    locate: (file, segments) => ctx.locator.locate(file, segments),
  };
}

/** swagger-parser hands resolvers percent-encoded absolute paths (`/specs/a%20b.yaml`). */
function toLocalPath(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    const code = /^file:/i.test(url) ? 'REF_FILE_URL' : 'REF_UNSUPPORTED_SCHEME';
    throw new SpecError(`${url} is not a relative file reference`, { code });
  }
  try {
    return fileURLToPath(new URL(url, 'file:///'));
  } catch (cause) {
    throw new SpecError(`${url} is not a plain file path`, { code: 'REF_OUTSIDE_ROOT', cause });
  }
}

/** Records the first failure (located at the `$ref` that caused it) and returns it. */
function fail(ctx: BundleContext, error: unknown, use: RefUse | undefined): SpecError {
  if (ctx.fatal !== undefined) return ctx.fatal;
  const specError =
    error instanceof SpecError
      ? locateRefError(error, use, ctx.locator)
      : new SpecError(`Cannot read a referenced file: ${error instanceof Error ? error.message : String(error)}`, {
          code: 'REF_READ_FAILED',
          cause: error,
          ...(use === undefined ? { file: ctx.entryFile } : locateUse(use, ctx.locator)),
        });
  ctx.fatal = specError;
  return specError;
}

function isOnlyMissingPointers(error: unknown): boolean {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return (
    Array.isArray(errors) &&
    errors.every((item: unknown) => {
      const name = (item as { name?: unknown } | null)?.name;
      return name === 'MissingPointerError' || name === 'InvalidPointerError';
    })
  );
}
