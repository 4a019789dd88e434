/** The inspect report as Markdown, for a pull request or a wiki page: headings and tables. */
import {
  countMediaTypes,
  describeAuth,
  describePagination,
  describeRateLimit,
  describeRetry,
  plural,
} from './describe-fields.js';
import type { InspectReport } from './inspect-report.js';

/** Spec text in a table cell: no line breaks, `|` escaped, HTML and Markdown punctuation neutral. */
function cell(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|]/g, (character) => `\\${character}`);
}

function code(text: string): string {
  const clean = text.replace(/\s+/g, ' ').replaceAll('|', '\\|');
  return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

function table(head: string[], rows: string[][]): string[] {
  if (rows.length === 0) return [];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

export function renderInspectMarkdown(report: InspectReport): string {
  const { api, counts } = report;
  const version = api.specVersion === '2.0' ? 'Swagger 2.0' : `OpenAPI ${api.specVersion}`;
  const lines: string[] = [
    `# ${cell(api.title)} ${cell(api.version)}`,
    '',
    `${version} · ${code(api.specFile)} · ${plural(counts.operations, 'operation')} · ${plural(counts.schemas, 'schema')} · ${counts.paginated} paginated · ${counts.retrySafe} retry-safe · ${counts.deprecated} deprecated · ${plural(counts.problems.errors, 'error')}, ${plural(counts.problems.warnings, 'warning')}`,
    '',
    '## Servers',
    '',
  ];
  if (report.servers.length === 0) lines.push('None declared: pass `baseUrl` to `createClient`.');
  for (const server of report.servers) {
    const variables = server.variables.map(
      (v) =>
        `${code(`{${v.name}}`)} = ${code(v.default)}${v.enum === undefined ? '' : ` (one of ${v.enum.map(code).join(', ')})`}`,
    );
    lines.push(`- ${code(server.url)}${variables.length === 0 ? '' : `: ${variables.join('; ')}`}`);
  }

  lines.push('', '## Endpoints');
  const byId = new Map(report.operations.map((operation) => [operation.operationId, operation]));
  for (const group of report.tags) {
    lines.push('', `### ${group.tag === null ? '(untagged)' : cell(group.tag)}`, '');
    if (group.description !== undefined) lines.push(cell(group.description), '');
    const rows = group.operationIds.flatMap((id) => {
      const operation = byId.get(id);
      if (!operation) return [];
      return [
        [
          operation.method,
          code(operation.path),
          code(operation.operationId),
          cell(operation.summary ?? ''),
          describeAuthCell(operation.auth),
          operation.pagination === null ? '' : operation.pagination.style,
          operation.retry.safe ? 'yes' : 'no',
          operation.deprecated ? 'yes' : '',
        ],
      ];
    });
    lines.push(...table(['Method', 'Path', 'operationId', 'Summary', 'Auth', 'Pagination', 'Retry-safe', 'Deprecated'], rows));
  }

  lines.push('', '## Authentication', '');
  if (report.securitySchemes.length === 0) lines.push('No security schemes.');
  lines.push(
    ...table(
      ['Scheme', 'Kind', 'createClient option', 'Environment variables', 'Operations'],
      report.securitySchemes.map((scheme) => [
        code(scheme.name),
        cell(scheme.description),
        code(`auth.${scheme.clientOption}`),
        scheme.envVars.map((v) => code(v.name)).join(', '),
        String(scheme.operationIds.length),
      ]),
    ),
  );

  lines.push('', '## Pagination', '');
  const paginated = report.operations.filter((operation) => operation.pagination !== null);
  if (paginated.length === 0) lines.push('No paginated operations.');
  lines.push(
    ...table(
      ['operationId', 'How the client pages', 'Source'],
      paginated.map((operation) => [
        code(operation.operationId),
        cell(operation.pagination === null ? '' : describePagination(operation.pagination)),
        operation.pagination?.source ?? '',
      ]),
    ),
  );

  lines.push('', '## Rate limits', '');
  const limited = report.operations.filter((operation) => operation.rateLimit !== null);
  if (limited.length === 0 && Object.keys(report.rateLimits.extensions).length === 0) {
    lines.push('None declared (the client still honours 429 and `Retry-After`).');
  } else {
    lines.push(
      `${report.rateLimits.operationsWith429 === 1 ? '1 operation declares' : `${report.rateLimits.operationsWith429} operations declare`} 429.`,
    );
    if (report.rateLimits.headers.length > 0) lines.push('', `Headers: ${report.rateLimits.headers.map(code).join(', ')}.`);
    for (const [key, value] of Object.entries(report.rateLimits.extensions))
      lines.push('', `${code(key)}: ${code(JSON.stringify(value))}`);
    lines.push(
      '',
      ...table(
        ['operationId', 'Declared'],
        limited.map((o) => [code(o.operationId), cell(o.rateLimit ? describeRateLimit(o.rateLimit) : '')]),
      ),
    );
  }

  lines.push('', '## Retry safety', '', `${counts.retrySafe} of ${counts.operations} operations are retried on failure.`);
  const notIdempotent = report.operations.filter((operation) => operation.retry.reason !== 'idempotent-method');
  if (notIdempotent.length > 0) {
    lines.push(
      '',
      ...table(
        ['operationId', 'Method', 'Retry'],
        notIdempotent.map((o) => [code(o.operationId), o.method, describeRetry(o.retry)]),
      ),
    );
  }

  lines.push('', '## Media types', '');
  const request = countMediaTypes(report.operations.map((o) => o.mediaTypes.request));
  const response = countMediaTypes(report.operations.map((o) => Object.values(o.mediaTypes.responses).flat()));
  lines.push(`- Requests: ${request.length === 0 ? 'none' : request.map(([t, n]) => `${code(t)} (${n})`).join(', ')}`);
  lines.push(`- Responses: ${response.length === 0 ? 'none' : response.map(([t, n]) => `${code(t)} (${n})`).join(', ')}`);

  if (report.webhooks.length > 0 || report.callbacks.length > 0) {
    lines.push('', '## Webhooks and callbacks', '');
    for (const w of report.webhooks)
      lines.push(`- Webhook ${code(w.name)}: ${w.method} ${w.requestMediaTypes.map(code).join(', ')}`.trimEnd());
    for (const c of report.callbacks) {
      lines.push(
        `- Callback ${code(c.name)} of ${code(c.operationId)}: ${c.method} ${c.requestMediaTypes.map(code).join(', ')}`.trimEnd(),
      );
    }
  }

  lines.push('', '## Problems', '');
  if (report.problems.length === 0) lines.push('None.');
  lines.push(
    ...table(
      ['Severity', 'Code', 'Where', 'Message'],
      report.problems.map((p) => [
        p.severity,
        code(p.code),
        cell(
          [[p.file, p.line, p.column].filter((x) => x !== undefined).join(':'), p.pointer ?? '']
            .filter((x) => x !== '')
            .join(' '),
        ),
        cell(p.message),
      ]),
    ),
  );
  return `${lines.join('\n')}\n`;
}

function describeAuthCell(auth: Parameters<typeof describeAuth>[0]): string {
  return cell(describeAuth(auth));
}
