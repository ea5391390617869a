/**
 * A live scan with the instance's source (`scan --addons`): the module list of the scan decides what
 * is scored. On the 17.0 double with the fixture addons (test/fixtures/addons): pulse_demo_bad is the
 * module with deliberate problems, pulse_demo_good a clean one.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../../server/src/checks/types.ts';
import { mergeResults } from '../../server/src/engine/code.ts';
import { evaluateFacts, rescoreFacts, type EvaluateOptions, type ScanOutcome } from '../../server/src/engine/evaluate.ts';
import { scanInstance } from '../../server/src/engine/scan.ts';
import { addModules, type CustomModule } from '../support/odoo-modules.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';

const RECORDED_AT = new Date('2026-12-04T19:35:00.000Z');
const ADDONS = { paths: ['test/fixtures/addons'], cwd: fileURLToPath(new URL('../../', import.meta.url)) };

let odoo: OdooDouble;
beforeAll(async () => {
  odoo = await startOdooDouble({ series: '17.0' });
});
afterAll(() => odoo?.close());

async function scanWith(modules: CustomModule[], evaluate: EvaluateOptions = { addons: ADDONS }): Promise<ScanOutcome> {
  const remove = addModules(odoo, modules);
  try {
    return await scanInstance(
      { target: { url: odoo.url, database: odoo.database, login: odoo.admin.login, protocol: 'xmlrpc' }, secret: odoo.admin.password, secretKind: 'password', collectors: ['api'], now: RECORDED_AT },
      undefined,
      evaluate,
    );
  } finally {
    remove();
  }
}

const customCode = (scan: ScanOutcome) => scan.pulse.dimensions.find((d) => d.dimension === 'custom_code')!;
const inModule = (findings: readonly Finding[], module: string) => findings.filter((f) => f.object.file?.startsWith(`${module}/`));

describe('scan --addons on the 17.0 double', () => {
  let installed: ScanOutcome;
  let notInstalled: ScanOutcome;
  let withoutSource: ScanOutcome;

  beforeAll(async () => {
    installed = await scanWith([{ name: 'pulse_demo_bad', state: 'installed' }, { name: 'pulse_demo_good', state: 'installed' }]);
    notInstalled = await scanWith([{ name: 'pulse_demo_bad', state: 'uninstalled' }, { name: 'pulse_demo_good', state: 'installed' }]);
    withoutSource = await scanWith([{ name: 'pulse_demo_bad', state: 'uninstalled' }], {});
  });

  it('scores the code of an installed module with the live checks, in the Custom code dimension', () => {
    const found = inModule(installed.pulse.findings, 'pulse_demo_bad');
    expect(found.map((f) => f.checkId)).toEqual(
      expect.arrayContaining(['custom_code.sql-injection', 'custom_code.invalid-commit', 'custom_code.csrf-disabled-public-route', 'custom_code.qweb-t-raw']),
    );
    expect(found.every((f) => f.object.label === 'pulse_demo_bad' && f.object.line !== undefined)).toBe(true);
    expect(customCode(installed).score).toBeLessThan(customCode(notInstalled).score!);
    expect(installed.code.modules.map((m) => [m.name, m.state, m.scored])).toEqual([
      ['pulse_demo_bad', 'installed', true],
      ['pulse_demo_good', 'installed', true],
    ]);
    expect(installed.report.code?.unscored).toEqual([]);
  });

  it('reports the code of a module that is not installed without scoring it', () => {
    expect(inModule(notInstalled.pulse.findings, 'pulse_demo_bad')).toEqual([]);
    const unscored = notInstalled.code.unscored;
    expect(unscored.map((f) => f.fingerprint).sort()).toEqual(inModule(installed.pulse.findings, 'pulse_demo_bad').map((f) => f.fingerprint).sort());
    expect(notInstalled.code.modules.find((m) => m.name === 'pulse_demo_bad')).toMatchObject({ state: 'uninstalled', scored: false });
    // Code that does not run costs nothing: Custom code scores as if the source had not been given.
    expect(customCode(notInstalled).score).toBe(customCode(withoutSource).score);
  });

  it("makes an installed custom module whose source is missing a finding, never one of Odoo's own modules", async () => {
    const scan = await scanWith([
      { name: 'pulse_demo_bad', state: 'installed' },
      { name: 'acme_wms_connector', state: 'installed', author: 'Acme Integrations' },
      { name: 'acme_old_theme', state: 'uninstalled', author: 'Acme Integrations' },
      { name: 'web_enterprise', state: 'installed', author: 'Odoo S.A.' },
    ]);
    const missing = scan.pulse.findings.filter((f) => f.checkId === 'module_health.installed-module-source-missing');
    expect(missing.map((f) => f.object)).toEqual([{ kind: 'module', key: 'acme_wms_connector', label: 'acme_wms_connector' }]);
    expect(missing[0].dimension).toBe('module_health');
    // The 60 installed modules of the recorded database are Odoo's own: none is reported.
    expect(scan.facts.modules.status === 'collected' && scan.facts.modules.value.filter((m) => m.state === 'installed').length).toBeGreaterThan(60);
  });

  it('without --addons, does not ask for source it was not given', () => {
    expect(withoutSource.results.find((r) => r.checkId === 'module_health.installed-module-source-missing')).toBeUndefined();
    expect(withoutSource.code).toMatchObject({ addonsPaths: [], modules: [], stats: null, unscored: [] });
  });

  it('gives the same score and findings when the saved facts are replayed with the same source', async () => {
    const replay = await rescoreFacts(JSON.parse(JSON.stringify(installed.facts)), { addons: ADDONS });
    expect(replay.pulse).toEqual(installed.pulse);
    expect(replay.code).toEqual(installed.code);
    const replayNotInstalled = await evaluateFacts(notInstalled.facts, { addons: ADDONS });
    expect(replayNotInstalled.pulse.score).toBe(notInstalled.pulse.score);
  });

  it('says why the installed-module rule was not assessed when the module list could not be read', async () => {
    const facts = structuredClone(installed.facts);
    facts.modules = { status: 'not_collected', reason: 'access denied on ir.module.module' };
    const { results, code } = await evaluateFacts(facts, { addons: ADDONS });
    expect(results.find((r) => r.checkId === 'module_health.installed-module-source-missing')).toMatchObject({
      status: 'not_assessed',
      reason: 'modules: access denied on ir.module.module',
    });
    // Without a module list every analysed module counts.
    expect(code.modules.every((m) => m.scored)).toBe(true);
  });
});

describe('one result per rule, whatever code it read', () => {
  const result = (status: CheckResult['status'], findings: Finding[] = [], reason?: string): CheckResult => ({
    checkId: 'custom_code.invalid-commit', dimension: 'custom_code', status, findings, ...(reason ? { reason } : {}),
  });
  const finding = (key: string) => ({ checkId: 'custom_code.invalid-commit', object: { kind: 'file', key } }) as Finding;

  it('keeps the findings of every source, and the most telling outcome otherwise', () => {
    const stored = result('failed', [finding('db')]);
    const source = result('failed', [finding('file')]);
    expect(mergeResults([stored], [source])).toEqual([result('failed', [finding('db'), finding('file')])]);
    expect(mergeResults([result('not_assessed', [], 'serverActions: denied')], [result('passed')])).toEqual([result('passed')]);
    expect(mergeResults([result('not_applicable', [], 'does not apply')], [result('not_assessed', [], 'serverActions: denied')])).toEqual([
      result('not_assessed', [], 'serverActions: denied'),
    ]);
  });
});
