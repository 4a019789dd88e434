/** apiwright's programmatic API: an explicit list. */
export { buildClient, generate, type GenerateOptions, type GenerateResult, type StaleFiles } from './generate.js';
export {
  defineConfig,
  loadConfig,
  type Config,
  type DateStyle,
  type ModuleFormat,
  type NamingStyle,
  type PaginationOverride,
  type ResolvedConfig,
} from './config/index.js';
export {
  ApiwrightError,
  ConfigError,
  PlanError,
  SpecError,
  formatDiagnostic,
  type Diagnostic,
  type SourceLocation,
} from './errors.js';
export { loadSpec, type LoadOptions, type LoadedSpec } from './load/index.js';
// The integration engineer's toolbox: strict builds, several jobs, the inspect report.
export { SpecProblemsError } from './errors.js';
export { loadConfigJobs, type ConfigFile } from './config/index.js';
export { analyzeSpec, type AnalyzeOptions, type AnalyzedSpec, type Problem } from './analyze-spec.js';
export { buildInspectReport, renderInspectMarkdown, renderInspectText, type InspectReport } from './inspect/index.js';
// What of the runtime a client ships (config `runtimeExtras`).
export type { RuntimeExtra } from './config/index.js';
