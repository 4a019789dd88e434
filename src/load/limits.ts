/**
 * Bounds on what loading a spec may cost. A spec is input from outside (SECURITY-CASES.md 14–17):
 * every loop, read and download below is capped by one of these.
 */

/** Deepest nesting of objects/arrays accepted in any file or in the bundled document. */
export const MAX_DEPTH = 1_000;

/**
 * YAML alias expansion budget, passed to `yaml`'s `maxAliasCount` (its default too). Aliases of
 * plain anchors cost nothing; aliases of nodes that themselves contain aliases multiply, which is
 * what an alias bomb ("billion laughs") does.
 */
export const MAX_ALIAS_COUNT = 100;

/** Largest local spec file read (the biggest real spec we know, GitHub's, is 13 MB). */
export const MAX_LOCAL_FILE_BYTES = 128 * 1024 * 1024;

/** Most files one spec may pull in through `$ref` (DigitalOcean's spec has 2,907). */
export const MAX_FILES = 20_000;

/** Files read at once while bundling, to stay well under the process's file descriptor limit. */
export const MAX_CONCURRENT_READS = 32;

/** Largest remote `$ref` document downloaded when remote refs are allowed. */
export const MAX_REMOTE_BYTES = 10 * 1024 * 1024;

/** Time allowed for one remote `$ref` download, connection to last byte. */
export const REMOTE_TIMEOUT_MS = 10_000;

/** Redirects followed for one remote `$ref`; each hop is checked like the first URL. */
export const MAX_REDIRECTS = 3;

/** `$ref` → `$ref` hops followed while checking that an internal ref resolves. */
export const MAX_REF_HOPS = 64;
