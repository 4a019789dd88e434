export {
  defineConfig,
  DEFAULT_CONFIG,
  type Config,
  type DateStyle,
  type ModuleFormat,
  type NamingStyle,
  type PaginationOverride,
  type ResolvedConfig,
} from './config.js';
export { CONFIG_FILE_NAMES, findConfigFiles, loadConfig } from './load-config.js';
export { validateConfig } from './validate-config.js';
