/**
 * `odoo-pulse code` as a CI step: the fixture addons in, text / JSON / SARIF out, exit codes for the
 * quality gate and for mistakes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/cli/dispatch.ts';
import type { CliIO } from '../../server/src/cli/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ADDONS = 'test/fixtures/addons';
const out = mkdtempSync(join(tmpdir(), 'pulse-code-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (c: Buffer) => (o += c.toString()));
  stderr.on('data', (c: Buffer) => (e += c.toString()));
  const io: CliIO = { stdout, stderr, env: {}, cwd: ROOT };
  const code = await runCli(['code', ...argv], io);
  return { code, stdout: o, stderr: e };
}

describe('odoo-pulse code', () => {
  it('prints findings grouped by module with the Custom code score', async () => {
    const { code, stdout } = await cli(ADDONS);
    expect(code).toBe(0);
    expect(stdout).toMatch(/2 module\(s\)/);
    expect(stdout).toMatch(/Odoo 17\.0 \(from the manifests\)/);
    expect(stdout).toMatch(/Custom code: \d+\/100/);
    const bad = stdout.indexOf('pulse_demo_bad');
    expect(bad).toBeGreaterThan(0);
    expect(stdout).not.toMatch(/^pulse_demo_good/m);
    expect(stdout.slice(bad)).toMatch(/HIGH\s+models\/order\.py:21:9\s+sql-injection/);
    expect(stdout).toMatch(/controllers\/main\.py:6:5\s+csrf-disabled-public-route/);
  });

  it('writes SARIF 2.1.0 that code scanning can place in the repository', async () => {
    const file = join(out, 'code.sarif');
    const { code, stdout } = await cli(ADDONS, '--format', 'sarif', '--output', file);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const sarif = JSON.parse(readFileSync(file, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    const sqli = run.results.find((r: { ruleId: string }) => r.ruleId === 'custom_code.sql-injection');
    expect(sqli.level).toBe('error');
    expect(sqli.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'test/fixtures/addons/pulse_demo_bad/models/order.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 21, startColumn: 9 },
    });
    expect(Object.values(sqli.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(run.tool.driver.rules[sqli.ruleIndex].id).toBe('custom_code.sql-injection');
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${ROOT}/`);
  });

  it('writes the JSON report with scored findings and the points they cost', async () => {
    const { code, stdout } = await cli(ADDONS, '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.stats.modules).toBe(2);
    expect(report.customCode.score).toBe(report.pulse.dimensions.find((d: { dimension: string }) => d.dimension === 'custom_code').score);
    expect(report.findings.every((f: { points: number }) => typeof f.points === 'number')).toBe(true);
    expect(report.findings.some((f: { object: { label: string } }) => f.object.label === 'pulse_demo_good')).toBe(false);
  });

  it('fails the gate with exit 3 when the score is below --fail-under, after writing the report', async () => {
    const failing = await cli(ADDONS, '--fail-under', '90');
    expect(failing.code).toBe(3);
    expect(failing.stdout).toMatch(/Custom code/);
    expect(failing.stderr).toMatch(/the Custom code score \d+ is below --fail-under 90/);
    const passing = await cli(`${ADDONS}/pulse_demo_good`, '--fail-under', '90');
    expect(passing.code).toBe(0);
  });

  it('applies the series given with --series', async () => {
    const { stdout } = await cli(ADDONS, '--series', '16', '--format', 'json');
    const report = JSON.parse(stdout);
    expect(report.series).toBe('16.0');
    expect(report.rules.find((r: { id: string }) => r.id === 'custom_code.view-attrs-removed').status).toBe('not_applicable');
  });

  it('answers mistakes with one line and exit 2', async () => {
    for (const [args, message] of [
      [['test/no/such/dir'], /addons path test\/no\/such\/dir does not exist/],
      [[], /give at least one addons path/],
      [[ADDONS, '--format', 'xml'], /--format must be text, json or sarif/],
      [[ADDONS, '--fail-under', 'high'], /--fail-under must be a number from 0 to 100/],
      [[ADDONS, '--series', 'latest'], /--series must be an Odoo series/],
      [['test/fixtures/odoo'], /no Odoo module found/],
    ] as const) {
      const { code, stderr } = await cli(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
