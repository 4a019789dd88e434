export {
  defineConfig,
  DEFAULT_CONFIG,
  type Config,
  type ConfigFile,
  type DateStyle,
  type ModuleFormat,
  type NamingStyle,
  type PaginationOverride,
  type ResolvedConfig,
  type RuntimeExtra,
} from './config.js';
export { CONFIG_FILE_NAMES, findConfigFiles, loadConfig, loadConfigJobs } from './load-config.js';
export { validateConfig, validateConfigJobs } from './validate-config.js';
