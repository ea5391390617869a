/** An HTTPS instance that still answers on plain http:// without redirecting. */
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const httpNotRedirectedToHttps = defineCheck({
  id: 'security.http-not-redirected-to-https',
  dimension: 'security',
  severity: 'medium',
  title: 'Plain HTTP is not redirected to HTTPS',
  rationale:
    'When http:// still serves pages instead of redirecting, users who type the address or follow an old link sign in ' +
    'without encryption, and an attacker on the path can keep them on plain HTTP.',
  remediation:
    'Make the reverse proxy answer every http:// request with a permanent redirect (301) to the same https:// URL. ' +
    'Add a Strict-Transport-Security header on the HTTPS side so browsers stop trying plain HTTP.',
  effortHours: 0.5,
  references: [REF.odooDeploy, REF.owaspHstsCheatSheet],
  requires: ['http'],
  evaluate: ({ http }) => {
    if (!http.https || http.httpRedirectsToHttps !== false) return [];
    return [
      {
        object: { kind: 'endpoint', key: 'http://', label: 'Plain HTTP listener' },
        message: `http:// requests to ${http.baseUrl.replace(/^https:/, 'http:')} are not redirected to HTTPS.`,
        evidence: { baseUrl: http.baseUrl },
      },
    ];
  },
});
