export { buildInspectReport, type InspectInput } from './build-inspect-report.js';
export type * from './inspect-report.js';
export { renderInspectMarkdown } from './render-inspect-markdown.js';
export { renderInspectText } from './render-inspect-text.js';
export { sanitizeReport } from './sanitize-report.js';
