import { describe, expect, it } from 'vitest';
import { aclWithoutGroup } from '../../../server/src/checks/permissions/acl-without-group.ts';
import { globalRecordRulesDisabled } from '../../../server/src/checks/permissions/global-record-rules-disabled.ts';
import { modelsWithoutAccessRules } from '../../../server/src/checks/permissions/models-without-access-rules.ts';
import { portalAclWriteAccess } from '../../../server/src/checks/permissions/portal-acl-write-access.ts';
import { factsWith } from '../../support/facts.ts';
import { acl, GROUPS_18, model, module, MODULES_18, rule, run } from '../support/records.ts';

const portal = { groupId: 10, groupName: 'User types / Portal' };
const publicGroup = { groupId: 11, groupName: 'User types / Public' };

// Models, ACLs and rules as recorded in the 18.0 fixture database (ids included).
const MODELS = [
  model({ id: 20, model: 'ir.filters', name: 'Filters' }),
  model({ id: 150, model: 'mail.message', name: 'Message', modules: 'mail' }),
  model({ id: 151, model: 'bus.presence', name: 'User Presence', modules: 'bus' }),
  model({ id: 152, model: 'res.users.identitycheck', name: 'Password Check Wizard', transient: true }),
  model({ id: 160, model: 'x_vendor_rating', name: 'Vendor rating', state: 'manual', modules: '' }),
  model({ id: 170, model: 'sale.order', name: 'Sales Order', modules: 'sale' }),
];
const FIXTURE_ACLS = [
  acl({ id: 114, modelId: 20, model: 'ir.filters', name: 'ir_filters all', ...portal, write: true, create: true, unlink: true }),
  acl({ id: 115, modelId: 20, model: 'ir.filters', name: 'ir_filters all', ...publicGroup, write: true, create: true, unlink: true }),
  acl({ id: 198, modelId: 150, model: 'mail.message', name: 'mail.message.portal', ...portal, write: true, create: true, unlink: true }),
  acl({ id: 157, modelId: 151, model: 'bus.presence', name: 'bus.presence', ...portal, write: true, create: true, unlink: true }),
  acl({ id: 90, modelId: 152, model: 'res.users.identitycheck', name: 'id check portal', ...portal, write: true, create: true }),
  acl({ id: 300, modelId: 170, model: 'sale.order', name: 'sale.order.user' }),
];
const FIXTURE_RULES = [rule({ id: 40, modelId: 20, name: 'ir.filter: portal/public', global: false, groupIds: [10, 11] })];

describe('permissions.portal-acl-write-access', () => {
  const base = { groups: GROUPS_18, models: MODELS, recordRules: FIXTURE_RULES };

  it('passes on the standard Odoo grants: ruled, code-protected or transient models', () => {
    expect(run(portalAclWriteAccess, factsWith({ ...base, accessRules: FIXTURE_ACLS })).status).toBe('passed');
  });

  it('fires for portal write on a model no rule restricts', () => {
    const accessRules = [...FIXTURE_ACLS, acl({ id: 900, modelId: 170, model: 'sale.order', name: 'sale.order.portal.write', ...portal, write: true })];
    const [finding] = run(portalAclWriteAccess, factsWith({ ...base, accessRules })).findings;
    expect(finding.message).toBe('Access right "sale.order.portal.write" lets portal users write every sale.order record: no record rule restricts it.');
    expect(finding.object).toEqual({ kind: 'access_rule', key: '900', label: 'sale.order.portal.write' });
  });

  it('counts a rule only for the operations it covers', () => {
    const accessRules = [acl({ id: 901, modelId: 170, model: 'sale.order', ...publicGroup, write: true, unlink: true })];
    const readOnlyRule = [rule({ id: 41, modelId: 170, global: true, write: true, unlink: false, create: false })];
    const [finding] = run(portalAclWriteAccess, factsWith({ ...base, accessRules, recordRules: readOnlyRule })).findings;
    expect(finding.evidence.unrestricted).toEqual(['unlink']);
    expect(finding.message).toContain('anonymous (public) users delete');
  });
});

describe('permissions.acl-without-group', () => {
  it('fires for a group-less row granting changes, high without a global rule', () => {
    const accessRules = [acl({ id: 500, modelId: 170, model: 'sale.order', name: 'sale.order everyone', groupId: null, groupName: null, write: true, unlink: true })];
    const [finding] = run(aclWithoutGroup, factsWith({ accessRules, recordRules: [], models: MODELS })).findings;
    expect(finding).toMatchObject({ severity: 'high', object: { key: '500' } });
    expect(finding.message).toContain('write, delete sale.order records');
  });

  it('is medium when global rules restrict every granted operation', () => {
    const accessRules = [acl({ id: 500, modelId: 170, groupId: null, groupName: null, write: true })];
    const recordRules = [rule({ id: 2, modelId: 170, global: true })];
    expect(run(aclWithoutGroup, factsWith({ accessRules, recordRules, models: MODELS })).findings[0].severity).toBe('medium');
  });

  it('passes for read-only group-less rows (19 of them in the fixture) and transient models', () => {
    const accessRules = [
      acl({ id: 501, modelId: 170, groupId: null, groupName: null }),
      acl({ id: 502, modelId: 152, groupId: null, groupName: null, write: true, create: true }),
    ];
    expect(run(aclWithoutGroup, factsWith({ accessRules, recordRules: [], models: MODELS })).status).toBe('passed');
  });
});

describe('permissions.models-without-access-rules', () => {
  const mixin = model({ id: 300, model: 'mail.thread', name: 'Email Thread', modules: 'mail, portal, sms' });
  const qweb = model({ id: 301, model: 'ir.qweb.field.html', name: 'Qweb Field HTML', modules: 'base, web_editor' });

  it("ignores Odoo's abstract models, which never have access rights", () => {
    const facts = factsWith({ models: [...MODELS.filter((m) => m.state !== 'manual'), mixin, qweb], accessRules: [], modules: MODULES_18 });
    expect(run(modelsWithoutAccessRules, facts).status).toBe('passed');
  });

  it('reports a model created in the UI without access rights (medium)', () => {
    const facts = factsWith({ models: MODELS, accessRules: [acl({ id: 1, modelId: 170 })], modules: MODULES_18 });
    const findings = run(modelsWithoutAccessRules, facts).findings.filter((f) => f.object.key === 'x_vendor_rating');
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('medium');
  });

  it('reports a concrete-looking model only custom modules define (low)', () => {
    const models = [model({ id: 400, model: 'wms.sync.job', name: 'WMS sync job', modules: 'custom_wms' })];
    const modules = [...MODULES_18, module('custom_wms', { author: 'Acme Integrations' })];
    const [finding] = run(modelsWithoutAccessRules, factsWith({ models, accessRules: [], modules })).findings;
    expect(finding).toMatchObject({ severity: 'low', object: { kind: 'model', key: 'wms.sync.job' } });
    const abstract = [model({ id: 401, model: 'custom_wms.sync.mixin', modules: 'custom_wms' })];
    expect(run(modelsWithoutAccessRules, factsWith({ models: abstract, accessRules: [], modules })).status).toBe('passed');
  });

  it('counts an archived access right as none', () => {
    const models = [model({ id: 160, model: 'x_vendor_rating', state: 'manual', modules: '' })];
    const accessRules = [acl({ id: 1, modelId: 160, active: false })];
    expect(run(modelsWithoutAccessRules, factsWith({ models, accessRules, modules: MODULES_18 })).findings).toHaveLength(1);
    expect(run(modelsWithoutAccessRules, factsWith({ models, accessRules: [{ ...accessRules[0], active: true }], modules: MODULES_18 })).status).toBe('passed');
  });
});

describe('permissions.global-record-rules-disabled', () => {
  it('fires for an archived global rule, showing what it restricted', () => {
    const recordRules = [rule({ id: 2, modelId: 87, model: 'res.partner', name: 'res.partner company', active: false, domain: "[('company_id', 'in', company_ids)]" })];
    const [finding] = run(globalRecordRulesDisabled, factsWith({ recordRules })).findings;
    expect(finding.message).toBe(`Global record rule "res.partner company" on res.partner is disabled; it restricted records to [('company_id', 'in', company_ids)].`);
  });

  it('passes for active rules and archived group rules', () => {
    const recordRules = [rule({ id: 2, modelId: 87 }), rule({ id: 3, modelId: 87, active: false, global: false, groupIds: [1] })];
    expect(run(globalRecordRulesDisabled, factsWith({ recordRules })).status).toBe('passed');
  });
});
