import { describe, expect, it } from 'vitest';
import { DIMENSION_TITLES, DIMENSIONS } from '../../server/src/checks/types.ts';
import { describeObject, renderText } from '../../server/src/report/text.ts';
import { factsWith } from '../support/facts.ts';
import { sampleScan, user } from './sample.ts';

const ANSI = /\u001b\[/;

const { report } = await sampleScan();

describe('text report', () => {
  const text = renderText(report);
  const lines = text.split('\n');

  it('names the Odoo series and build', () => {
    expect(text).toContain('Odoo 18.0');
    expect(text).toContain('18.0-20250506');
  });

  it('shows the Pulse Score with its grade, coverage and the cap that holds it', () => {
    const scoreLine = lines.find((l) => l.startsWith('Pulse Score'))!;
    expect(scoreLine).toContain(`${report.pulse.score}/100`);
    expect(scoreLine).toContain(`grade ${report.pulse.grade}`);
    expect(scoreLine).toContain(`coverage ${Math.round(report.pulse.coverage * 100)}%`);
    expect(report.pulse.cap).not.toBeNull();
    expect(text).toContain(`Capped at ${report.pulse.cap!.limit}`);
  });

  it('has one row per dimension with score and weight, or why it was not assessed', () => {
    for (const dimension of report.pulse.dimensions) {
      const row = lines.find((l) => l.startsWith(`${dimension.title} `));
      expect(row, dimension.title).toBeDefined();
      expect(row).toContain(String(dimension.weight));
      if (dimension.score === null) expect(row).toMatch(/not assessed: \S/);
      else expect(row).toContain(String(dimension.score));
    }
    expect(report.pulse.dimensions.map((d) => d.title)).toEqual(DIMENSIONS.map((d) => DIMENSION_TITLES[d]));
    expect(lines.find((l) => l.startsWith('Performance'))).toContain('access denied on ir.logging');
  });

  it('lists findings by points lost, each with its object and only the first sentence of the fix', () => {
    const positions = report.pulse.findings.map((f) => ({ f, at: text.indexOf(f.title) }));
    expect(positions.every((p) => p.at > 0)).toBe(true);
    const byPosition = [...positions].sort((a, b) => a.at - b.at).map((p) => p.f);
    // Points lost now first; while a cap holds many cost 0 now, so what they cost once it lifts breaks ties.
    for (let i = 1; i < byPosition.length; i++) {
      const [before, after] = [byPosition[i - 1], byPosition[i]];
      expect(before.points).toBeGreaterThanOrEqual(after.points);
      if (before.points === after.points) expect(before.uncappedPoints).toBeGreaterThanOrEqual(after.uncappedPoints);
    }
    expect(text).toContain('CRITICAL');
    expect(text).toContain('user admin');
    expect(text).toContain('Fix: Rename the administrator login to a personal address.');
    expect(text).not.toContain('Then review who knows the old one');
    expect(text).toContain('file x_sync/models/sync.py:42:9');
  });

  it('states the gaps and the checks that could not run', () => {
    expect(lines.some((l) => /^\s+logs\s+access denied on ir\.logging$/.test(l))).toBe(true);
    expect(text).toContain('configuration.test-throws: check failed on these facts: unexpected company shape');
  });

  it('names a finding in stored code by its record, with the line in its code', () => {
    const object = { kind: 'server_action' as const, key: '12|x', label: 'Custom: Nightly cleanup', file: 'db://ir.actions.server/12', line: 3, column: 1 };
    expect(describeObject(object)).toBe('server action Custom: Nightly cleanup (db://ir.actions.server/12:3:1)');
    expect(describeObject({ kind: 'file', key: 'k', label: 'x_sync', file: 'x_sync/models/sync.py', line: 42, column: 9 })).toBe('file x_sync/models/sync.py:42:9');
  });

  it('uses colour only when asked', () => {
    expect(text).not.toMatch(ANSI);
    const coloured = renderText(report, { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(text);
  });

  it('says when nothing could be assessed instead of printing a score', async () => {
    const empty = (await sampleScan(factsWith({}, { series: '17.0' }))).report;
    const out = renderText(empty);
    expect(out).toMatch(/Pulse Score\s+not computed/);
    expect(out).toContain('No findings.');
  });

  it('says when the server version is unknown', async () => {
    const facts = factsWith({ users: [user('admin', 2)] });
    facts.server = { status: 'not_collected', reason: 'connection reset' };
    const out = renderText((await sampleScan(facts)).report);
    expect(out).toContain('Odoo series unknown');
  });
});
