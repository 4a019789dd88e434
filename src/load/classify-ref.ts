/**
 * Decides what a `$ref` string points at, before anything is read: a place in this document, an
 * embedded JSON Schema resource (`$id` / `$anchor`, OpenAPI 3.1), a local file inside the spec
 * folder, an allowed remote URL — or a refusal (SECURITY-CASES.md 14, 15, 17).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPrivateAddress, isRefusedHostname } from './address-policy.js';
import { findUnsafeSegment, parsePointerFragment } from '../json-pointer.js';
import { frameSegments, type Frame } from './walk-document.js';

export type RefTarget =
  | { kind: 'internal'; segments: string[] }
  /** Resolved through `$id`/`$anchor`; the `$ref` can be rewritten to this pointer. */
  | { kind: 'embedded'; segments: string[] }
  /** Cannot be resolved; left as-is with a warning. */
  | { kind: 'unresolved'; reason: string }
  | { kind: 'local'; path: string; fragment: string }
  | { kind: 'remote'; url: URL; fragment: string }
  | { kind: 'refused'; code: string; reason: string; hint: string };

export interface RefScope {
  /** Folder (absolute, lexical) that local refs must stay inside. */
  rootDir: string;
  allowRemoteRefs: boolean;
  /** `$id` / `$anchor` index of the document holding the ref (see walk-document.ts). */
  resources?: ReadonlyMap<string, Frame> | undefined;
  anchors?: ReadonlyMap<string, Frame> | undefined;
}

/** `base` is the URI in force where the ref occurs (the document's, or the nearest `$id`). */
export function classifyRef(ref: string, base: string, scope: RefScope): RefTarget {
  if (ref.startsWith('#')) return classifyFragmentRef(ref.slice(1), base, scope);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(ref)?.[1]?.toLowerCase();
  if (scheme === 'file') {
    return refused('REF_FILE_URL', 'file: URLs are never followed', 'Use a path relative to the spec file instead.');
  }
  let url: URL;
  try {
    // Backslashes are path separators to anyone who writes them in a ref (Windows habits).
    url = new URL(ref.replaceAll('\\', '/'), base);
  } catch {
    return { kind: 'unresolved', reason: 'it is not a valid URI reference' };
  }
  const fragment = url.hash.slice(1);
  url.hash = '';
  const embedded = findEmbedded(url.href, fragment, scope);
  if (embedded !== undefined) return embedded;
  const unsafe = findUnsafeSegment(parsePointerFragment(fragment) ?? []);
  if (unsafe !== undefined) return unsafePointer(unsafe);
  if (url.protocol === 'file:') return classifyLocal(url, fragment, scope);
  if (url.protocol === 'http:' || url.protocol === 'https:') return classifyRemote(url, fragment, scope);
  return refused(
    'REF_UNSUPPORTED_SCHEME',
    `the ${url.protocol} scheme is not supported`,
    'Refs may point at files next to the spec, or at http(s) URLs when remote refs are allowed.',
  );
}

function classifyFragmentRef(fragment: string, base: string, scope: RefScope): RefTarget {
  const segments = parsePointerFragment(fragment);
  if (segments === undefined) {
    // `#name`: a JSON Schema plain-name fragment ($anchor) in the enclosing resource.
    const frame = scope.anchors?.get(`${base}#${fragment}`) ?? findAnchorByName(fragment, scope);
    return frame === undefined
      ? { kind: 'unresolved', reason: `no schema declares $anchor "${fragment}"` }
      : { kind: 'embedded', segments: frameSegments(frame) };
  }
  const unsafe = findUnsafeSegment(segments);
  if (unsafe !== undefined) return unsafePointer(unsafe);
  // `#/...` is read against the document root, as OpenAPI tools do, even inside an `$id`-ed schema.
  return { kind: 'internal', segments };
}

function findEmbedded(resource: string, fragment: string, scope: RefScope): RefTarget | undefined {
  const frame = scope.resources?.get(resource);
  if (frame === undefined) return undefined;
  const inner = parsePointerFragment(fragment);
  if (inner !== undefined) {
    const unsafe = findUnsafeSegment(inner);
    return unsafe === undefined ? { kind: 'embedded', segments: [...frameSegments(frame), ...inner] } : unsafePointer(unsafe);
  }
  const anchor = scope.anchors?.get(`${resource}#${fragment}`);
  return anchor === undefined
    ? { kind: 'unresolved', reason: `the schema with $id ${resource} declares no $anchor "${fragment}"` }
    : { kind: 'embedded', segments: frameSegments(anchor) };
}

function findAnchorByName(name: string, scope: RefScope): Frame | undefined {
  let found: Frame | undefined;
  for (const [key, frame] of scope.anchors ?? []) {
    if (!key.endsWith(`#${name}`)) continue;
    if (found !== undefined) return undefined; // ambiguous: declared in two resources
    found = frame;
  }
  return found;
}

function classifyLocal(url: URL, fragment: string, scope: RefScope): RefTarget {
  url.search = '';
  let file: string;
  try {
    file = fileURLToPath(url);
  } catch {
    // e.g. an encoded slash (%2F) smuggling a separator past the URL parser
    return refused('REF_OUTSIDE_ROOT', 'the path is not a plain file path', 'Use a plain relative path.');
  }
  if (!isInside(scope.rootDir, file)) {
    return refused(
      'REF_OUTSIDE_ROOT',
      `it resolves to ${file}, outside the spec folder ${scope.rootDir}`,
      'Keep referenced files inside the spec folder, or pass a wider `root` to loadSpec.',
    );
  }
  return { kind: 'local', path: file, fragment };
}

function classifyRemote(url: URL, fragment: string, scope: RefScope): RefTarget {
  if (!scope.allowRemoteRefs) {
    return refused(
      'REMOTE_REF_REFUSED',
      'remote refs are not allowed',
      'Download the file next to the spec and ref it by relative path, or allow remote refs.',
    );
  }
  const host = url.hostname;
  const literal = host.startsWith('[') || /^[\d.]+$/.test(host);
  if (isRefusedHostname(host) || (literal && isPrivateAddress(host))) {
    return refused(
      'REF_PRIVATE_ADDRESS',
      `${host} is a loopback, private, link-local or reserved address`,
      'Remote refs may only reach public addresses.',
    );
  }
  return { kind: 'remote', url, fragment };
}

/** True when `target` is `root` or below it (both absolute, compared lexically). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`));
}

function unsafePointer(segment: string): RefTarget {
  return refused(
    'UNSAFE_POINTER',
    `its JSON pointer walks through "${segment}"`,
    'Pointers through __proto__, constructor or prototype are refused; rename the key.',
  );
}

function refused(code: string, reason: string, hint: string): RefTarget {
  return { kind: 'refused', code, reason, hint };
}
