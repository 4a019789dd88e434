/**
 * The `yaml` package, loaded on first use: the largest specs are JSON, and loading it costs ~60 ms
 * of every run that needs no YAML. Loaded with `require` (its Node build is CommonJS, the same
 * module an `import` would get), so the parsers and locators that use it stay synchronous.
 */
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';

let loaded: typeof YamlModule | undefined;

export function yaml(): typeof YamlModule {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof YamlModule);
}
