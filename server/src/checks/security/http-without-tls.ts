/** The instance is served over plain HTTP: passwords and session cookies travel unencrypted. */
import { hostScope } from '../support/network.ts';
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const httpWithoutTls = defineCheck({
  id: 'security.http-without-tls',
  dimension: 'security',
  severity: 'high',
  title: 'Odoo served over plain HTTP',
  rationale:
    'Without TLS, logins, passwords, session cookies and every document travel in clear text: anyone on the path (public ' +
    'Wi-Fi, a compromised router) can read them or take over sessions.',
  remediation:
    'Put Odoo behind a reverse proxy that terminates HTTPS (nginx with a Let\'s Encrypt certificate, for instance), set `proxy_mode = True`, and redirect http:// to https://. ' +
    'Then set web.base.url to the https:// address.',
  effortHours: 2,
  references: [REF.odooDeploy, REF.owaspTlsCheatSheet],
  requires: ['http'],
  evaluate: ({ http }) => {
    if (http.https) return [];
    const scope = hostScope(http.baseUrl);
    // A scan through the loopback interface says nothing about how users reach the instance.
    if (scope === 'loopback') return [];
    return [
      {
        object: { kind: 'endpoint', key: '/', label: http.baseUrl },
        message:
          scope === 'private'
            ? `${http.baseUrl} is served over plain HTTP on a private network address: credentials cross the internal network unencrypted.`
            : `${http.baseUrl} is served over plain HTTP: passwords and session cookies cross the internet unencrypted.`,
        severity: scope === 'private' ? 'medium' : 'high',
        evidence: { baseUrl: http.baseUrl, network: scope },
      },
    ];
  },
});
