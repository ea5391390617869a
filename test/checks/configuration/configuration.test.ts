import { describe, expect, it } from 'vitest';
import { attachmentStorageDatabase } from '../../../server/src/checks/configuration/attachment-storage-database.ts';
import { baseUrlMismatch } from '../../../server/src/checks/configuration/base-url-mismatch.ts';
import { baseUrlNotFrozen } from '../../../server/src/checks/configuration/base-url-not-frozen.ts';
import { baseUrlNotHttps } from '../../../server/src/checks/configuration/base-url-not-https.ts';
import { baseUrlNotPublic } from '../../../server/src/checks/configuration/base-url-not-public.ts';
import { catchallDomainMissing } from '../../../server/src/checks/configuration/catchall-domain-missing.ts';
import { companyWithoutCountry } from '../../../server/src/checks/configuration/company-without-country.ts';
import { debugModeServed } from '../../../server/src/checks/configuration/debug-mode-served.ts';
import { mailServerFailing } from '../../../server/src/checks/configuration/mail-server-failing.ts';
import { noOutgoingMailServer } from '../../../server/src/checks/configuration/no-outgoing-mail-server.ts';
import { timedAutomationsWithoutCron } from '../../../server/src/checks/configuration/timed-automations-without-cron.ts';
import { factsWith } from '../../support/facts.ts';
import { cron } from '../cron_health/crons.ts';
import { automation, VIP_AUTOMATION } from '../custom_code/records.ts';
import { EMPTY_QUEUE, mailQueue18 } from '../performance/mail-queue.ts';
import { endpoint, httpFacts, mailServer, module, MODULES_18, PARAMETERS_18, run } from '../support/records.ts';

const PUBLIC_PARAMETERS: Record<string, string> = { ...PARAMETERS_18, 'web.base.url': 'https://erp.example.com' };

describe('web.base.url checks', () => {
  it("report the fixture's loopback web.base.url as not public (and leave https to that finding)", () => {
    const facts = factsWith({ configParameters: PARAMETERS_18 });
    const [finding] = run(baseUrlNotPublic, facts).findings;
    expect(finding.object).toEqual({ kind: 'parameter', key: 'web.base.url', label: 'web.base.url' });
    expect(finding.message).toBe("web.base.url is http://127.0.0.1:8070, a loopback address: links in e-mails and documents point to the recipient's own machine.");
    expect(run(baseUrlNotHttps, facts).status).toBe('passed');
  });

  it('rate a private address lower than a loopback one', () => {
    const facts = factsWith({ configParameters: { ...PARAMETERS_18, 'web.base.url': 'http://10.0.4.12:8069' } });
    expect(run(baseUrlNotPublic, facts).findings[0].severity).toBe('low');
  });

  it('report a public http:// address as not https', () => {
    const facts = factsWith({ configParameters: { ...PARAMETERS_18, 'web.base.url': 'http://erp.example.com' } });
    expect(run(baseUrlNotHttps, facts).findings[0].message).toBe('web.base.url is http://erp.example.com: links Odoo sends in e-mails and documents use plain http.');
    expect(run(baseUrlNotPublic, facts).status).toBe('passed');
  });

  it('pass on a public https address', () => {
    const facts = factsWith({ configParameters: PUBLIC_PARAMETERS });
    expect(run(baseUrlNotHttps, facts).status).toBe('passed');
    expect(run(baseUrlNotPublic, facts).status).toBe('passed');
  });

  it('report a missing freeze, and accept any non-empty value as Odoo does', () => {
    const { 'web.base.url.freeze': _, ...unfrozen } = PUBLIC_PARAMETERS;
    expect(run(baseUrlNotFrozen, factsWith({ configParameters: unfrozen })).findings[0].message).toBe(
      'web.base.url.freeze is not set, so the next administrator login can overwrite web.base.url (now https://erp.example.com).',
    );
    expect(run(baseUrlNotFrozen, factsWith({ configParameters: PARAMETERS_18 })).status).toBe('passed');
    expect(run(baseUrlNotFrozen, factsWith({ configParameters: { ...unfrozen, 'web.base.url.freeze': 'False' } })).status).toBe('passed');
  });

  it('report a web.base.url on another host than the scanned one, not a scheme difference', () => {
    const other = factsWith({ configParameters: { ...PUBLIC_PARAMETERS, 'web.base.url': 'https://old-erp.example.com' }, http: httpFacts() });
    expect(run(baseUrlMismatch, other).findings[0].message).toBe('web.base.url names old-erp.example.com but the instance was scanned at erp.example.com.');
    const sameHost = factsWith({ configParameters: { ...PUBLIC_PARAMETERS, 'web.base.url': 'http://erp.example.com' }, http: httpFacts() });
    expect(run(baseUrlMismatch, sameHost).status).toBe('passed');
  });
});

describe('configuration.catchall-domain-missing', () => {
  it('reports a 16.0 database with mail and no catch-all domain', () => {
    const { 'mail.catchall.domain': _, ...parameters } = PARAMETERS_18;
    const result = run(catchallDomainMissing, factsWith({ configParameters: parameters, modules: MODULES_18 }, { series: '16.0' }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['mail.catchall.domain']);
  });

  it('passes when set or without mail, and does not apply from 17.0 (alias domains are records there)', () => {
    expect(run(catchallDomainMissing, factsWith({ configParameters: PARAMETERS_18, modules: MODULES_18 }, { series: '16.0' })).status).toBe('passed');
    expect(run(catchallDomainMissing, factsWith({ configParameters: {}, modules: [module('base')] }, { series: '16.0' })).status).toBe('passed');
    expect(run(catchallDomainMissing, factsWith({ configParameters: {}, modules: MODULES_18 })).status).toBe('not_applicable');
  });
});

describe('outgoing mail server checks', () => {
  it('report no active outgoing server on premise', () => {
    const [finding] = run(noOutgoingMailServer, factsWith({ mailServers: [mailServer({ active: false })] })).findings;
    expect(finding.message).toBe('No outgoing mail server is active (1 archived): Odoo falls back to the smtp_server of its configuration file.');
  });

  it('pass with an active server, and on Odoo Online', () => {
    expect(run(noOutgoingMailServer, factsWith({ mailServers: [mailServer()] })).status).toBe('passed');
    const online = { serverVersion: 'saas~17.2+e', series: '17.0', versionInfo: ['saas~17', 2, 0, 'final', 0, 'e'], edition: 'enterprise' as const, buildDate: null, saas: true, protocolVersion: 1 };
    expect(run(noOutgoingMailServer, factsWith({ mailServers: [], server: online })).status).toBe('passed');
    expect(run(noOutgoingMailServer, factsWith({ mailServers: [] })).status).toBe('failed');
  });

  it("report the fixture's unreachable relay from the connection errors of the failed mails", () => {
    const [finding] = run(mailServerFailing, factsWith({ mailServers: [mailServer()], mailQueue: mailQueue18() })).findings;
    expect(finding.object).toEqual({ kind: 'mail_server', key: '1', label: 'Corporate SMTP relay' });
    expect(finding.message).toBe("Outgoing mail server 'Corporate SMTP relay' (localhost:2525, none) fails to deliver: 15 recent failed mails say '111 Connection refused' (15).");
  });

  it('pass when mails failed for recipient reasons only, or none failed', () => {
    const bounced = {
      ...mailQueue18(),
      recentExceptions: [{ id: 1, subject: 'x', failureType: 'mail_email_invalid', failureReason: 'Invalid email address "bob@"', date: '2026-12-04 10:00:00' }],
    };
    expect(run(mailServerFailing, factsWith({ mailServers: [mailServer()], mailQueue: bounced })).status).toBe('passed');
    expect(run(mailServerFailing, factsWith({ mailServers: [mailServer()], mailQueue: EMPTY_QUEUE })).status).toBe('passed');
  });
});

describe('configuration.attachment-storage-database', () => {
  it("reports ir_attachment.location = 'db'", () => {
    const result = run(attachmentStorageDatabase, factsWith({ configParameters: { ...PARAMETERS_18, 'ir_attachment.location': 'db' } }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['ir_attachment.location']);
  });

  it('passes with the default storage', () => {
    expect(run(attachmentStorageDatabase, factsWith({ configParameters: PARAMETERS_18 })).status).toBe('passed');
    expect(run(attachmentStorageDatabase, factsWith({ configParameters: { 'ir_attachment.location': 'file' } })).status).toBe('passed');
  });
});

describe('configuration.timed-automations-without-cron', () => {
  const automationCron = cron({ id: 20, name: 'Automation Rules: check and execute', intervalType: 'minutes', intervalNumber: 240, model: 'base.automation', code: 'model._check(True)' });
  const reminder = automation({ id: 2, name: 'Remind unpaid invoices', model: 'account.move', trigger: 'on_time' });

  it('reports time-based rules while the automation cron is deactivated', () => {
    const [finding] = run(timedAutomationsWithoutCron, factsWith({ automations: [VIP_AUTOMATION, reminder], crons: [{ ...automationCron, active: false }] })).findings;
    expect(finding.object).toEqual({ kind: 'automation', key: '2', label: 'Remind unpaid invoices' });
    expect(finding.message).toBe("Automation rule 'Remind unpaid invoices' (on_time on account.move) never runs: the cron that evaluates time-based rules is deactivated.");
  });

  it("passes with the cron active, or without time-based rules (the fixture's cron is off because it has none)", () => {
    expect(run(timedAutomationsWithoutCron, factsWith({ automations: [reminder], crons: [automationCron] })).status).toBe('passed');
    expect(run(timedAutomationsWithoutCron, factsWith({ automations: [VIP_AUTOMATION], crons: [{ ...automationCron, active: false }] })).status).toBe('passed');
  });
});

describe('configuration.company-without-country', () => {
  it("reports the fixture's subsidiary without a country", () => {
    const companies = [
      { id: 2, name: 'Pulse Subsidiary Ltd', active: true, country: null },
      { id: 1, name: 'YourCompany', active: true, country: 'United States' },
    ];
    const result = run(companyWithoutCountry, factsWith({ companies }));
    expect(result.findings.map((f) => f.object)).toEqual([{ kind: 'instance', key: 'res.company:2', label: 'Pulse Subsidiary Ltd' }]);
  });

  it('passes when every active company has a country', () => {
    const companies = [{ id: 1, name: 'YourCompany', active: true, country: 'United States' }, { id: 3, name: 'Old Co', active: false, country: null }];
    expect(run(companyWithoutCountry, factsWith({ companies })).status).toBe('passed');
  });
});

describe('configuration.debug-mode-served', () => {
  it('reports pages served with debug assets to an anonymous visitor', () => {
    const http = httpFacts({ endpoints: { login: endpoint({ path: '/web/login', markers: ['login-form', 'debug-assets'] }) } });
    const [finding] = run(debugModeServed, factsWith({ http })).findings;
    expect(finding.message).toBe('/web/login was served with debug assets to an anonymous visitor who did not ask for debug mode.');
  });

  it('passes on normal pages', () => {
    expect(run(debugModeServed, factsWith({ http: httpFacts() })).status).toBe('passed');
  });
});
