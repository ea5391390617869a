/** The three renderings of the real catalogue over the facts recorded from the 17.0 and 18.0 doubles. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../server/src/checks/index.ts';
import { CODE_RULES } from '../../server/src/code/rules/index.ts';
import { rescoreFacts } from '../../server/src/engine/evaluate.ts';
import { renderJson } from '../../server/src/report/render.ts';
import { scanReportToSarif } from '../../server/src/report/scan-sarif.ts';
import { renderText } from '../../server/src/report/text.ts';
import { expectSarif210 } from './sarif-shape.ts';
import { scanReportErrors } from './schema.ts';

const reports = Object.fromEntries(
  await Promise.all(
    ['17.0', '18.0'].map(async (series) => {
      const facts = JSON.parse(readFileSync(new URL(`../fixtures/facts/odoo-${series}.facts.json`, import.meta.url), 'utf8'));
      return [series, (await rescoreFacts(facts)).report] as const;
    }),
  ),
);

describe.each(['17.0', '18.0'])('reports of the recorded %s facts', (series) => {
  const report = reports[series];

  it('JSON is valid against the schema', () => {
    expect(scanReportErrors(JSON.parse(renderJson(report)))).toEqual([]);
  });

  it('SARIF has a rule for every check that ran and a result for every finding', () => {
    const log = scanReportToSarif(report, [...ALL_CHECKS, ...CODE_RULES]);
    expectSarif210(log);
    expect(log.runs[0].tool.driver.rules).toHaveLength(report.checks.length);
    expect(log.runs[0].results).toHaveLength(report.pulse.findings.length);
  });

  it('text shows the build, every dimension, every finding and every gap', () => {
    const text = renderText(report);
    expect(text).toContain(`Odoo ${series}`);
    expect(text).toContain(report.instance.serverVersion!);
    for (const d of report.pulse.dimensions) expect(text).toMatch(new RegExp(`^${d.title}\\s`, 'm'));
    for (const f of report.pulse.findings) expect(text).toContain(f.title);
    for (const gap of report.gaps) expect(text).toMatch(new RegExp(`^\\s+${gap.fact}\\s`, 'm'));
    expect(text).toContain(`Findings (${report.pulse.findings.length})`);
  });
});
