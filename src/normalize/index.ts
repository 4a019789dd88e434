export { normalizeDocument, type NormalizeInput, type NormalizeResult } from './document.js';
