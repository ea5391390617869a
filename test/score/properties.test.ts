/**
 * The promises docs/scoring.md makes (§9), checked over generated scans.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, type CheckResult, type Finding } from '../../server/src/checks/types.ts';
import { dimensionValue } from '../../server/src/score/load.ts';
import { forecast, gradeFor, scorePulse } from '../../server/src/score/scoring.ts';
import type { PulseScore } from '../../server/src/score/types.ts';
import { dimensionArb, isAssessed, resultsArb, severityArb, shuffled, weightsArb } from './arbitraries.ts';
import { finding } from './builders.ts';

const RUNS = { numRuns: 200 };

function allFindings(results: readonly CheckResult[]): Finding[] {
  return results.flatMap((r) => r.findings);
}

function dimensionScores(pulse: PulseScore): Array<number | null> {
  return pulse.dimensions.map((d) => d.score);
}

/** Adds one finding to an assessed check, or as a new failed check of an assessed dimension. */
const withAddedFinding = fc
  .tuple(resultsArb, fc.nat(), severityArb, fc.boolean())
  .filter(([results]) => results.some(isAssessed))
  .map(([results, pick, severity, asNewCheck]) => {
    const assessed = results.filter(isAssessed);
    const target = assessed[pick % assessed.length];
    let after: CheckResult[];
    if (asNewCheck) {
      const checkId = `${target.dimension}.added`;
      after = [...results, { checkId, dimension: target.dimension, status: 'failed', findings: [finding(checkId, target.dimension, severity, 'added')] }];
    } else {
      const added = finding(target.checkId, target.dimension, severity, 'added');
      after = results.map((r) => (r === target ? { ...r, status: 'failed' as const, findings: [...r.findings, added] } : r));
    }
    return { before: results, after, severity };
  });

describe('scoring properties', () => {
  it('is bounded: every score is an integer from 0 to 100 (or null when not assessed)', () => {
    fc.assert(
      fc.property(resultsArb, (results) => {
        const pulse = scorePulse(results);
        for (const value of [pulse.score, pulse.uncappedScore, ...dimensionScores(pulse)]) {
          if (value === null) continue;
          expect(Number.isInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
        }
        expect(pulse.coverage).toBeGreaterThanOrEqual(0);
        expect(pulse.coverage).toBeLessThanOrEqual(1);
        expect(pulse.grade).toBe(pulse.score === null ? null : gradeFor(pulse.score));
        expect(pulse.findings).toHaveLength(allFindings(results).length);
        for (const f of pulse.findings) {
          for (const points of [f.points, f.dimensionPoints, f.uncappedPoints]) {
            expect(points).toBeGreaterThanOrEqual(0);
            expect(points).toBeLessThanOrEqual(100);
          }
        }
      }),
      RUNS,
    );
  });

  it('is monotone: adding a finding never raises a dimension score, the mean or the Pulse Score', () => {
    fc.assert(
      fc.property(withAddedFinding, ({ before, after }) => {
        const a = scorePulse(before);
        const b = scorePulse(after);
        DIMENSIONS.forEach((_, i) => {
          const [was, is] = [a.dimensions[i].score, b.dimensions[i].score];
          expect(is === null).toBe(was === null);
          if (was !== null && is !== null) expect(is).toBeLessThanOrEqual(was);
        });
        expect(b.uncappedScore ?? 0).toBeLessThanOrEqual(a.uncappedScore ?? 0);
        expect(b.score ?? 0).toBeLessThanOrEqual(a.score ?? 0);
        expect(b.coverage).toBe(a.coverage);
      }),
      RUNS,
    );
  });

  it('compounds: any finding above info strictly lowers its dimension, however many are there already', () => {
    fc.assert(
      fc.property(withAddedFinding, ({ before, after, severity }) => {
        fc.pre(severity !== 'info');
        const added = allFindings(after).find((f) => f.object.key === 'added');
        if (!added) throw new Error('the generator adds a finding keyed "added"');
        const inDimension = (results: CheckResult[]) => allFindings(results).filter((f) => f.dimension === added.dimension);
        expect(dimensionValue(inDimension(after))).toBeLessThan(dimensionValue(inDimension(before)));
      }),
      RUNS,
    );
  });

  it('caps: an open critical holds the score at 49 or below, an open high at 89 or below', () => {
    fc.assert(
      fc.property(resultsArb, (results) => {
        const pulse = scorePulse(results);
        const severities = new Set(allFindings(results).map((f) => f.severity));
        const rule = severities.has('critical') ? { limit: 49, severity: 'critical' } : severities.has('high') ? { limit: 89, severity: 'high' } : null;
        if (rule === null || pulse.uncappedScore === null) {
          expect(pulse.cap).toBeNull();
          expect(pulse.score).toBe(pulse.uncappedScore);
          return;
        }
        expect(pulse.score).toBeLessThanOrEqual(rule.limit);
        // Reported only when it lowered the score (the rounded mean hides which side of the limit 49.4 is).
        if (pulse.uncappedScore > rule.limit) expect(pulse.cap).toMatchObject(rule);
        if (pulse.uncappedScore < rule.limit) expect(pulse.cap).toBeNull();
        if (pulse.cap === null) expect(pulse.score).toBe(pulse.uncappedScore);
        if (pulse.score !== null && pulse.uncappedScore !== null) expect(pulse.score).toBeLessThanOrEqual(pulse.uncappedScore);
      }),
      RUNS,
    );
  });

  it('excludes not-assessed dimensions: changing their weight changes no score', () => {
    fc.assert(
      fc.property(resultsArb, weightsArb, weightsArb, (results, weights, otherWeights) => {
        const first = scorePulse(results, { weights });
        const assessed = new Set(first.dimensions.filter((d) => d.assessed).map((d) => d.dimension));
        const changed = Object.fromEntries(DIMENSIONS.map((d) => [d, assessed.has(d) ? weights[d] : otherWeights[d]]));
        const second = scorePulse(results, { weights: changed as typeof weights });
        expect(second.score).toBe(first.score);
        expect(second.uncappedScore).toBe(first.uncappedScore);
        expect(second.grade).toBe(first.grade);
        expect(second.cap).toEqual(first.cap);
        expect(dimensionScores(second)).toEqual(dimensionScores(first));
        expect(second.findings).toEqual(first.findings);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same results in any order give the same output', () => {
    fc.assert(
      fc.property(resultsArb, fc.integer(), (results, seed) => {
        const reordered = shuffled(results, seed).map((r, i) => ({ ...r, findings: shuffled(r.findings, seed + i) }));
        expect(scorePulse(reordered)).toEqual(scorePulse(results));
      }),
      RUNS,
    );
  });

  it('orders findings by points lost, then severity, then check id, then fingerprint', () => {
    const rank = ['critical', 'high', 'medium', 'low', 'info'];
    fc.assert(
      fc.property(resultsArb, (results) => {
        const { findings } = scorePulse(results);
        for (let i = 1; i < findings.length; i++) {
          const [a, b] = [findings[i - 1], findings[i]];
          const key = (f: typeof a) => [-f.points, rank.indexOf(f.severity), f.checkId, f.fingerprint] as const;
          const [ka, kb] = [key(a), key(b)];
          const cmp = ka[0] - kb[0] || ka[1] - kb[1] || (ka[2] < kb[2] ? -1 : ka[2] > kb[2] ? 1 : 0) || (ka[3] <= kb[3] ? -1 : 1);
          expect(cmp).toBeLessThan(0);
        }
      }),
      RUNS,
    );
  });

  it('forecasts with nothing (or only unknown fingerprints) removed give exactly the score', () => {
    fc.assert(
      fc.property(resultsArb, (results) => {
        const pulse = scorePulse(results);
        expect(forecast(results, [])).toEqual(pulse);
        expect(forecast(results, ['no-such-fingerprint'])).toEqual(pulse);
      }),
      RUNS,
    );
  });

  it('forecasts 100 over the assessed dimensions once every finding is removed', () => {
    fc.assert(
      fc.property(resultsArb, (results) => {
        const pulse = scorePulse(results);
        const after = forecast(results, allFindings(results).map((f) => f.fingerprint));
        expect(after.findings).toEqual([]);
        expect(after.cap).toBeNull();
        expect(after.coverage).toBe(pulse.coverage);
        for (const d of after.dimensions) {
          expect(d.score).toBe(d.assessed ? 100 : null);
          expect(d.checks.failed).toBe(0);
        }
        expect(after.score).toBe(pulse.score === null ? null : 100);
      }),
      RUNS,
    );
  });

  it('forecasts never lower a score, and a finding costs what removing it gives back', () => {
    fc.assert(
      fc.property(resultsArb, fc.integer(), (results, seed) => {
        const pulse = scorePulse(results);
        const findings = allFindings(results);
        fc.pre(findings.length > 0);
        const removed = shuffled(findings, seed).slice(0, 1 + (Math.abs(seed) % findings.length));
        const after = forecast(results, removed.map((f) => f.fingerprint));
        expect(after.score ?? 0).toBeGreaterThanOrEqual(pulse.score ?? 0);
        const one = removed[0];
        const single = forecast(results, [one.fingerprint]);
        const scored = pulse.findings.find((f) => f.fingerprint === one.fingerprint);
        // `points` is the unrounded difference to 0.1; the displayed scores are each rounded to integers.
        expect(Math.abs((scored?.points ?? NaN) - ((single.score ?? 0) - (pulse.score ?? 0)))).toBeLessThan(1.05);
        const dimension = pulse.dimensions.findIndex((d) => d.dimension === one.dimension);
        const dimensionGain = (single.dimensions[dimension].score ?? 0) - (pulse.dimensions[dimension].score ?? 0);
        expect(Math.abs((scored?.dimensionPoints ?? NaN) - dimensionGain)).toBeLessThan(1.05);
      }),
      RUNS,
    );
  });

  it('gives every dimension its finding count and check counts', () => {
    fc.assert(
      fc.property(resultsArb, dimensionArb, (results, dimension) => {
        const own = results.filter((r) => r.dimension === dimension);
        const d = scorePulse(results).dimensions.find((x) => x.dimension === dimension);
        expect(d?.findingCount).toBe(allFindings(own).length);
        expect(d?.checks.total).toBe(own.length);
        expect(d?.checks.assessed).toBe(own.filter(isAssessed).length);
        expect(d?.assessed).toBe(own.some(isAssessed));
        expect((d?.checks.assessed ?? 0) + (d?.checks.notAssessed ?? 0) + (d?.checks.notApplicable ?? 0)).toBe(own.length);
      }),
      RUNS,
    );
  });
});
