/**
 * The inspect report as text for a terminal: sections a reader scans top to bottom. ANSI colours
 * only when asked (the CLI asks when stdout is a TTY and NO_COLOR is unset).
 */
import {
  countMediaTypes,
  describeAuth,
  describePagination,
  describeRateLimit,
  describeRetry,
  plural,
} from './describe-fields.js';
import type { InspectOperation, InspectReport } from './inspect-report.js';

interface Style {
  heading(text: string): string;
  dim(text: string): string;
  error(text: string): string;
  warning(text: string): string;
}

const plain: Style = { heading: (t) => t, dim: (t) => t, error: (t) => t, warning: (t) => t };
const ansi: Style = {
  heading: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  error: (t) => `\u001b[31m${t}\u001b[39m`,
  warning: (t) => `\u001b[33m${t}\u001b[39m`,
};

export function renderInspectText(report: InspectReport, options: { color?: boolean } = {}): string {
  const style = options.color === true ? ansi : plain;
  const sections = [
    header(report, style),
    servers(report, style),
    endpoints(report, style),
    authentication(report, style),
    pagination(report, style),
    rateLimits(report, style),
    retrySafety(report, style),
    mediaTypes(report, style),
    inbound(report, style),
    problems(report, style),
  ];
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

function header(report: InspectReport, style: Style): string[] {
  const { api, counts } = report;
  const version = api.specVersion === '2.0' ? 'Swagger 2.0' : `OpenAPI ${api.specVersion}`;
  return [
    style.heading(`${api.title} ${api.version}`) + style.dim(` (${version}, ${api.specFile})`),
    [
      plural(counts.operations, 'operation'),
      plural(counts.schemas, 'schema'),
      `${counts.paginated} paginated`,
      `${counts.retrySafe} retry-safe`,
      `${counts.deprecated} deprecated`,
      `${plural(counts.problems.errors, 'error')}, ${plural(counts.problems.warnings, 'warning')}`,
    ].join(' · '),
  ];
}

function servers(report: InspectReport, style: Style): string[] {
  if (report.servers.length === 0) return [style.heading('Servers'), '  none declared: pass baseUrl to createClient'];
  const lines = [style.heading('Servers')];
  for (const server of report.servers) {
    lines.push(`  ${server.url}`);
    for (const variable of server.variables) {
      const choices = variable.enum === undefined ? '' : style.dim(` (one of ${variable.enum.join(', ')})`);
      lines.push(`    {${variable.name}} = ${variable.default}${choices}`);
    }
  }
  return lines;
}

function endpoints(report: InspectReport, style: Style): string[] {
  const lines = [style.heading('Endpoints')];
  const byId = new Map(report.operations.map((operation) => [operation.operationId, operation]));
  for (const group of report.tags) {
    const title = group.tag ?? '(untagged)';
    lines.push(`  ${title}${group.description === undefined ? '' : style.dim(` — ${firstLine(group.description)}`)}`);
    const operations = group.operationIds.flatMap((id) => byId.get(id) ?? []);
    const pathWidth = Math.min(60, Math.max(0, ...operations.map((operation) => operation.path.length)));
    for (const operation of operations) lines.push(`    ${endpointLine(operation, pathWidth, style)}`);
  }
  return lines;
}

function endpointLine(operation: InspectOperation, pathWidth: number, style: Style): string {
  const summary = operation.summary === undefined ? '' : style.dim(`  ${firstLine(operation.summary)}`);
  const deprecated = operation.deprecated ? style.warning('  [deprecated]') : '';
  return `${operation.method.padEnd(7)}${operation.path.padEnd(pathWidth)}  ${operation.operationId}${deprecated}${summary}`;
}

function authentication(report: InspectReport, style: Style): string[] {
  const lines = [style.heading('Authentication')];
  if (report.securitySchemes.length === 0) lines.push('  no security schemes');
  for (const scheme of report.securitySchemes) {
    const env = scheme.envVars.length === 0 ? 'no environment variable' : `env ${scheme.envVars.map((v) => v.name).join(', ')}`;
    lines.push(`  ${scheme.name}: ${scheme.description} → auth.${scheme.clientOption}, ${env}`);
    lines.push(style.dim(`    used by ${plural(scheme.operationIds.length, 'operation')}`));
  }
  lines.push('  per operation:');
  for (const operation of report.operations) {
    const env = operation.auth.envVars.length === 0 ? '' : style.dim(`  (${operation.auth.envVars.join(', ')})`);
    lines.push(`    ${operation.operationId}: ${describeAuth(operation.auth)}${env}`);
  }
  return lines;
}

function pagination(report: InspectReport, style: Style): string[] {
  const paginated = report.operations.filter((operation) => operation.pagination !== null);
  const lines = [style.heading('Pagination')];
  if (paginated.length === 0) lines.push('  no paginated operations');
  for (const operation of paginated) {
    if (operation.pagination === null) continue;
    lines.push(
      `  ${operation.operationId}: ${describePagination(operation.pagination)}${style.dim(` (${operation.pagination.source})`)}`,
    );
  }
  return lines;
}

function rateLimits(report: InspectReport, style: Style): string[] {
  const { rateLimits: limits } = report;
  const lines = [style.heading('Rate limits')];
  const limited = report.operations.filter((operation) => operation.rateLimit !== null);
  if (limited.length === 0 && Object.keys(limits.extensions).length === 0) {
    lines.push('  none declared (the client still honours 429 and Retry-After)');
    return lines;
  }
  lines.push(
    `  ${limits.operationsWith429 === 1 ? '1 operation declares' : `${limits.operationsWith429} operations declare`} 429`,
  );
  if (limits.headers.length > 0) lines.push(`  headers: ${limits.headers.join(', ')}`);
  for (const [key, value] of Object.entries(limits.extensions)) lines.push(`  ${key}: ${JSON.stringify(value)}`);
  for (const operation of limited) {
    if (operation.rateLimit) lines.push(`  ${operation.operationId}: ${describeRateLimit(operation.rateLimit)}`);
  }
  return lines;
}

function retrySafety(report: InspectReport, style: Style): string[] {
  const lines = [
    style.heading('Retry safety'),
    `  ${report.counts.retrySafe} of ${report.counts.operations} operations are retried on failure`,
  ];
  for (const operation of report.operations) {
    if (operation.retry.reason !== 'idempotent-method') {
      lines.push(`  ${operation.method} ${operation.operationId}: ${describeRetry(operation.retry)}`);
    }
  }
  return lines;
}

function mediaTypes(report: InspectReport, style: Style): string[] {
  const request = countMediaTypes(report.operations.map((operation) => operation.mediaTypes.request));
  const response = countMediaTypes(report.operations.map((operation) => Object.values(operation.mediaTypes.responses).flat()));
  const format = (entries: [string, number][]): string =>
    entries.length === 0 ? 'none' : entries.map(([type, count]) => `${type} (${count})`).join(', ');
  return [style.heading('Media types'), `  requests: ${format(request)}`, `  responses: ${format(response)}`];
}

function inbound(report: InspectReport, style: Style): string[] {
  if (report.webhooks.length === 0 && report.callbacks.length === 0) return [];
  const lines = [style.heading('Webhooks and callbacks')];
  for (const webhook of report.webhooks)
    lines.push(`  webhook ${webhook.name}: ${webhook.method} ${webhook.requestMediaTypes.join(', ')}`.trimEnd());
  for (const callback of report.callbacks) {
    lines.push(
      `  callback ${callback.name} of ${callback.operationId}: ${callback.method} ${callback.requestMediaTypes.join(', ')}`.trimEnd(),
    );
  }
  return lines;
}

function problems(report: InspectReport, style: Style): string[] {
  if (report.problems.length === 0) return [style.heading('Problems'), '  none'];
  const lines = [style.heading('Problems')];
  for (const problem of report.problems) {
    const where = [
      problem.file === undefined
        ? undefined
        : [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':'),
      problem.pointer === undefined ? undefined : `(${problem.pointer})`,
    ]
      .filter((part) => part !== undefined)
      .join(' ');
    const label = problem.severity === 'error' ? style.error('error') : style.warning('warning');
    lines.push(`  ${label} ${problem.code}${where === '' ? '' : ` ${where}`}: ${problem.message}`);
  }
  return lines;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
