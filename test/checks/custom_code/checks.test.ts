import { describe, expect, it } from 'vitest';
import { actionProvenance } from '../../../server/src/checks/custom_code/actions.ts';
import { automationOnHotModel } from '../../../server/src/checks/custom_code/automation-on-hot-model.ts';
import { databasePythonCode } from '../../../server/src/checks/custom_code/database-python-code.ts';
import { dynamicEvaluation } from '../../../server/src/checks/custom_code/dynamic-evaluation.ts';
import { formattedSql } from '../../../server/src/checks/custom_code/formatted-sql.ts';
import { hardcodedSecret } from '../../../server/src/checks/custom_code/hardcoded-secret.ts';
import { sudoInCode } from '../../../server/src/checks/custom_code/sudo-in-code.ts';
import { transactionControl } from '../../../server/src/checks/custom_code/transaction-control.ts';
import { unescapedQwebOutput } from '../../../server/src/checks/custom_code/unescaped-qweb-output.ts';
import { viewWithoutXmlId } from '../../../server/src/checks/custom_code/view-without-xml-id.ts';
import { factsWith } from '../../support/facts.ts';
import { run } from '../support/records.ts';
import { NIGHTLY_CLEANUP, WMS_18 } from '../cron_health/crons.ts';
import { action, automation, FIXTURE_ACTIONS_18, FIXTURE_VIEWS_18, FLAG_PARTNERS, VIP_AUTOMATION, VIP_LOG_ACTION, view, WEBSITE_ANALYTICS, WMS_ACTION } from './records.ts';

const SYNC_WITH_COMMIT = action({
  id: 401,
  name: 'Custom: Push orders to WMS',
  usage: 'ir_cron',
  code: "orders = env['sale.order'].sudo().search([('x_wms_sent', '=', False)])\nfor order in orders:\n    order.x_wms_sent = True\n    env.cr.commit()\n",
});

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

describe('custom_code.sudo-in-database-code', () => {
  it('reports a custom action that escalates with sudo(), with the line', () => {
    const result = run(sudoInCode, factsWith({ serverActions: [...FIXTURE_ACTIONS_18, SYNC_WITH_COMMIT] }));
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding.object).toMatchObject({ kind: 'server_action', key: '401', label: 'Custom: Push orders to WMS', line: 1 });
    expect(finding.message).toBe("Cron 'Custom: Push orders to WMS' calls sudo() on line 1.");
  });

  it("passes on the fixture's actions and skips module actions known by their XML id", () => {
    expect(run(sudoInCode, factsWith({ serverActions: FIXTURE_ACTIONS_18 })).status).toBe('passed');
    const fromModule = { ...SYNC_WITH_COMMIT, xmlId: 'x_wms.cron_push_orders' };
    expect(run(sudoInCode, factsWith({ serverActions: [fromModule] })).status).toBe('passed');
  });
});

describe('custom_code.transaction-control-in-database-code', () => {
  it('reports cr.commit() in a custom cron', () => {
    const [finding] = run(transactionControl, factsWith({ serverActions: [...FIXTURE_ACTIONS_18, SYNC_WITH_COMMIT] })).findings;
    expect(finding.message).toBe("Cron 'Custom: Push orders to WMS' calls cr.commit() on line 4.");
    expect(finding.severity).toBe('high');
  });

  it("passes on the fixture's actions", () => {
    expect(run(transactionControl, factsWith({ serverActions: FIXTURE_ACTIONS_18 })).status).toBe('passed');
  });
});

describe('custom_code.dynamic-evaluation-in-database-code', () => {
  it('reports eval() in an automation action', () => {
    const evaluating = { ...VIP_LOG_ACTION, code: "for rec in records:\n    rec.x_score = eval(rec.x_formula)\n" };
    const [finding] = run(dynamicEvaluation, factsWith({ serverActions: [evaluating] })).findings;
    expect(finding.message).toBe("Action 'Execute Code' of automation rule #1 calls eval() on line 2.");
  });

  it("passes on the fixture's actions", () => {
    expect(run(dynamicEvaluation, factsWith({ serverActions: FIXTURE_ACTIONS_18 })).status).toBe('passed');
  });
});

describe('custom_code.formatted-sql-in-database-code', () => {
  it('reports a query built with % formatting', () => {
    const sql = { ...FLAG_PARTNERS, code: "env.cr.execute(\"UPDATE res_partner SET comment = 'no email' WHERE id IN %s\" % str(tuple(records.ids)))" };
    const [finding] = run(formattedSql, factsWith({ serverActions: [sql] })).findings;
    expect(finding.message).toBe("Server action 'Custom: Flag partners without email' runs a query built with % formatting on line 1.");
  });

  it('passes on parameterised queries', () => {
    const sql = { ...FLAG_PARTNERS, code: "env.cr.execute('UPDATE res_partner SET comment = %s WHERE id IN %s', ['no email', tuple(records.ids)])" };
    expect(run(formattedSql, factsWith({ serverActions: [...FIXTURE_ACTIONS_18, sql] })).status).toBe('passed');
  });
});

describe('custom_code.hardcoded-secret-in-database-code', () => {
  it('reports a token written in the code, without copying it into the finding', () => {
    const leaking = { ...WMS_ACTION, code: "import_token = 'f3a9c2e1d4b5a6978877'\nrequests_session = None\n" };
    const result = run(hardcodedSecret, factsWith({ serverActions: [leaking] }));
    expect(result.findings[0].message).toContain('import_token = <20 characters>');
    expect(JSON.stringify(result.findings)).not.toContain('f3a9c2e1d4b5a6978877');
  });

  it("passes on the fixture's actions, whose WMS token is a system parameter", () => {
    expect(run(hardcodedSecret, factsWith({ serverActions: FIXTURE_ACTIONS_18 })).status).toBe('passed');
  });
});

describe('custom_code.unescaped-output-in-custom-view', () => {
  it('reports a custom QWeb view using t-raw', () => {
    const banner = { ...FIXTURE_VIEWS_18[0], arch: '<t t-name="x_custom.maintenance_banner"><div t-raw="website.x_banner_html"/></t>' };
    const [finding] = run(unescapedQwebOutput, factsWith({ customViews: [banner, ...FIXTURE_VIEWS_18.slice(1)] })).findings;
    expect(finding.object).toMatchObject({ kind: 'view', key: '1799', label: 'x_custom.maintenance_banner', line: 1 });
    expect(finding.message).toBe("QWeb view 'x_custom_maintenance_banner' prints unescaped output: t-raw=\"website.x_banner_html\".");
  });

  it("passes on the fixture's views", () => {
    expect(run(unescapedQwebOutput, factsWith({ customViews: FIXTURE_VIEWS_18 })).status).toBe('passed');
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
