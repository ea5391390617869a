/**
 * The API mappers on real records recorded from Odoo 17.0 and 18.0: what a check will read must be
 * what the server said, flattened and with secrets gone.
 */
import { describe, expect, it } from 'vitest';
import { mapAccessRule } from '../../server/src/collect/api/groups/access-rules.ts';
import { mapApiKey } from '../../server/src/collect/api/groups/api-keys.ts';
import { mapAutomation } from '../../server/src/collect/api/groups/automations.ts';
import { mapCompany } from '../../server/src/collect/api/groups/companies.ts';
import { isSecretParameter, mapConfigParameters } from '../../server/src/collect/api/groups/config-parameters.ts';
import { mapCron } from '../../server/src/collect/api/groups/crons.ts';
import { hasNoXmlId, mapView } from '../../server/src/collect/api/groups/custom-views.ts';
import { mapGroup } from '../../server/src/collect/api/groups/groups.ts';
import { mapLogs } from '../../server/src/collect/api/groups/logs.ts';
import { mapMailQueue } from '../../server/src/collect/api/groups/mail-queue.ts';
import { MAIL_SERVER_FIELDS, mapMailServer } from '../../server/src/collect/api/groups/mail-servers.ts';
import { mapModel } from '../../server/src/collect/api/groups/models.ts';
import { mapModuleDependency } from '../../server/src/collect/api/groups/module-dependencies.ts';
import { mapModule } from '../../server/src/collect/api/groups/modules.ts';
import { mapRecordRule } from '../../server/src/collect/api/groups/record-rules.ts';
import { mapServerAction } from '../../server/src/collect/api/groups/server-actions.ts';
import { mapServer } from '../../server/src/collect/api/groups/server.ts';
import { isSettingsUser } from '../../server/src/collect/api/groups/session.ts';
import { mapUser } from '../../server/src/collect/api/groups/users.ts';
import { countsByGroup } from '../../server/src/collect/api/read-group.ts';
import type { VersionInfo } from '../../server/src/odoo/types.ts';
import { fixture, objectFile, records, SERIES, type Series } from './support/fixtures.ts';

function modelNames(series: Series): Map<number, string> {
  return new Map(records(series, objectFile('ir.model', 'search_read')).map(mapModel).map((m) => [m.id, m.model]));
}

const byName = <T extends { name: string }>(items: T[], name: string): T => {
  const found = items.find((i) => i.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};

describe.each(SERIES)('API mappers on Odoo %s records', (series) => {
  it('reads the server version, edition and build date', () => {
    const server = mapServer(fixture(series, 'xmlrpc.common.version.json').response as VersionInfo);
    expect(server.series).toBe(series);
    expect(server.edition).toBe('community');
    expect(server.buildDate).toBe(series === '17.0' ? '2024-07-09' : '2025-05-06');
    expect(server.saas).toBe(false);
    expect(server.protocolVersion).toBe(1);
  });

  it('maps crons, keeping the series-specific failure fields apart', () => {
    const crons = records(series, objectFile('ir.cron', 'search_read')).map((r) => mapCron(r, modelNames(series)));
    const failing = byName(crons, 'Custom: Sync stock levels from WMS');
    const vacuum = byName(crons, 'Base: Auto-vacuum internal data');
    expect(vacuum).toMatchObject({ active: false, model: 'ir.autovacuum', userName: 'OdooBot', intervalType: 'days' });
    expect(failing.model).toBe('res.partner');
    expect(failing.code).toContain("raise UserError('WMS endpoint");
    expect(failing.serverActionId).toBeGreaterThan(0);
    if (series === '18.0') {
      expect(failing).toMatchObject({ failureCount: 6, firstFailureDate: '2026-12-04 19:28:53', numbercall: null });
    } else {
      expect(failing).toMatchObject({ failureCount: null, firstFailureDate: null, numbercall: -1 });
    }
    const disabled = byName(crons, 'Custom: Weekly KPI export (disabled)');
    expect(disabled).toMatchObject({ active: false, nextcall: '2024-03-04 06:00:00', lastcall: null });
  });

  it('resolves ACL and record-rule model ids to technical names through ir.model', () => {
    const names = modelNames(series);
    const acls = records(series, objectFile('ir.model.access', 'search_read')).map((r) => mapAccessRule(r, names));
    expect(acls.every((a) => a.model !== null)).toBe(true);
    const attachmentAcl = byName(acls, 'ir_attachment group_user');
    expect(attachmentAcl).toMatchObject({ model: 'ir.attachment', groupName: 'User types / Internal User', unlink: true });
    const rules = records(series, objectFile('ir.rule', 'search_read')).map((r) => mapRecordRule(r, names));
    const partnerRule = byName(rules, 'res.partner company');
    expect(partnerRule).toMatchObject({ model: 'res.partner', global: true, groupIds: [] });
    expect(partnerRule.domain).toContain('company_id');
    expect(rules.some((r) => !r.global && r.groupIds.length > 0)).toBe(true);
  });

  it('leaves the model unknown (null) rather than guessing when ir.model lacks the id', () => {
    const [row] = records(series, objectFile('ir.model.access', 'search_read'));
    expect(mapAccessRule(row, new Map()).model).toBeNull();
  });

  it('maps users: portal users are share users, TOTP and API keys are visible', () => {
    const users = records(series, objectFile('res.users', 'search_read')).map(mapUser);
    const login = (l: string) => users.find((u) => u.login === l)!;
    expect(login('paula.portal@example.com')).toMatchObject({ share: true, active: true });
    expect(login('frank.former@example.com').active).toBe(false);
    expect(login('tina.totp@example.com').totpEnabled).toBe(true);
    expect(login('admin').totpEnabled).toBe(false);
    expect(login('olivia.ops@example.com').apiKeyCount).toBe(1);
    expect(login('admin').groupIds.length).toBeGreaterThan(5);
    expect(login('__system__').loginDate).toBeNull();
  });

  it('says null, not false, for TOTP when auth_totp is not installed', () => {
    const [row] = records(series, objectFile('res.users', 'search_read'));
    delete row.totp_enabled;
    expect(mapUser(row).totpEnabled).toBeNull();
  });

  it('knows who is in Administration / Settings', () => {
    const groups = records(series, objectFile('res.groups', 'search_read')).map(mapGroup);
    const users = records(series, objectFile('res.users', 'search_read')).map(mapUser);
    const olivia = users.find((u) => u.login === 'olivia.ops@example.com')!;
    const sam = users.find((u) => u.login === 'sam.sales@example.com')!;
    expect(isSettingsUser(2, groups)).toBe(true);
    expect(isSettingsUser(olivia.id, groups)).toBe(true);
    expect(isSettingsUser(sam.id, groups)).toBe(false);
    expect(isSettingsUser(2, null)).toBeNull();
    const settings = groups.find((g) => g.fullName === 'Administration / Settings')!;
    expect(settings.category).toBe('Administration');
    expect(settings.transImpliedIds.length).toBeGreaterThanOrEqual(settings.impliedIds.length);
  });

  it('maps API keys with their expiry where the series has one', () => {
    const [key] = records(series, objectFile('res.users.apikeys', 'search_read')).map(mapApiKey);
    expect(key).toMatchObject({ name: 'pulse-monitor (read-only health checks)', userId: 8, scope: null });
    expect(key.expirationDate).toBe(series === '18.0' ? '2027-12-31 00:00:00' : null);
  });

  it('maps modules with the installed (database) and available (code) versions the right way round', () => {
    const modules = records(series, objectFile('ir.module.module', 'search_read.all')).map(mapModule);
    const base = modules.find((m) => m.name === 'base')!;
    expect(base.state).toBe('installed');
    expect(base.installedVersion).toMatch(new RegExp(`^${series.replace('.', '\\.')}\\.`));
    const uninstalled = modules.find((m) => m.state === 'uninstalled' && m.latestVersion !== null)!;
    expect(uninstalled.installedVersion).toBeNull();
    expect(modules.find((m) => m.name === 'account')).toMatchObject({ application: true, category: 'Invoicing', license: 'LGPL-3' });
  });

  it('attributes dependencies to the declaring module by technical name', () => {
    const modules = records(series, objectFile('ir.module.module', 'search_read.all')).map(mapModule);
    const names = new Map(modules.map((m) => [m.id, m.name]));
    const deps = records(series, objectFile('ir.module.module.dependency', 'search_read'))
      .map((r) => mapModuleDependency(r, names))
      .filter((d) => d !== null);
    expect(deps).toContainEqual({ module: 'account', dependsOn: 'base_setup', state: 'installed' });
    expect(deps.every((d) => !d.module.includes(' '))).toBe(true);
  });

  it('masks secret-looking parameters and keeps the rest verbatim', () => {
    const parameters = mapConfigParameters(records(series, objectFile('ir.config_parameter', 'search_read')));
    expect(parameters['x_pulse.wms_api_token']).toBe('***');
    expect(parameters['database.secret']).toBe('***');
    expect(parameters['web.base.url']).toMatch(/^http:\/\/127\.0\.0\.1:80/);
    expect(parameters['auth_signup.invitation_scope']).toBe('b2c');
    expect(parameters['x_pulse.wms_endpoint']).toBe('https://wms.example.com/api');
    // A value the fixture did not mask is masked by its key alone.
    expect(mapConfigParameters([{ key: 'google_recaptcha.private_key', value: '6Lc-real-value' }])).toEqual({ 'google_recaptcha.private_key': '***' });
    expect(isSecretParameter('web.base.url.freeze')).toBe(false);
    // Policy settings whose names merely contain "password" stay readable: the compliance checks need them.
    expect(mapConfigParameters([{ key: 'auth_password_policy.minlength', value: '12' }])).toEqual({ 'auth_password_policy.minlength': '12' });
    expect(isSecretParameter('mail.smtp_password')).toBe(true);
  });

  it('never asks for or keeps mail server credentials', () => {
    expect(MAIL_SERVER_FIELDS.filter((f) => /pass|token|secret|key|authorization/i.test(f))).toEqual([]);
    const [server] = records(series, objectFile('ir.mail_server', 'search_read')).map(mapMailServer);
    expect(server).toEqual({
      id: 1,
      name: 'Corporate SMTP relay',
      host: 'localhost',
      port: 2525,
      encryption: 'none',
      authentication: 'login',
      active: true,
      hasUser: true,
    });
  });

  it('counts the mail queue by state and lists the failures', () => {
    const queue = mapMailQueue(
      fixture(series, objectFile('mail.mail', 'read_group.by_state')).response as Array<Record<string, unknown>>,
      records(series, objectFile('mail.mail', 'search_read.exception')),
    );
    const expected = series === '18.0' ? 15 : 3;
    expect(queue.exception).toBe(expected);
    expect(queue.byState).toEqual({ exception: expected });
    expect(queue.recentExceptions).toHaveLength(expected);
    expect(queue.recentExceptions[0].failureReason).toContain('Connection refused');
  });

  it('keeps log messages to 500 characters and counts levels', () => {
    const rows = records(series, objectFile('ir.logging', 'search_read'));
    const levels = ['ERROR', 'WARNING', 'info'].map((level) => ({ level, level_count: rows.filter((r) => r.level === level).length }));
    const logs = mapLogs(rows.length, levels, rows);
    expect(logs.recent.length).toBe(rows.length);
    expect(Math.max(...logs.recent.map((l) => l.message.length))).toBe(500);
    expect(logs.recent.some((l) => l.level === 'info' && l.message.startsWith('nightly cleanup done'))).toBe(true);
    expect(logs.byLevel.ERROR + logs.byLevel.WARNING + logs.byLevel.info).toBe(logs.total);
  });

  it('maps server actions and automations to technical model names', () => {
    const names = modelNames(series);
    const actions = records(series, objectFile('ir.actions.server', 'search_read.code')).map((r) => mapServerAction(r, names));
    expect(byName(actions, 'Custom: Flag partners without email')).toMatchObject({
      model: 'res.partner',
      bindingModel: 'res.partner',
      state: 'code',
      usage: 'ir_actions_server',
    });
    // xml_id was not recorded: the fact is left out, not guessed
    expect(actions.every((a) => !('xmlId' in a))).toBe(true);
    const [first] = records(series, objectFile('ir.actions.server', 'search_read.code'));
    expect(mapServerAction({ ...first, xml_id: 'base.action_run_ir_action_todo' }, names).xmlId).toBe('base.action_run_ir_action_todo');
    expect(mapServerAction({ ...first, xml_id: '' }, names).xmlId).toBeNull();
    const automationAction = actions.find((a) => a.automationId === 1)!;
    expect(automationAction.usage).toBe('base_automation');
    const [automation] = records(series, objectFile('base.automation', 'search_read')).map((r) => mapAutomation(r, names));
    expect(automation).toMatchObject({
      name: 'Custom: Log VIP customer changes',
      model: 'res.partner',
      trigger: 'on_create_or_write',
      actionIds: [automationAction.id],
      lastRun: null,
      filterDomain: "[('customer_rank', '>', 100)]",
      triggerFieldIds: series === '18.0' ? [4219] : [],
    });
  });

  it('recognises the views no module owns', () => {
    const rows = records(series, objectFile('ir.ui.view', 'search_read.custom_qweb'));
    const custom = rows.filter(hasNoXmlId).map(mapView);
    expect(custom.map((v) => v.key)).toEqual(expect.arrayContaining(['x_custom.maintenance_banner', 'x_custom.invoice_footer']));
    expect(custom).toHaveLength(3);
    expect(custom.every((v) => v.xmlId === null && v.arch !== null)).toBe(true);
    expect(custom.find((v) => v.inheritId !== null)?.arch).toContain('t-call="x_custom.maintenance_banner"');
  });

  it('maps companies', () => {
    const companies = records(series, objectFile('res.company', 'search_read')).map(mapCompany);
    expect(companies).toContainEqual({ id: 2, name: 'Pulse Subsidiary Ltd', active: true, country: null });
    expect(companies.find((c) => c.id === 1)?.country).toBe('United States');
  });
});

describe('read_group counts', () => {
  it('reads lazy <field>_count, __count and Many2one group values', () => {
    expect(countsByGroup([{ state: 'sent', state_count: 4 }, { state: false, state_count: 1 }], 'state')).toEqual({ sent: 4, none: 1 });
    expect(countsByGroup([{ company_id: [1, 'YourCompany'], __count: 7 }], 'company_id')).toEqual({ YourCompany: 7 });
  });
});
