export { HealthOperationError } from './choose-operation.js';
export type * from './health-report.js';
export { renderHealthText } from './render-health-text.js';
export { HealthUsageError, runHealth, type HealthOptions } from './run-health.js';
