/**
 * `odoo-pulse scan --addons PATH`: the instance's source analysed with the live scan, in the three
 * output formats, replayed with --facts, and refused in one line when the path is wrong. In-process
 * against the 17.0 double, where pulse_demo_bad (test/fixtures/addons) is installed and
 * pulse_demo_good is not.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanReportErrors } from '../report/schema.ts';
import { expectSarif210 } from '../report/sarif-shape.ts';
import type { SarifLog } from '../../server/src/report/sarif.ts';
import { addModules } from '../support/odoo-modules.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { expectNoStack, runInProcess, tempDir } from './support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tmp = tempDir();
let odoo: OdooDouble;

beforeAll(async () => {
  odoo = await startOdooDouble({ series: '17.0' });
  addModules(odoo, [
    { name: 'pulse_demo_bad', state: 'installed' },
    { name: 'pulse_demo_good', state: 'uninstalled' },
  ]);
});
afterAll(async () => {
  await odoo?.close();
  tmp.cleanup();
});

const live = () => [odoo.url, '--db', odoo.database, '--user', odoo.admin.login, '--password', odoo.admin.password, '--no-http'];

describe('odoo-pulse scan --addons', () => {
  const factsFile = join(tmp.dir, 'facts.json');
  let report: Record<string, any>; // the JSON report, read as a user's tool would

  beforeAll(async () => {
    const run = await runInProcess(['scan', ...live(), '--addons', 'test/fixtures/addons', '--format', 'json', '--save-facts', factsFile], { cwd: ROOT });
    expect(run.code, run.stderr).toBe(0);
    report = JSON.parse(run.stdout);
  });

  it('writes a JSON report, valid against the schema, scoring the installed module and listing the other as not scored', () => {
    expect(scanReportErrors(report)).toEqual([]);
    const files = report.pulse.findings.map((f: { object: { file?: string } }) => f.object.file).filter(Boolean);
    expect(files.some((file: string) => file.startsWith('pulse_demo_bad/'))).toBe(true);
    expect(report.code.addonsPaths).toEqual(['test/fixtures/addons']);
    expect(report.code.modules.map((m: { name: string; scored: boolean }) => [m.name, m.scored])).toEqual([
      ['pulse_demo_bad', true],
      ['pulse_demo_good', false],
    ]);
    const customCode = report.pulse.dimensions.find((d: { dimension: string }) => d.dimension === 'custom_code');
    expect(customCode.findingCount).toBeGreaterThan(10);
  });

  it('re-scores the saved facts with the same source to the same report', async () => {
    const replay = await runInProcess(['scan', '--facts', factsFile, '--addons', 'test/fixtures/addons', '--format', 'json'], { cwd: ROOT });
    expect(replay.code, replay.stderr).toBe(0);
    const again = JSON.parse(replay.stdout);
    expect(again.pulse).toEqual(report.pulse);
    expect(again.code).toEqual(report.code);
    // Without the source, the same facts score the database-stored code only.
    const alone = JSON.parse((await runInProcess(['scan', '--facts', factsFile, '--format', 'json'], { cwd: ROOT })).stdout);
    expect(alone.pulse.score).toBeGreaterThanOrEqual(report.pulse.score);
    expect(alone.pulse.findings.some((f: { object: { file?: string } }) => f.object.file?.startsWith('pulse_demo_bad/'))).toBe(false);
  });

  it('writes SARIF whose source results point at files of the checkout, line and column', async () => {
    const run = await runInProcess(['scan', '--facts', factsFile, '--addons', 'test/fixtures/addons', '--format', 'sarif'], { cwd: ROOT });
    expect(run.code, run.stderr).toBe(0);
    const log = JSON.parse(run.stdout) as SarifLog;
    expectSarif210(log);
    const sarifRun = log.runs[0];
    expect(sarifRun.originalUriBaseIds?.['%SRCROOT%'].uri).toBe(`file://${ROOT.endsWith('/') ? ROOT : `${ROOT}/`}`);
    const commit = sarifRun.results.find((r) => r.ruleId === 'custom_code.invalid-commit')!;
    expect(commit.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'test/fixtures/addons/pulse_demo_bad/models/order.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: expect.any(Number), startColumn: expect.any(Number) },
    });
    const rule = sarifRun.tool.driver.rules.find((r) => r.id === 'custom_code.invalid-commit');
    expect(rule?.shortDescription.text).toMatch(/cr\.commit\(\)/);
    // Live findings keep their logical locations.
    expect(sarifRun.results.find((r) => r.ruleId === 'security.database-list-exposed')).toBeUndefined(); // --no-http
    expect(sarifRun.results.find((r) => r.ruleId === 'custom_code.python-code-in-database')?.locations[0].logicalLocations?.[0].fullyQualifiedName).toMatch(/^server_action:/);
  });

  it('prints, as text, which modules were analysed and which are only reported', async () => {
    const remove = addModules(odoo, [{ name: 'pulse_demo_bad', state: 'uninstalled' }]);
    try {
      const run = await runInProcess(['scan', ...live(), '--addons', 'test/fixtures/addons'], { cwd: ROOT });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Source analysed \(--addons test\/fixtures\/addons\): 2 modules, \d+ files, \d+ lines, rules for Odoo 17\.0$/m);
      expect(run.stdout).toMatch(/^ {2}pulse_demo_bad\s+17\.0\.1\.0\.0\s+uninstalled: reported, not scored$/m);
      expect(run.stdout).toMatch(/^Findings in modules the instance does not run \(\d+\): reported, not scored$/m);
      expect(run.stdout).toMatch(/^ {2}HIGH\s+file pulse_demo_bad\/models\/order\.py:\d+:\d+: /m);
      // The double cannot list every view (see its README): the text says so rather than "0 views".
      expect(run.stdout).toMatch(/^Database code analysed: \d+ server actions, views not collected$/m);
    } finally {
      remove();
      addModules(odoo, [{ name: 'pulse_demo_bad', state: 'installed' }]);
    }
  });

  it('refuses a path that does not exist or holds no module in one line, before connecting', async () => {
    const calls = odoo.calls.length;
    mkdirSync(join(tmp.dir, 'empty'), { recursive: true });
    for (const [path, message] of [
      ['no/such/dir', 'odoo-pulse: The addons path no/such/dir does not exist.'],
      [join(tmp.dir, 'empty'), `odoo-pulse: no Odoo module found under ${join(tmp.dir, 'empty')} (a module is a folder with a __manifest__.py)`],
      [join(ROOT, 'package.json'), `odoo-pulse: The addons path ${join(ROOT, 'package.json')} is not a directory.`],
    ]) {
      const run = await runInProcess(['scan', ...live(), '--addons', path], { cwd: ROOT });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim()).toBe(message);
      expectNoStack(run.stderr);
    }
    expect(odoo.calls.length).toBe(calls);
  });
});
