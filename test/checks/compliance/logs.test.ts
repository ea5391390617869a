import { describe, expect, it } from 'vitest';
import { cardNumbersInLogs } from '../../../server/src/checks/compliance/card-numbers-in-logs.ts';
import { piiInLogs } from '../../../server/src/checks/compliance/pii-in-logs.ts';
import { findCardNumbers, luhnValid } from '../../../server/src/checks/support/pii.ts';
import { factsWith } from '../../support/facts.ts';
import { logEntry, logs, run } from '../support/records.ts';

// Messages as the 18.0 fixture's ir.logging holds them: none carries personal data.
const FIXTURE_LOGS = [
  logEntry({ id: 27, level: 'ERROR', message: 'Exception during request handling.\nTraceback (most recent call last):\n  File "/opt/odoo-src/18.0/odoo/http.py", line 2373, in __call__' }),
  logEntry({ id: 24, level: 'ERROR', name: 'odoo.addons.base.models.ir_cron', message: "Job 'Custom: Sync stock levels from WMS' (26) server action #376 failed" }),
  logEntry({ id: 26, name: 'odoo.tools.translate', message: "no translation language detected, skipping translation <frame at 0x7f06e22d4460, file '/opt/odoo-src/18.0/odoo/service/common.py', line 43, code exp_about>" }),
  logEntry({ id: 2, name: 'odoo.addons.iap.tools.iap_tools', message: "iap jsonrpc https://partner-autocomplete.odoo.com/api/dnb/1/enrich_by_domain failed, ProxyError: HTTPSConnectionPool(host='partner-autocomplete.odoo.com', port=443)" }),
  logEntry({ id: 6, level: 'info', name: 'odoo.addons.base.models.ir_actions', message: 'nightly cleanup done: 0 partners without email' }),
];

describe('compliance.pii-in-logs', () => {
  it('passes on the fixture log lines', () => {
    expect(run(piiInLogs, factsWith({ logs: logs(FIXTURE_LOGS) })).status).toBe('passed');
  });

  it('reports log lines carrying e-mail addresses, without repeating the addresses in full', () => {
    const recent = [...FIXTURE_LOGS, logEntry({ id: 40, name: 'odoo.addons.custom_sync', message: 'Could not sync contact olivia.ops@example.com to the CRM' })];
    const [finding] = run(piiInLogs, factsWith({ logs: logs(recent) })).findings;
    expect(finding.message).toBe('1 of the 6 most recent log messages contains e-mail addresses (1 distinct), logged by odoo.addons.custom_sync.');
    expect(finding.evidence.samples).toEqual(['o***@example.com']);
    expect(JSON.stringify(finding)).not.toContain('olivia.ops@');
  });
});

describe('compliance.card-numbers-in-logs', () => {
  it('passes on the fixture log lines (hex addresses, ids and ports are not card numbers)', () => {
    expect(run(cardNumbersInLogs, factsWith({ logs: logs(FIXTURE_LOGS) })).status).toBe('passed');
  });

  it('reports a logged card number, masked to its last four digits', () => {
    const recent = [...FIXTURE_LOGS, logEntry({ id: 41, name: 'odoo.addons.payment_custom', message: 'charge failed for card 4111 1111 1111 1111 exp 12/29' })];
    const [finding] = run(cardNumbersInLogs, factsWith({ logs: logs(recent) })).findings;
    expect(finding).toMatchObject({ severity: 'high', evidence: { logIds: [41], masked: ['****1111'] } });
    expect(JSON.stringify(finding)).not.toContain('4111 1111');
  });

  it('needs a valid checksum and a card-brand prefix', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(findCardNumbers('order 4111111111111112 ref')).toEqual([]);
    expect(findCardNumbers('timestamp 1733337600000000')).toEqual([]);
    expect(findCardNumbers('amex 3782-822463-10005')).toEqual(['378282246310005']);
  });
});
