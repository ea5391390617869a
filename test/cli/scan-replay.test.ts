import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../server/src/checks/index.ts';
import { CODE_RULES } from '../../server/src/code/rules/index.ts';
import { catalogueMarkdown } from '../../server/src/report/catalogue.ts';
import { sampleFacts } from '../report/sample.ts';
import { scanReportErrors } from '../report/schema.ts';
import { expectSarif210 } from '../report/sarif-shape.ts';
import { expectNoStack, runInProcess, tempDir } from './support.ts';

const tmp = tempDir();
afterAll(tmp.cleanup);
const factsFile = join(tmp.dir, 'facts.json');
writeFileSync(factsFile, JSON.stringify(sampleFacts()));

/** An error run: exit 2, nothing on stdout, exactly one line on stderr, no stack. */
async function oneLineError(argv: string[]): Promise<string> {
  const { code, stdout, stderr } = await runInProcess(argv, { cwd: tmp.dir });
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expectNoStack(stderr);
  return stderr.trim();
}

describe('odoo-pulse scan --facts (offline re-score)', () => {
  it('prints the text report', async () => {
    const { code, stdout, stderr } = await runInProcess(['scan', '--facts', factsFile]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Odoo 18.0');
    expect(stdout).toMatch(/^Dimension\s+Score\s+Weight\s+Findings$/m);
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('colours the text only on a terminal without NO_COLOR', async () => {
    const tty = await runInProcess(['scan', '--facts', factsFile], { tty: true });
    expect(tty.stdout).toMatch(/\u001b\[/);
    const noColor = await runInProcess(['scan', '--facts', factsFile], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
  });

  it('writes JSON valid against the schema, and SARIF 2.1.0, to stdout or --output', async () => {
    const json = await runInProcess(['scan', '--facts', factsFile, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(scanReportErrors(JSON.parse(json.stdout))).toEqual([]);

    const sarif = await runInProcess(['scan', '--facts', 'facts.json', '--format', 'sarif', '--output', 'out/report.sarif'], { cwd: tmp.dir });
    expect(sarif.code).toBe(0);
    expect(sarif.stdout).toBe('');
    expectSarif210(JSON.parse(readFileSync(join(tmp.dir, 'out/report.sarif'), 'utf8')));
  });

  it('exits 3 after writing the report when the score is under --fail-under', async () => {
    const { code, stdout, stderr } = await runInProcess(['scan', '--facts', factsFile, '--format', 'json', '--fail-under', '100']);
    const score = JSON.parse(stdout).pulse.score as number;
    expect(score).toBeLessThan(100);
    expect(code).toBe(3);
    expect(stderr.trim()).toBe(`odoo-pulse: Pulse Score ${score} is below --fail-under 100`);
    const passing = await runInProcess(['scan', '--facts', factsFile, '--fail-under', String(score)]);
    expect(passing.code).toBe(0);
  });

  it('refuses a missing, unreadable or invalid facts file in one line', async () => {
    expect(await oneLineError(['scan', '--facts', 'nope.json'])).toBe('odoo-pulse: cannot read nope.json: no such file or directory');
    writeFileSync(join(tmp.dir, 'broken.json'), '{"schemaVersion": 1,');
    expect(await oneLineError(['scan', '--facts', 'broken.json'])).toMatch(/^odoo-pulse: broken\.json is not valid JSON: /);
    writeFileSync(join(tmp.dir, 'future.json'), JSON.stringify({ ...sampleFacts(), schemaVersion: 7 }));
    expect(await oneLineError(['scan', '--facts', 'future.json'])).toMatch(/future\.json: facts snapshot schemaVersion 7 is not supported/);
    const report = await runInProcess(['scan', '--facts', factsFile, '--format', 'json']);
    writeFileSync(join(tmp.dir, 'report.json'), report.stdout);
    expect(await oneLineError(['scan', '--facts', 'report.json'])).toMatch(/scan report, not a facts snapshot/);
    expect(await oneLineError(['scan', '--facts', tmp.dir])).toMatch(/cannot read .*: it is a directory/);
  });

  it('refuses an --output it cannot write in one line', async () => {
    expect(await oneLineError(['scan', '--facts', factsFile, '--output', `${factsFile}/report.txt`])).toMatch(
      /cannot write .*report\.txt: a parent path is a file, not a directory/,
    );
  });
});

describe('odoo-pulse checks', () => {
  it('prints the markdown catalogue that docs/checks.md holds', async () => {
    const { code, stdout } = await runInProcess(['checks', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout).toBe(catalogueMarkdown({ checks: ALL_CHECKS, codeRules: CODE_RULES }));
  });

  it('lists every live check id as text and JSON', async () => {
    const text = await runInProcess(['checks']);
    for (const check of ALL_CHECKS) expect(text.stdout).toContain(check.id);
    const json = JSON.parse((await runInProcess(['checks', '--format', 'json'])).stdout);
    expect(json.checks).toHaveLength(ALL_CHECKS.length);
    expect(json.codeRules).toHaveLength(CODE_RULES.length);
  });

  it('refuses an unknown format with the usage', async () => {
    const { code, stderr } = await runInProcess(['checks', '--format', 'html']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('odoo-pulse checks: --format must be one of text, json, markdown (got "html")');
  });
});

describe('odoo-pulse scan --save-facts', () => {
  it('re-saves a replayed snapshot that replays to the same report', async () => {
    const first = await runInProcess(['scan', '--facts', factsFile, '--format', 'json', '--save-facts', 'copy.json'], { cwd: tmp.dir });
    expect(first.code).toBe(0);
    const second = await runInProcess(['scan', '--facts', 'copy.json', '--format', 'json'], { cwd: tmp.dir });
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
  });

  it('still prints the report when the facts cannot be saved, then says why in one line', async () => {
    const { code, stdout, stderr } = await runInProcess(['scan', '--facts', factsFile, '--save-facts', `${factsFile}/x.json`]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^Dimension\s+Score/m);
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^odoo-pulse: cannot write .*x\.json: /)]);
  });
});
