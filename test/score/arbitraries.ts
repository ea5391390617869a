/**
 * fast-check generators of whole scans' check results: up to four checks per dimension, any status,
 * failed checks with one to eight findings of any severity and distinct fingerprints.
 */
import fc from 'fast-check';
import { DIMENSIONS, SEVERITIES, type CheckResult, type CheckStatus, type Dimension, type Severity } from '../../server/src/checks/types.ts';
import type { DimensionWeights } from '../../server/src/score/types.ts';
import { finding } from './builders.ts';

export const severityArb = fc.constantFrom<Severity>(...SEVERITIES);
export const dimensionArb = fc.constantFrom<Dimension>(...DIMENSIONS);
const statusArb = fc.constantFrom<CheckStatus>('passed', 'failed', 'failed', 'not_assessed', 'not_applicable', 'error');

const checkSpecArb = fc.record({
  dimension: dimensionArb,
  slot: fc.integer({ min: 0, max: 3 }),
  status: statusArb,
  severities: fc.array(severityArb, { minLength: 1, maxLength: 8 }),
});

export const resultsArb: fc.Arbitrary<CheckResult[]> = fc
  .uniqueArray(checkSpecArb, { selector: (spec) => `${spec.dimension}.${spec.slot}`, maxLength: 24 })
  .map((specs) =>
    specs.map((spec): CheckResult => {
      const checkId = `${spec.dimension}.check-${spec.slot}`;
      if (spec.status !== 'failed') {
        const reason = spec.status === 'passed' ? {} : { reason: `${spec.status} because of slot ${spec.slot}` };
        return { checkId, dimension: spec.dimension, status: spec.status, ...reason, findings: [] };
      }
      const findings = spec.severities.map((severity, i) => finding(checkId, spec.dimension, severity, `k${i}`));
      return { checkId, dimension: spec.dimension, status: 'failed', findings };
    }),
  );

export const weightsArb: fc.Arbitrary<DimensionWeights> = fc
  .tuple(...DIMENSIONS.map(() => fc.integer({ min: 1, max: 40 })))
  .map((values) => Object.fromEntries(DIMENSIONS.map((d, i) => [d, values[i]])) as DimensionWeights);

export function isAssessed(result: CheckResult): boolean {
  return result.status === 'passed' || result.status === 'failed';
}

/** A deterministic shuffle driven by a seed, so a failing case replays exactly. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
