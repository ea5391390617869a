/**
 * The database manager (/web/database/manager, /web/database/selector) lets anyone who knows or
 * guesses the master password back up, duplicate, restore or drop every database on the server.
 */
import type { HttpEndpointFact } from '../../facts/types.ts';
import { answeredOk } from '../support/http.ts';
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

/** Markers the HTTP probe sets when a page is the manager or selector (not a 404 or a login page). */
const MANAGER_MARKERS = ['database-manager', 'database-list', 'master-password-field'];

function looksLikeManager(endpoint: HttpEndpointFact | undefined): endpoint is HttpEndpointFact {
  return answeredOk(endpoint) && endpoint.markers.some((m) => MANAGER_MARKERS.includes(m));
}

export const databaseManagerExposed = defineCheck({
  id: 'security.database-manager-exposed',
  dimension: 'security',
  severity: 'high',
  title: 'Database manager reachable from the network',
  rationale:
    'The database manager pages let anyone holding the master password back up (download), duplicate, restore or drop ' +
    'every database of the server. Exposed to the internet they invite brute-forcing of that one password, and a weak ' +
    'or default master password hands over all company data.',
  remediation:
    'Set `list_db = False` in odoo.conf (or block /web/database/* at the reverse proxy) and set a long random `admin_passwd`. ' +
    'Pin the database with `dbfilter` so the server never needs the selector, and restart Odoo.',
  effortHours: 0.5,
  references: [REF.odooDeploy, REF.owaspMisconfiguration],
  requires: ['http'],
  evaluate: ({ http }) => {
    const manager = http.endpoints.databaseManager;
    const selector = http.endpoints.databaseSelector;
    const exposed = [manager, selector].filter(looksLikeManager);
    if (exposed.length === 0) return [];
    const paths = exposed.map((e) => e.path);
    return [
      {
        object: { kind: 'endpoint', key: '/web/database/manager', label: 'Database manager' },
        message: `The database manager answers without authentication at ${paths.join(' and ')} on ${http.baseUrl}.`,
        evidence: {
          endpoints: exposed.map((e) => ({ path: e.path, status: e.status, markers: e.markers })),
        },
      },
    ];
  },
});
