/** The exact Odoo build, and the server software's versions, readable without signing in. */
import { answeredOk, header, jsonRpcResult } from '../support/http.ts';
import { REF } from '../support/references.ts';
import { defineCheck, type FindingDraft } from '../types.ts';

export const versionDisclosure = defineCheck({
  id: 'security.version-disclosure',
  dimension: 'security',
  severity: 'low',
  title: 'Software versions disclosed to anonymous visitors',
  rationale:
    'The exact Odoo build date, or the web server\'s and Python\'s versions, tell an attacker which published ' +
    'vulnerabilities the instance still carries without a single failed attempt.',
  remediation:
    'Block POST /web/webclient/version_info for anonymous clients at the reverse proxy and make the proxy replace the Server header (with nginx: `server_tokens off;` and `proxy_hide_header Server;`). ' +
    'Keep the instance updated: hiding versions only slows down an attacker.',
  effortHours: 0.5,
  references: [REF.owaspMisconfiguration, REF.owaspHeadersProject],
  requires: ['http'],
  evaluate: ({ http }) => {
    const drafts: FindingDraft[] = [];
    const versionInfo = http.endpoints.versionInfo;
    if (answeredOk(versionInfo)) {
      const result = jsonRpcResult(versionInfo);
      const version = result && typeof result === 'object' ? (result as Record<string, unknown>).server_version : undefined;
      if (typeof version === 'string' && version.length > 0) {
        drafts.push({
          object: { kind: 'endpoint', key: versionInfo.path, label: 'Version information' },
          message: `${versionInfo.path} tells anonymous visitors the exact Odoo build: ${version}.`,
          evidence: { path: versionInfo.path, serverVersion: version },
        });
      }
    }
    const servers = new Set<string>();
    for (const endpoint of Object.values(http.endpoints)) {
      const value = header(endpoint, 'server');
      // A bare product name ("nginx") says little; a version number says which flaws apply.
      if (value !== null && /\d+\.\d+/.test(value)) servers.add(value);
    }
    if (servers.size > 0) {
      const values = [...servers];
      drafts.push({
        object: { kind: 'endpoint', key: 'header:server', label: 'Server header' },
        message: `The Server header reveals software versions: ${values.join('; ')}.`,
        evidence: { values },
      });
    }
    return drafts;
  },
});
