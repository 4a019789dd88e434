/** One line per security scheme, as a reader of the report wants it. */
import type * as ir from '../ir/index.js';

export function describeScheme(scheme: ir.SecurityScheme): string {
  switch (scheme.type) {
    case 'apiKey':
      return `API key in ${scheme.in} ${scheme.name}`;
    case 'http':
      return `HTTP ${scheme.scheme}${scheme.bearerFormat === undefined ? '' : ` (${scheme.bearerFormat})`}`;
    case 'oauth2': {
      const flows = Object.keys(scheme.flows);
      return `OAuth 2.0 ${flows.length === 0 ? '(no flows)' : flows.join(', ')}`;
    }
    case 'openIdConnect':
      return `OpenID Connect (${scheme.openIdConnectUrl})`;
    case 'mutualTLS':
      return 'mutual TLS (client certificate)';
  }
}
