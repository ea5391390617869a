import { describe, expect, it } from 'vitest';
import { DIMENSIONS, type CheckResult, type Dimension } from '../../server/src/checks/types.ts';
import { dimensionValue } from '../../server/src/score/load.ts';
import { DEFAULT_WEIGHTS, SCORING_VERSION, ScoringInputError, forecast, scorePulse } from '../../server/src/score/scoring.ts';
import type { PulseScore } from '../../server/src/score/types.ts';
import { failed, finding, passed, skipped, times } from './builders.ts';

/** One passing check in every dimension, so the whole weight is assessed. */
function healthy(except: Dimension[] = []): CheckResult[] {
  return DIMENSIONS.filter((d) => !except.includes(d)).map((d) => passed(`${d}.fine`, d));
}

function dimension(pulse: PulseScore, d: Dimension) {
  const found = pulse.dimensions.find((x) => x.dimension === d);
  if (!found) throw new Error(`no ${d} in the result`);
  return found;
}

describe('scorePulse on whole scans', () => {
  it('gives a clean, fully assessed instance 100, grade A, full coverage and no cap', () => {
    const pulse = scorePulse(healthy());
    expect(pulse).toMatchObject({ scoringVersion: SCORING_VERSION, score: 100, uncappedScore: 100, grade: 'A', coverage: 1, cap: null, findings: [] });
    expect(pulse.dimensions.map((d) => d.score)).toEqual(times(9, 100));
    expect(pulse.dimensions.map((d) => d.weight)).toEqual(DIMENSIONS.map((d) => DEFAULT_WEIGHTS[d]));
  });

  it('gives no score and no grade when nothing could be assessed, and says why per dimension', () => {
    const results = DIMENSIONS.filter((d) => d !== 'compliance').map((d) => skipped(`${d}.x`, d, 'not_assessed', 'server: connection refused'));
    const pulse = scorePulse(results);
    expect(pulse).toMatchObject({ score: null, uncappedScore: null, grade: null, coverage: 0, cap: null });
    expect(dimension(pulse, 'security')).toMatchObject({ score: null, assessed: false, reason: 'server: connection refused' });
    expect(dimension(pulse, 'compliance').reason).toBe('no check covers this dimension');
  });

  it('scores a partly assessed dimension from the checks that ran, with its whole weight, and shows its check counts', () => {
    const results = [
      ...healthy(['performance']),
      failed('performance.slow-queries', 'performance', ['medium']),
      passed('performance.cache-hit', 'performance'),
      skipped('performance.bloat', 'performance', 'not_assessed', 'postgres: no DSN was given'),
      skipped('performance.old-check', 'performance', 'not_applicable', 'does not apply to Odoo 18.0'),
      skipped('performance.broken', 'performance', 'error', 'check failed on these facts: boom'),
    ];
    const pulse = scorePulse(results);
    expect(dimension(pulse, 'performance')).toMatchObject({
      score: 90,
      assessed: true,
      reason: null,
      findingCount: 1,
      checks: { total: 5, assessed: 2, passed: 1, failed: 1, notAssessed: 2, notApplicable: 1 },
    });
    expect(pulse.coverage).toBe(1);
    // 90 × 10 + 100 × 90, over 100.
    expect(pulse.score).toBe(99);
  });

  it('leaves a not-assessed dimension out of the mean instead of counting it as 0 or 100', () => {
    const results = [
      ...healthy(['security', 'custom_code']),
      failed('security.signup', 'security', ['medium']),
      skipped('custom_code.eval', 'custom_code', 'not_assessed', 'source: no source tree was given'),
    ];
    const pulse = scorePulse(results);
    expect(pulse.coverage).toBeCloseTo(0.9, 12);
    // (20 × 90 + 70 × 100) / 90 = 97.8; counting custom code as 0 would give 88, as 100 would give 98.
    expect(pulse.uncappedScore).toBe(98);
    const asZero = scorePulse(results, { weights: { ...DEFAULT_WEIGHTS, custom_code: 0 } });
    expect(asZero.score).toBe(pulse.score);
  });

  it('keeps reasons short: deduplicated, most frequent first, at most three spelled out', () => {
    const many = [
      skipped('permissions.a', 'permissions', 'not_assessed', 'groups: access denied; users: access denied'),
      skipped('permissions.b', 'permissions', 'not_assessed', 'groups: access denied'),
      skipped('permissions.c', 'permissions', 'error', 'check failed on these facts: boom'),
      skipped('permissions.d', 'permissions', 'not_applicable', 'does not apply to Odoo 14.0'),
      skipped('permissions.e', 'permissions', 'not_assessed', `acls: ${'very long explanation '.repeat(20)}`),
      skipped('permissions.f', 'permissions', 'not_assessed'),
    ];
    const reason = dimension(scorePulse(many), 'permissions').reason ?? '';
    expect(reason.startsWith('groups: access denied; ')).toBe(true);
    expect(reason.match(/groups: access denied/g)).toHaveLength(1);
    expect(reason.endsWith('; and 3 other reasons')).toBe(true);
    expect(reason.length).toBeLessThan(300);
    const long = dimension(scorePulse([many[4]]), 'permissions').reason ?? '';
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('…')).toBe(true);
    expect(dimension(scorePulse([many[5]]), 'permissions').reason).toBe('the facts its checks need were not collected');
  });
});

describe('severities, compounding and caps', () => {
  it('lets info findings cost nothing, though their check counts as failed', () => {
    const pulse = scorePulse([...healthy(['configuration']), failed('configuration.hint', 'configuration', ['info', 'info'])]);
    expect(pulse.score).toBe(100);
    expect(dimension(pulse, 'configuration')).toMatchObject({ score: 100, findingCount: 2, checks: { failed: 1 } });
    expect(pulse.findings.map((f) => [f.points, f.dimensionPoints])).toEqual([[0, 0], [0, 0]]);
  });

  it('makes one critical cost far more of its dimension than one low', () => {
    const critical = scorePulse([failed('security.cve', 'security', ['critical'])]).findings[0];
    const low = scorePulse([failed('security.admin-name', 'security', ['low'])]).findings[0];
    expect(critical.dimensionPoints).toBeGreaterThan(10 * low.dimensionPoints);
  });

  it('makes forty low findings weigh more than one medium, from one check or from many', () => {
    const medium = dimensionValue(failed('cron_health.m', 'cron_health', ['medium']).findings);
    const oneCheck = dimensionValue(failed('cron_health.l', 'cron_health', times(40, 'low')).findings);
    const manyChecks = dimensionValue(times(40, 0).flatMap((_, i) => failed(`cron_health.l${i}`, 'cron_health', ['low']).findings));
    expect(oneCheck).toBeLessThan(medium);
    expect(manyChecks).toBeLessThan(oneCheck);
    const pulse = scorePulse([...healthy(['cron_health']), failed('cron_health.l', 'cron_health', times(40, 'low'))]);
    expect(dimension(pulse, 'cron_health').score).toBeLessThan(90);
  });

  it('charges each further low finding strictly more, n = 1 … 200, from one check and from distinct checks', () => {
    let sameCheck = 100;
    let distinct = 100;
    for (let n = 1; n <= 200; n++) {
      const same = dimensionValue(failed('compliance.no-2fa', 'compliance', times(n, 'low')).findings);
      const many = dimensionValue(times(n, 0).flatMap((_, i) => failed(`compliance.c${i}`, 'compliance', ['low']).findings));
      expect(same).toBeLessThan(sameCheck);
      expect(many).toBeLessThan(distinct);
      [sameCheck, distinct] = [same, many];
    }
  });

  it('does not let one noisy check zero a dimension on its own', () => {
    const noisy = scorePulse([failed('custom_code.print-statement', 'custom_code', times(2000, 'low'))]);
    expect(dimension(noisy, 'custom_code').score).toBeGreaterThanOrEqual(75);
    const noisyMedium = scorePulse([failed('custom_code.sudo', 'custom_code', times(2000, 'medium'))]);
    expect(dimension(noisyMedium, 'custom_code').score).toBeGreaterThanOrEqual(30);
  });

  it('caps the score at 49 for one open critical, and that finding is worth the whole cap', () => {
    const pulse = scorePulse([...healthy(['security']), failed('security.cve', 'security', ['critical'])]);
    // Security at 40 weighs 20 of 100: the mean is 88, the cap holds it at 49.
    expect(pulse).toMatchObject({ uncappedScore: 88, score: 49, grade: 'D' });
    expect(pulse.cap).toEqual({ limit: 49, severity: 'critical', findingCount: 1, reason: '1 open critical finding holds the Pulse Score at 49 or below' });
    expect(pulse.findings[0]).toMatchObject({ points: 51, dimensionPoints: 60, uncappedPoints: 12 });
  });

  it('shows two criticals as each worth little alone, while fixing both lifts the cap', () => {
    const results = [...healthy(['security', 'permissions']), failed('security.cve', 'security', ['critical']), failed('permissions.public-write', 'permissions', ['critical'])];
    const pulse = scorePulse(results);
    expect(pulse.cap?.findingCount).toBe(2);
    expect(pulse.cap?.reason).toBe('2 open critical findings hold the Pulse Score at 49 or below');
    for (const f of pulse.findings) {
      expect(f.points).toBe(0);
      expect(f.uncappedPoints).toBeGreaterThan(0);
    }
    expect(forecast(results, pulse.findings.map((f) => f.fingerprint)).score).toBe(100);
  });

  it('reports no cap when the mean is already below the limit', () => {
    // Only Security assessed: 100 × 0.40 × 0.40^(1/2) = 25.3, under the critical cap.
    const pulse = scorePulse([failed('security.cve', 'security', ['critical', 'critical'])]);
    expect(pulse).toMatchObject({ score: 25, uncappedScore: 25, grade: 'F', cap: null });
  });

  it('caps at 89 for an open high (no grade A), and the critical cap wins over it', () => {
    const high = scorePulse([...healthy(['security']), failed('security.db-manager', 'security', ['high'])]);
    expect(high).toMatchObject({ score: 89, uncappedScore: 95, grade: 'B', cap: { limit: 89, severity: 'high' } });
    const both = scorePulse([...healthy(['security']), failed('security.db-manager', 'security', ['high', 'critical'])]);
    expect(both.cap).toMatchObject({ limit: 49, severity: 'critical' });
    // Fixing the critical leaves the high cap: worth 89 − 49 = 40 points.
    expect(both.findings[0]).toMatchObject({ severity: 'critical', points: 40 });
  });

  it('lists findings by points lost, then severity, then check id', () => {
    const pulse = scorePulse([
      ...healthy(['module_health', 'security']),
      failed('module_health.b-unknown-author', 'module_health', ['low']),
      failed('module_health.a-unknown-licence', 'module_health', ['low']),
      failed('security.signup', 'security', ['medium']),
      failed('module_health.broken-deps', 'module_health', ['medium']),
    ]);
    expect(pulse.findings.map((f) => f.checkId)).toEqual([
      'security.signup',
      'module_health.broken-deps',
      'module_health.a-unknown-licence',
      'module_health.b-unknown-author',
    ]);
  });
});

describe('forecast', () => {
  const results = [
    ...healthy(['cron_health']),
    failed('cron_health.failing', 'cron_health', ['high', 'medium']),
    failed('cron_health.overdue', 'cron_health', ['low']),
  ];
  const [high, medium] = results.find((r) => r.checkId === 'cron_health.failing')?.findings ?? [];

  it('removes the chosen findings; a check left with none counts as passed', () => {
    const after = forecast(results, [high.fingerprint, medium.fingerprint]);
    expect(after.findings.map((f) => f.checkId)).toEqual(['cron_health.overdue']);
    expect(dimension(after, 'cron_health').checks).toMatchObject({ passed: 1, failed: 1 });
    expect(after.score).toBe(100);
    expect(dimension(after, 'cron_health').score).toBe(97);
  });

  it('accepts any iterable of fingerprints, or a single one', () => {
    const bySet = forecast(results, new Set([high.fingerprint]));
    expect(forecast(results, high.fingerprint)).toEqual(bySet);
    expect(bySet.cap).toBeNull();
    expect(bySet.score).toBeGreaterThan(scorePulse(results).score ?? 100);
  });

  it('does not change the results it was given', () => {
    const copy = structuredClone(results);
    forecast(results, [high.fingerprint, medium.fingerprint]);
    expect(results).toEqual(copy);
  });
});

describe('bad input', () => {
  it('refuses weights that are negative, unknown, missing or all zero, with a sentence that says which', () => {
    const cases: Array<[Record<string, number>, RegExp]> = [
      [{ ...DEFAULT_WEIGHTS, security: -1 }, /weight of "security" must be a number ≥ 0 \(got -1\)/],
      [{ ...DEFAULT_WEIGHTS, securty: 3 }, /unknown dimension "securty"/],
      [{ ...DEFAULT_WEIGHTS, compliance: Number.NaN }, /"compliance" must be a number/],
      [Object.fromEntries(DIMENSIONS.map((d) => [d, 0])), /at least one dimension must have a scoring weight above 0/i],
    ];
    const { compliance: _dropped, ...missing } = DEFAULT_WEIGHTS;
    cases.push([missing, /"compliance" must be a number ≥ 0 \(got undefined\)/]);
    for (const [weights, message] of cases) {
      expect(() => scorePulse(healthy(), { weights: weights as typeof DEFAULT_WEIGHTS })).toThrow(message);
      expect(() => scorePulse(healthy(), { weights: weights as typeof DEFAULT_WEIGHTS })).toThrow(ScoringInputError);
    }
  });

  it('refuses inconsistent check results instead of scoring them wrongly', () => {
    const stray = { ...skipped('security.x', 'security', 'not_assessed', 'no facts'), findings: [finding('security.x', 'security', 'high')] };
    expect(() => scorePulse([stray])).toThrow(/"security.x" is "not_assessed" but carries 1 finding\(s\)/);
    const misfiled = { ...failed('security.x', 'security', ['low']), dimension: 'permissions' as const };
    expect(() => scorePulse([misfiled])).toThrow(/belongs to the result of its own check/);
    const odd = failed('security.x', 'security', ['low']);
    (odd.findings[0] as { severity: string }).severity = 'urgent';
    expect(() => scorePulse([odd])).toThrow(/unknown severity "urgent"/);
    const unknown = { ...passed('x.y', 'security'), dimension: 'speed' as Dimension };
    expect(() => forecast([unknown], [])).toThrow(/unknown dimension "speed"/);
  });
});

describe('forecast input', () => {
  it('refuses something that is not a list of fingerprints', () => {
    const results = [failed('security.x', 'security', ['low'])];
    expect(() => forecast(results, {} as Iterable<string>)).toThrow('A forecast needs a list of finding fingerprints to remove.');
    expect(() => forecast(results, null as unknown as Iterable<string>)).toThrow(ScoringInputError);
  });
});
