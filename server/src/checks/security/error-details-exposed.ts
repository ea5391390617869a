/** Public pages that show a Python traceback reveal code paths, versions and sometimes data. */
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const errorDetailsExposed = defineCheck({
  id: 'security.error-details-exposed',
  dimension: 'security',
  severity: 'medium',
  title: 'Server tracebacks shown to anonymous visitors',
  rationale:
    'A traceback on a public page shows file paths, module names, library versions and sometimes the data being ' +
    'processed: a map for an attacker, and a sign that the server runs in a debugging configuration.',
  remediation:
    'Find why the page fails (the server log has the same traceback) and fix it; make sure Odoo does not run with `--dev` options in production. ' +
    'Have the reverse proxy serve a generic error page for 5xx responses.',
  effortHours: 1,
  references: [REF.owaspErrorHandling, REF.owaspMisconfiguration],
  requires: ['http'],
  evaluate: ({ http }) =>
    Object.values(http.endpoints)
      .filter((e) => e.markers.includes('traceback'))
      .map((e) => ({
        object: { kind: 'endpoint' as const, key: e.path, label: `${e.method} ${e.path}` },
        message: `${e.method} ${e.path} shows a server traceback to anonymous visitors (HTTP ${e.status ?? 'error'}).`,
        evidence: { method: e.method, path: e.path, status: e.status },
      })),
});
