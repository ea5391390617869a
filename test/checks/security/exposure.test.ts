import { describe, expect, it } from 'vitest';
import { databaseListExposed } from '../../../server/src/checks/security/database-list-exposed.ts';
import { databaseManagerExposed } from '../../../server/src/checks/security/database-manager-exposed.ts';
import { errorDetailsExposed } from '../../../server/src/checks/security/error-details-exposed.ts';
import { versionDisclosure } from '../../../server/src/checks/security/version-disclosure.ts';
import { factsWith } from '../../support/facts.ts';
import { endpoint, hardenedHttp, httpFacts, run } from '../support/records.ts';

describe('security.database-manager-exposed', () => {
  it('reports the manager once when the manager and selector pages answer (list_db = True)', () => {
    const result = run(databaseManagerExposed, factsWith({ http: httpFacts() }));
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ severity: 'high', object: { kind: 'endpoint', key: '/web/database/manager' } });
    expect(result.findings[0].message).toContain('/web/database/manager and /web/database/selector');
  });

  it('reports the selector alone when only it is reachable', () => {
    const http = httpFacts({ endpoints: { databaseManager: endpoint({ path: '/web/database/manager', status: 404 }) } });
    const [finding] = run(databaseManagerExposed, factsWith({ http })).findings;
    expect(finding.evidence.endpoints).toEqual([expect.objectContaining({ path: '/web/database/selector' })]);
  });

  it('passes when the pages are blocked, or answer 200 without the manager on them (e.g. a login page)', () => {
    expect(run(databaseManagerExposed, factsWith({ http: hardenedHttp() })).status).toBe('passed');
    const redirectedToLogin = httpFacts({
      endpoints: {
        databaseManager: endpoint({ path: '/web/database/manager', markers: ['login-form'] }),
        databaseSelector: endpoint({ path: '/web/database/selector', markers: ['login-form'] }),
      },
    });
    expect(run(databaseManagerExposed, factsWith({ http: redirectedToLogin })).status).toBe('passed');
  });

  it('is not assessed without the HTTP probe', () => {
    expect(run(databaseManagerExposed, factsWith({})).status).toBe('not_assessed');
  });
});

describe('security.database-list-exposed', () => {
  it('names the databases the list returns', () => {
    const [finding] = run(databaseListExposed, factsWith({ http: httpFacts() })).findings;
    expect(finding.message).toBe('/web/database/list lists the database to anyone: pulse18.');
    expect(finding.evidence).toEqual({ databases: ['pulse18'] });
  });

  it('passes when the list answers with an access error or an empty list', () => {
    expect(run(databaseListExposed, factsWith({ http: hardenedHttp() })).status).toBe('passed');
    const empty = httpFacts({ endpoints: { databaseList: endpoint({ method: 'POST', path: '/web/database/list', json: { jsonrpc: '2.0', id: 1, result: [] } }) } });
    expect(run(databaseListExposed, factsWith({ http: empty })).status).toBe('passed');
  });
});

describe('security.version-disclosure', () => {
  it('reports the build given by version_info and a Server header carrying versions', () => {
    const findings = run(versionDisclosure, factsWith({ http: httpFacts() })).findings;
    expect(findings.map((f) => f.object.key)).toEqual(['/web/webclient/version_info', 'header:server']);
    expect(findings[0].message).toContain('18.0-20250506');
    expect(findings[1].message).toContain('Werkzeug/2.2.2 Python/3.11.2');
  });

  it('passes when version_info is blocked and the Server header names no version', () => {
    expect(run(versionDisclosure, factsWith({ http: hardenedHttp() })).status).toBe('passed');
  });
});

describe('security.error-details-exposed', () => {
  it('reports each page showing a traceback', () => {
    const http = httpFacts({ endpoints: { root: endpoint({ path: '/', status: 500, markers: ['traceback'] }) } });
    const [finding] = run(errorDetailsExposed, factsWith({ http })).findings;
    expect(finding.object.key).toBe('/');
    expect(finding.message).toContain('HTTP 500');
  });

  it('passes when no page shows a traceback', () => {
    expect(run(errorDetailsExposed, factsWith({ http: httpFacts() })).status).toBe('passed');
  });
});
