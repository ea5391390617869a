/**
 * Code stored in the database goes through the source-code analyser's rules in every scan: server
 * action, automation and cron code (the `serverActions` fact) and the arch of views without an XML id
 * (`customViews`). One problem is one finding, about the record, at the line of its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateFacts } from '../../server/src/engine/evaluate.ts';
import { scanInstance } from '../../server/src/engine/scan.ts';
import type { OdooRecord } from '../support/odoo-double/index.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { factsWith } from '../support/facts.ts';
import { FIXTURE_ACTIONS_18, FIXTURE_VIEWS_18, FLAG_PARTNERS, view } from '../checks/custom_code/records.ts';

const RECORDED_AT = new Date('2026-12-04T19:35:00.000Z');

describe.each(['17.0', '18.0'] as const)('database-stored code on the %s double', (series) => {
  let odoo: OdooDouble;
  beforeAll(async () => {
    odoo = await startOdooDouble({ series });
  });
  afterAll(() => odoo?.close());

  const scan = () =>
    scanInstance({
      target: { url: odoo.url, database: odoo.database, login: odoo.admin.login, protocol: 'xmlrpc' },
      secret: odoo.admin.password,
      secretKind: 'password',
      collectors: ['api'],
      now: RECORDED_AT,
    });

  it('puts every recorded server action through the rules, and nothing in them is a problem', async () => {
    const { facts, code, results, pulse } = await scan();
    // The recordings do not say which actions come from a module, so all of them are read.
    const actions = facts.serverActions.status === 'collected' ? facts.serverActions.value : [];
    expect(code.storedCode.serverActions).toBe(actions.filter((a) => a.state === 'code' && a.code).length);
    expect(code.storedCode.serverActions).toBeGreaterThan(50);
    // The custom crons log and raise a plain UserError (no translation exists for code outside a
    // module), the automation logs, and Odoo's own actions only read configuration with sudo().
    expect(pulse.findings.filter((f) => f.object.file?.startsWith('db://'))).toEqual([]);
    expect(code.problems).toEqual([]);
    expect(results.find((r) => r.checkId === 'custom_code.sql-injection')?.status).toBe('passed');
    expect(results.find((r) => r.checkId === 'custom_code.sudo-in-database-code')?.status).toBe('passed');
    expect(results.some((r) => r.checkId.startsWith('custom_code.translation-'))).toBe(false);
    // The double cannot list every view: the view rules say so instead of passing.
    expect(results.find((r) => r.checkId === 'custom_code.qweb-t-raw')).toMatchObject({ status: 'not_assessed', reason: expect.stringMatching(/^customViews: /) });
  });

  it('finds what is wrong in a custom cron once, on the record, at the line, with a fingerprint that survives edits above it', async () => {
    const action = odoo.data['ir.actions.server'].find((r: OdooRecord) => r.name === 'Custom: Nightly partner cleanup')!;
    const recorded = action.code;
    const risky =
      "partners = env['res.partner'].sudo().search([('email', '=', False)])\n" +
      "query = \"UPDATE res_partner SET comment = 'no email' WHERE id IN %s\" % str(tuple(partners.ids))\n" +
      'env.cr.execute(query)\n' +
      'env.cr.commit()\n';
    action.code = risky;
    try {
      const first = await scan();
      const about = first.pulse.findings.filter((f) => f.object.kind === 'server_action' && f.object.key.startsWith(`${action.id}|`));
      expect(about.map((f) => `${f.checkId} line ${f.object.line}`).sort()).toEqual([
        'custom_code.invalid-commit line 4',
        'custom_code.sql-injection line 3',
        'custom_code.sudo-in-database-code line 1',
      ]);
      for (const finding of about) {
        expect(finding.object).toMatchObject({ label: 'Custom: Nightly partner cleanup', file: `db://ir.actions.server/${action.id}` });
      }
      // The live check about the database itself still lists the action, once.
      expect(first.pulse.findings.filter((f) => f.object.key === String(action.id)).map((f) => f.checkId)).toEqual(['custom_code.python-code-in-database']);

      action.code = `# nightly clean-up of contacts without e-mail\n${risky}`;
      const second = await scan();
      const again = second.pulse.findings.filter((f) => f.object.key.startsWith(`${action.id}|`));
      expect(again.map((f) => f.fingerprint).sort()).toEqual(about.map((f) => f.fingerprint).sort());
      expect(again.map((f) => f.object.line).sort()).toEqual([2, 4, 5]);
    } finally {
      action.code = recorded;
    }
  });
});

describe('database-stored code in the facts', () => {
  it('reads the arch of active views without an XML id, and the code of actions not known to come from a module', async () => {
    const banner = { ...FIXTURE_VIEWS_18[0], arch: '<t t-name="x_custom.maintenance_banner">\n  <div t-raw="website.x_banner_html"/>\n</t>' };
    const archived = view({ id: 1900, name: 'x_old_banner', active: false, arch: '<div t-raw="x"/>' });
    const fromModule = { ...FLAG_PARTNERS, id: 500, xmlId: 'x_wms.action_flag', code: 'env.cr.commit()\n' };
    const { pulse, code } = await evaluateFacts(
      factsWith({ serverActions: [...FIXTURE_ACTIONS_18, fromModule], customViews: [banner, archived, ...FIXTURE_VIEWS_18.slice(1)], crons: [] }, { series: '18.0' }),
    );
    expect(code.storedCode).toEqual({ serverActions: FIXTURE_ACTIONS_18.length, views: FIXTURE_VIEWS_18.length });
    const fromCode = pulse.findings.filter((f) => f.object.file?.startsWith('db://'));
    expect(fromCode.map((f) => [f.checkId, f.object.kind, f.object.label, f.object.file, f.object.line])).toEqual([
      ['custom_code.qweb-t-raw', 'view', 'x_custom.maintenance_banner', 'db://ir.ui.view/1799', 2],
    ]);
  });
});
