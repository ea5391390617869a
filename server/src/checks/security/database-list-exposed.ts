/** /web/database/list tells anonymous visitors the names of the server's databases. */
import { answeredOk, jsonRpcResult } from '../support/http.ts';
import { REF } from '../support/references.ts';
import { listNames } from '../support/text.ts';
import { defineCheck } from '../types.ts';

export const databaseListExposed = defineCheck({
  id: 'security.database-list-exposed',
  dimension: 'security',
  severity: 'medium',
  title: 'Database names listed to anonymous visitors',
  rationale:
    'The database list gives an attacker the exact names needed to target the login, XML-RPC and database-manager ' +
    'endpoints, and reveals other tenants hosted on the same server.',
  remediation:
    'Set `list_db = False` in odoo.conf and select the database with `dbfilter` (or the `db_name` option). ' +
    'Restart Odoo and check that POST /web/database/list now returns an access error.',
  effortHours: 0.5,
  references: [REF.odooDeploy, REF.owaspMisconfiguration],
  requires: ['http'],
  evaluate: ({ http }) => {
    const endpoint = http.endpoints.databaseList;
    if (!answeredOk(endpoint)) return [];
    const result = jsonRpcResult(endpoint);
    if (!Array.isArray(result)) return [];
    const names = result.filter((n): n is string => typeof n === 'string');
    if (names.length === 0) return [];
    return [
      {
        object: { kind: 'endpoint', key: endpoint.path, label: 'Database list' },
        message: `${endpoint.path} lists ${names.length === 1 ? 'the database' : `${names.length} databases`} to anyone: ${listNames(names)}.`,
        evidence: { databases: names },
      },
    ];
  },
});
