/**
 * docs/scoring.md states the model's constants and a worked example in marked tables; this test reads
 * them back and recomputes them with the code, so the page and the code cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, SEVERITIES, type CheckResult, type Dimension, type Severity } from '../../server/src/checks/types.ts';
import { dimensionValue } from '../../server/src/score/load.ts';
import {
  CAP_RULES,
  DEFAULT_WEIGHTS,
  GRADE_BANDS,
  SCORING_VERSION,
  SEVERITY_FACTORS,
  forecast,
  scorePulse,
} from '../../server/src/score/scoring.ts';
import { failed, passed, skipped, times } from './builders.ts';

const doc = readFileSync(new URL('../../docs/scoring.md', import.meta.url), 'utf8');

/** The rows (cells trimmed, header and separator dropped) of the table after `<!-- scoring:NAME -->`. */
function table(name: string): string[][] {
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.trim() === `<!-- scoring:${name} -->`);
  if (start < 0) throw new Error(`docs/scoring.md has no table marked scoring:${name}`);
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim().startsWith('|')) rows.push(line.trim());
    else if (rows.length > 0) break;
  }
  return rows.slice(2).map((row) => row.slice(1, -1).split('|').map((cell) => cell.trim()));
}

function asSeverity(text: string): Severity {
  expect(SEVERITIES).toContain(text);
  return text as Severity;
}

function asDimension(text: string): Dimension {
  expect(DIMENSIONS).toContain(text);
  return text as Dimension;
}

describe('docs/scoring.md states the model the code implements', () => {
  it('names the current scoring version', () => {
    const marked = doc.split('<!-- scoring:version -->')[1] ?? '';
    expect(/\*\*(\d+\.\d+\.\d+)\*\*/.exec(marked)?.[1]).toBe(SCORING_VERSION);
  });

  it('lists every severity factor, and what one finding alone leaves of a dimension', () => {
    const rows = table('severity-factors');
    expect(rows.map((r) => r[0])).toEqual([...SEVERITIES]);
    for (const [severity, factor, leaves] of rows) {
      expect(Number(factor)).toBe(SEVERITY_FACTORS[asSeverity(severity)]);
      const alone = scorePulse([failed(`security.only-${severity}`, 'security', [asSeverity(severity)])]);
      expect(alone.dimensions.find((d) => d.dimension === 'security')?.score).toBe(Number(leaves));
    }
  });

  it('lists the default weights', () => {
    const rows = table('weights');
    expect(Object.fromEntries(rows.map(([d, w]) => [asDimension(d), Number(w)]))).toEqual(DEFAULT_WEIGHTS);
  });

  it('lists the caps', () => {
    expect(table('caps').map(([severity, limit]) => ({ severity, limit: Number(limit) }))).toEqual(CAP_RULES);
  });

  it('lists the grade bands', () => {
    expect(table('grades').map(([grade, min]) => ({ grade, min: Number(min) }))).toEqual(GRADE_BANDS);
  });
});

describe('the worked example in docs/scoring.md', () => {
  const results: CheckResult[] = table('example-checks').map(([checkId, dimensionText, status, detail]) => {
    const dimension = asDimension(dimensionText);
    if (status === 'passed') return passed(checkId, dimension);
    if (status === 'not_assessed') return skipped(checkId, dimension, 'not_assessed', detail);
    expect(status).toBe('failed');
    const match = /^(\w+)(?: ×(\d+))?$/.exec(detail);
    if (!match) throw new Error(`cannot read the findings "${detail}" of ${checkId}`);
    return failed(checkId, dimension, times(Number(match[2] ?? 1), asSeverity(match[1])));
  });
  const pulse = scorePulse(results);

  it('gives each dimension the score shown, from the computation shown', () => {
    for (const [dimensionText, weight, computation, score] of table('example-dimensions')) {
      const dimension = pulse.dimensions.find((d) => d.dimension === dimensionText);
      expect(dimension?.weight).toBe(Number(weight));
      if (score === '—') {
        expect(dimension?.score).toBeNull();
        expect(dimension?.reason).toBe(results.find((r) => r.dimension === dimensionText)?.reason);
        continue;
      }
      expect(dimension?.score).toBe(Number(score));
      const findings = results.filter((r) => r.dimension === dimensionText).flatMap((r) => r.findings);
      const exact = Number(computation.split('=').at(-1));
      expect(dimensionValue(findings)).toBeCloseTo(exact, 2);
    }
  });

  it('gives the coverage, uncapped score, cap, score and grade shown', () => {
    const values = Object.fromEntries(table('example-pulse'));
    expect(pulse.coverage).toBeCloseTo(Number(values.coverage), 10);
    expect(pulse.uncappedScore).toBe(Number(values.uncappedScore));
    if (values.cap === 'none') expect(pulse.cap).toBeNull();
    else expect(pulse.cap?.limit).toBe(Number(values.cap));
    expect(pulse.score).toBe(Number(values.score));
    expect(pulse.grade).toBe(values.grade);
  });

  it('gives each finding the points shown, in the order shown', () => {
    const rows = table('example-points');
    const order = [...new Set(pulse.findings.map((f) => f.checkId))];
    expect(order).toEqual(rows.map((r) => r[0]));
    for (const [checkId, severity, points, dimensionPoints, uncappedPoints] of rows) {
      const findings = pulse.findings.filter((f) => f.checkId === checkId);
      expect(findings.length).toBeGreaterThan(0);
      for (const finding of findings) {
        expect(finding.severity).toBe(severity);
        expect(finding.points).toBe(Number(points));
        expect(finding.dimensionPoints).toBe(Number(dimensionPoints));
        expect(finding.uncappedPoints).toBe(Number(uncappedPoints));
      }
    }
  });

  it('forecasts the score shown after the fix shown', () => {
    for (const [what, score, grade] of table('example-forecast')) {
      const checkId = what.replace(/^remove /, '');
      const fingerprints = results.filter((r) => r.checkId === checkId).flatMap((r) => r.findings.map((f) => f.fingerprint));
      expect(fingerprints.length).toBeGreaterThan(0);
      const after = forecast(results, fingerprints);
      expect(after.score).toBe(Number(score));
      expect(after.grade).toBe(grade);
    }
  });
});
