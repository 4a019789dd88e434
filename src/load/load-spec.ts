/**
 * loadSpec: read → parse → check version → police refs → (bundle, only when some ref points at
 * another file) → warn about refs that do not resolve. Specs without external refs never touch
 * swagger-parser, whose bundle is several times slower than the parse itself.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SpecError, type Diagnostic } from '../errors.js';
import { bundleExternalRefs, createPoliceHooks, noteDetached, type BundleContext } from './bundle-external.js';
import { findUnresolvedInternalRefs } from './check-internal-refs.js';
import { detectVersion } from './detect-version.js';
import { detachInertRefs } from './inert-refs.js';
import { formatPointer, parsePointer } from '../json-pointer.js';
import type { LoadedSpec, LoadOptions } from './loaded-spec.js';
import { detectFormat, parseSource } from './parse-source.js';
import { policeRefs } from './police-refs.js';
import { readEntryFile } from './read-entry-file.js';
import type { SpecRoot } from './read-local-file.js';
import { createSourceLocator, type SourceLocator } from './source-locator.js';
import { suggestRef } from './suggest-ref.js';
import { frameSegments, walkDocument, type RefSite } from './walk-document.js';

export async function loadSpec(specPath: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  if (/^https?:\/\//i.test(specPath)) {
    throw new SpecError(`apiwright reads specs from files, not URLs: ${specPath}`, {
      code: 'SPEC_URL_UNSUPPORTED',
      hint: 'Download the spec (and commit it), then pass the file path.',
    });
  }
  const file = path.resolve(specPath);
  const text = await readEntryFile(file);
  const root = await resolveRoot(options.root === undefined ? path.dirname(file) : path.resolve(options.root));
  const files = new Set<string>();
  const locator = createSourceLocator((candidate) => candidate === file || (files.has(candidate) && path.isAbsolute(candidate)));
  try {
    return await loadFromText(text, file, root, options.allowRemoteRefs ?? false, files, locator);
  } catch (error) {
    throw addPosition(error, locator);
  }
}

async function loadFromText(
  text: string,
  file: string,
  root: SpecRoot,
  allowRemoteRefs: boolean,
  files: Set<string>,
  locator: SourceLocator,
): Promise<LoadedSpec> {
  const parsed = parseSource(text, file, detectFormat(file, text, false));
  const detected = detectVersion(parsed.value, file);
  const document = parsed.value as Record<string, unknown>;
  const warnings: Diagnostic[] = [...parsed.warnings, ...detected.warnings];
  const baseUri = pathToFileURL(file).href;
  const entryWalk = walkDocument(document, {
    file,
    baseUri,
    maxNodes: maxNodesFor(parsed.format, text.length),
    trackIds: detected.version === '3.1',
  });
  const ctx: BundleContext = {
    entryFile: file,
    root,
    allowRemoteRefs,
    version: detected.version,
    warnings,
    origins: new WeakMap(),
    files,
    uses: new Map(),
    unresolved: new WeakSet(),
    locator,
    maxNodesFor,
  };
  noteDetached(ctx, detachInertRefs(entryWalk), file);
  const external = policeRefs(entryWalk, file, { rootDir: root.dir, allowRemoteRefs }, createPoliceHooks(ctx));
  let sites = entryWalk.refs;
  if (external > 0) {
    await bundleExternalRefs(document, ctx);
    // The bundled document mixes many files: check its bounds again (no budget: every file
    // that went into it was budgeted on its own).
    sites = walkDocument(document, { file, baseUri }).refs;
  }
  warnings.push(...describeUnresolved(document, sites, ctx));
  if (ctx.detached?.first !== undefined) {
    const { count, first } = ctx.detached;
    warnings.push({
      code: 'REF_NOT_FOLLOWED',
      message:
        `${count} $ref${count === 1 ? '' : 's'} inside extensions or examples (code samples, example payloads) ` +
        `${count === 1 ? 'was' : 'were'} not followed, e.g. "${first.ref}": the generated client does not use them`,
      file: ctx.detached.file ?? file,
      pointer: formatPointer(first.segments),
    });
  }
  const origin = (segments: string[]): { file: string; segments: string[] } => findOrigin(document, segments, file, ctx);
  return {
    document,
    version: detected.version,
    file,
    files: [file, ...[...files].filter((read) => path.isAbsolute(read) && read !== file)],
    warnings,
    locate(pointer) {
      const segments = parsePointer(pointer);
      if (segments === undefined) return { file, pointer };
      const at = origin(segments);
      return locator.locate(at.file, at.segments);
    },
  };
}

function describeUnresolved(document: Record<string, unknown>, sites: readonly RefSite[], ctx: BundleContext): Diagnostic[] {
  const fresh = sites.filter((site) => typeof site.ref === 'string' && !ctx.unresolved.has(site.holder));
  const diagnostics: Diagnostic[] = [];
  const describe = (site: RefSite, message: string): void => {
    const at = findOrigin(document, frameSegments(site.frame), ctx.entryFile, ctx);
    diagnostics.push({ code: 'REF_UNRESOLVED', message, file: at.file, pointer: formatPointer(at.segments) });
  };
  for (const site of findUnresolvedInternalRefs(document, fresh)) {
    const ref = String(site.ref);
    const suggestion = suggestRef(document, ref);
    describe(site, `$ref "${ref}" does not resolve${suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`}`);
  }
  for (const site of fresh) {
    if (typeof site.ref === 'string' && !site.ref.startsWith('#')) {
      describe(site, `$ref "${site.ref}" could not be bundled; it is left as-is`);
    }
  }
  return diagnostics;
}

/**
 * The file and in-file pointer for a place in the bundled document: the deepest object on the
 * path that came from another file decides (see BundleContext.origins); else the entry file.
 */
function findOrigin(
  document: unknown,
  segments: readonly string[],
  entry: string,
  ctx: BundleContext,
): { file: string; segments: string[] } {
  let best = { file: entry, segments: [...segments] };
  let node: unknown = document;
  for (let index = 0; index <= segments.length; index += 1) {
    if (typeof node !== 'object' || node === null) break;
    const origin = ctx.origins.get(node);
    if (origin !== undefined) best = { file: origin.file, segments: [...frameSegments(origin.frame), ...segments.slice(index)] };
    const segment = segments[index];
    if (segment === undefined || !Object.hasOwn(node, segment)) break;
    node = (node as Record<string, unknown>)[segment];
  }
  return best;
}

/** YAML aliases can make data far bigger than its text; JSON cannot. See walk-document.ts. */
function maxNodesFor(format: 'json' | 'yaml' | 'text', length: number): number | undefined {
  return format === 'yaml' ? Math.max(100_000, length) : undefined;
}

async function resolveRoot(dir: string): Promise<SpecRoot> {
  try {
    return { dir, realDir: await fsp.realpath(dir), realDirs: new Map() };
  } catch (cause) {
    throw new SpecError(`Spec root folder ${dir} does not exist`, { code: 'SPEC_ROOT_NOT_FOUND', file: dir, cause });
  }
}

/** Errors raised with a file and pointer but no line get one, now that loading has failed anyway. */
function addPosition(error: unknown, locator: SourceLocator): unknown {
  if (!(error instanceof SpecError)) return error;
  const { file, pointer, line } = error.location;
  if (file === undefined || pointer === undefined || line !== undefined) return error;
  const segments = parsePointer(pointer);
  if (segments === undefined) return error;
  const position = locator.locate(file, segments);
  if (position.line === undefined) return error;
  return new SpecError(error.message, {
    code: error.code,
    hint: error.hint,
    cause: error.cause,
    ...error.location,
    ...position,
    pointer,
  });
}
