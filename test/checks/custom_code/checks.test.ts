/**
 * The custom code dimension's live checks: what the database says about the code it holds. The code's
 * content goes through the source-code analyser's rules (test/engine/stored-code.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { actionProvenance } from '../../../server/src/checks/custom_code/actions.ts';
import { automationOnHotModel } from '../../../server/src/checks/custom_code/automation-on-hot-model.ts';
import { databasePythonCode } from '../../../server/src/checks/custom_code/database-python-code.ts';
import { viewWithoutXmlId } from '../../../server/src/checks/custom_code/view-without-xml-id.ts';
import { factsWith } from '../../support/facts.ts';
import { run } from '../support/records.ts';
import { NIGHTLY_CLEANUP, WMS_18 } from '../cron_health/crons.ts';
import { automation, FIXTURE_ACTIONS_18, FIXTURE_VIEWS_18, FLAG_PARTNERS, VIP_AUTOMATION, VIP_LOG_ACTION, view, WEBSITE_ANALYTICS, WMS_ACTION } from './records.ts';

describe('which server actions are custom code', () => {
  it('trusts the XML id when it was collected', () => {
    expect(actionProvenance({ ...WEBSITE_ANALYTICS, xmlId: 'website.action_website_analytics' }).provenance).toBe('module');
    expect(actionProvenance({ ...FLAG_PARTNERS, xmlId: null }).provenance).toBe('custom');
  });

  it('without XML ids, counts automation actions and crons run by a person as custom, the rest as unknown', () => {
    expect(actionProvenance(VIP_LOG_ACTION).provenance).toBe('custom');
    expect(actionProvenance(WMS_ACTION, [WMS_18]).provenance).toBe('custom');
    expect(actionProvenance(WMS_ACTION, [{ ...WMS_18, userId: 1, userName: 'OdooBot' }]).provenance).toBe('unknown');
    expect(actionProvenance(FLAG_PARTNERS).provenance).toBe('unknown');
  });
});

describe('custom_code.view-without-xml-id', () => {
  it('lists each view made in the database as information', () => {
    const result = run(viewWithoutXmlId, factsWith({ customViews: FIXTURE_VIEWS_18 }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['1799', '1800', '1802', '1803']);
    expect(result.findings.every((f) => f.severity === 'info')).toBe(true);
    expect(result.findings[1].message).toBe("QWeb view 'x_custom_login_banner' (inherits view #192) has no XML id: it was made in the database.");
    expect(result.findings[3].message).toBe("form view 'res.partner.form.x_custom' (inherits view #130) on res.partner has no XML id: it was made in the database.");
  });

  it('passes when there is none, and leaves out pages built with the website editor', () => {
    expect(run(viewWithoutXmlId, factsWith({ customViews: [] })).status).toBe('passed');
    const page = view({ id: 9, name: 'Promotions', key: 'website.promotions', arch: '<t name="Promotions" t-name="website.promotions"><t t-call="website.layout"><div id="wrap"/></t></t>' });
    expect(run(viewWithoutXmlId, factsWith({ customViews: [page] })).status).toBe('passed');
  });
});

describe('custom_code.python-code-in-database', () => {
  it("lists the fixture's custom crons and automation code, not Odoo's actions", () => {
    const result = run(databasePythonCode, factsWith({ serverActions: FIXTURE_ACTIONS_18, crons: [WMS_18, NIGHTLY_CLEANUP] }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['376', '377', '380']);
    expect(result.findings[0].message).toBe(
      "Cron 'Custom: Sync stock levels from WMS' runs 1 line of Python stored in the database (its cron runs as Mitchell Admin, not OdooBot).",
    );
    expect(result.findings[2].message).toContain('(it runs for automation rule #1)');
  });

  it('lists a plain server action once its missing XML id is known', () => {
    const result = run(databasePythonCode, factsWith({ serverActions: [{ ...FLAG_PARTNERS, xmlId: null }, { ...WEBSITE_ANALYTICS, xmlId: 'website.x' }], crons: [] }));
    expect(result.findings.map((f) => f.object.key)).toEqual(['379']);
  });
});

describe('custom_code.automation-on-every-write', () => {
  it('reports the fixture rule that runs on every save of contacts', () => {
    const [finding] = run(automationOnHotModel, factsWith({ automations: [VIP_AUTOMATION] })).findings;
    expect(finding.object).toEqual({ kind: 'automation', key: '1', label: 'Custom: Log VIP customer changes' });
    expect(finding.message).toBe(
      "Automation rule 'Custom: Log VIP customer changes' runs on every creation and update of res.partner (its trigger fields were not collected), 1 action each time.",
    );
  });

  it('passes for rules limited to trigger fields, on quiet models, or time-based', () => {
    const automations = [
      { ...VIP_AUTOMATION, triggerFieldIds: [4219] },
      automation({ id: 2, name: 'Note on new tag', model: 'res.partner.category' }),
      automation({ id: 3, name: 'Remind', trigger: 'on_time', model: 'sale.order' }),
      { ...VIP_AUTOMATION, id: 4, active: false },
    ];
    expect(run(automationOnHotModel, factsWith({ automations })).status).toBe('passed');
  });
});

describe('view helper', () => {
  it('labels a view by its key when it has one', () => {
    expect(run(viewWithoutXmlId, factsWith({ customViews: [view({ id: 5, name: 'v' })] })).findings[0].object.label).toBe('v');
  });
});
