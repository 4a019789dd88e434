export {
  defineConfig,
  DEFAULT_CONFIG,
  type Config,
  type ConfigFile,
  type DateStyle,
  type NamingStyle,
  type PaginationOverride,
  type ResolvedConfig,
} from './config.js';
export { CONFIG_FILE_NAMES, findConfigFiles, loadConfig, loadConfigJobs } from './load-config.js';
export { validateConfig, validateConfigJobs } from './validate-config.js';
