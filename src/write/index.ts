export type { OutputFile } from './output-file.js';
export { MANIFEST_FILE } from './output-file.js';
export { formatHeader, sanitizeCommentText, stampHeader } from './header.js';
export { assertConfinedPaths, explainUnsafePath } from './confine-paths.js';
export { writeOutput, type WriteOutputOptions, type WriteOutputResult } from './write-output.js';
export { diffOutput, type OutputDiff } from './diff-output.js';
export { readRuntimeFiles, readRuntimeSources, withRuntimeHeader } from './runtime-files.js';
export { selectRuntimeFiles } from './select-runtime.js';
export {
  renderTemplates,
  createTemplateEngine,
  type TemplateData,
  type TemplateEnvVar,
  type TemplateOperation,
  type TemplateTag,
} from './render-templates.js';
export { findPackageRoot, readGeneratorVersion } from './package-root.js';
export type { WriteFs } from './write-fs.js';
