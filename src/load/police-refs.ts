/**
 * Applies the ref policy to every `$ref` of one parsed file, before any of them is followed:
 * refusals stop loading with a SpecError naming the ref, the file and the pointer; refs to
 * embedded `$id`/`$anchor` resources are rewritten to plain pointers; refs that cannot be
 * resolved are warned about and left as they are.
 */
import { SpecError, type Diagnostic, type SourceLocation } from '../errors.js';
import { classifyRef, type RefScope, type RefTarget } from './classify-ref.js';
import { formatPointer } from '../json-pointer.js';
import { frameSegments, type RefSite, type WalkResult } from './walk-document.js';

export type ExternalTarget = Extract<RefTarget, { kind: 'local' | 'remote' }>;

/** Where a `$ref` occurs. */
export interface RefUse {
  ref: string;
  file: string;
  segments: string[];
}

export interface PoliceHooks {
  onExternal(target: ExternalTarget, use: RefUse): void;
  onUnresolved(site: RefSite): void;
  warn(diagnostic: Diagnostic): void;
  locate(file: string, segments: readonly string[]): SourceLocation;
}

/** Returns how many refs point outside the file. */
export function policeRefs(walk: WalkResult, file: string, scope: RefScope, hooks: PoliceHooks): number {
  const documentScope: RefScope = { ...scope, resources: walk.resources, anchors: walk.anchors };
  let external = 0;
  const pointerTargets = new Map<string, RefTarget>();
  for (const site of walk.refs) {
    const { ref } = site;
    if (typeof ref !== 'string') {
      if (ref === null || typeof ref !== 'object') {
        hooks.onUnresolved(site);
        hooks.warn({
          code: 'REF_NOT_STRING',
          message: `$ref is ${JSON.stringify(ref)}, not a string; it is left as-is (an unquoted "#..." in YAML is a comment)`,
          file,
          pointer: formatPointer(frameSegments(site.frame)),
        });
      }
      continue;
    }
    const target = classifyCached(ref, site.frame.base, documentScope, pointerTargets);
    switch (target.kind) {
      case 'internal':
        break;
      case 'embedded':
        site.ref = formatPointer(target.segments);
        site.holder['$ref'] = site.ref;
        break;
      case 'unresolved':
        hooks.onUnresolved(site);
        hooks.warn({
          code: 'REF_UNRESOLVED',
          message: `$ref "${ref}" cannot be resolved (${target.reason}); it is left as-is`,
          file,
          pointer: formatPointer(frameSegments(site.frame)),
        });
        break;
      case 'local':
      case 'remote':
        external += 1;
        hooks.onExternal(target, { ref, file, segments: frameSegments(site.frame) });
        break;
      case 'refused':
        throw new SpecError(`$ref "${ref}" refused: ${target.reason}`, {
          code: target.code,
          hint: target.hint,
          ...locateUse({ ref, file, segments: frameSegments(site.frame) }, hooks),
        });
    }
  }
  return external;
}

/**
 * `#/...` refs mean the same wherever they occur, and big specs repeat a few thousand of them
 * many times over (GitHub's: 10,460 refs), so each is classified once.
 */
function classifyCached(ref: string, base: string, scope: RefScope, pointerTargets: Map<string, RefTarget>): RefTarget {
  if (ref === '') return { kind: 'unresolved', reason: 'it is empty' };
  if (!ref.startsWith('#/')) return classifyRef(ref, base, scope);
  let target = pointerTargets.get(ref);
  if (target === undefined) {
    target = classifyRef(ref, base, scope);
    pointerTargets.set(ref, target);
  }
  return target;
}

/** Re-raises `error` (from a read or download) at the place of the `$ref` that asked for it. */
export function locateRefError(error: SpecError, use: RefUse | undefined, hooks: Pick<PoliceHooks, 'locate'>): SpecError {
  if (use === undefined || error.location.file !== undefined) return error;
  return new SpecError(`$ref "${use.ref}": ${error.message}`, {
    code: error.code,
    hint: error.hint,
    cause: error,
    ...locateUse(use, hooks),
  });
}

/** The pointer of the object holding the `$ref`; line:column of the `$ref` key itself. */
export function locateUse(use: RefUse, hooks: Pick<PoliceHooks, 'locate'>): SourceLocation {
  return { ...hooks.locate(use.file, [...use.segments, '$ref']), pointer: formatPointer(use.segments) };
}
