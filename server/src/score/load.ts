/**
 * The load findings put on a dimension. Findings compound (loads add, so factors multiply), but the
 * k-th finding of one check counts 1/k of its load: a check that reports the same kind of problem on a
 * thousand objects weighs like a few distinct problems, never enough to zero a dimension on its own.
 */
import { SEVERITIES, type Finding } from '../checks/types.ts';
import { scoreForLoad, severityLoad } from './model.ts';

/** Codepoint order, so the result never depends on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function severityRank(finding: Pick<Finding, 'severity'>): number {
  return SEVERITIES.indexOf(finding.severity);
}

/** Most severe first, so the heaviest finding of a check always counts in full. */
function compareWithinCheck(a: Finding, b: Finding): number {
  return severityRank(a) - severityRank(b) || compareText(a.fingerprint, b.fingerprint) || compareText(a.message, b.message);
}

export interface CheckLoad {
  checkId: string;
  /** The check's findings in rank order (most severe first). */
  findings: Finding[];
  load: number;
  /** `withoutLoads[i]`: the check's load once `findings[i]` is removed (the ones after it move up a rank). */
  withoutLoads: number[];
}

/** The load of one check's findings: the finding of rank k (1-based) adds severityLoad / k. */
export function checkLoad(checkId: string, findings: readonly Finding[]): CheckLoad {
  const ranked = [...findings].sort(compareWithinCheck);
  const loads = ranked.map((finding) => severityLoad(finding.severity));
  const n = ranked.length;
  // before[j]: what ranks 1..j contribute; after[j]: what the findings behind index j contribute one rank up.
  const before = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < n; i++) before[i + 1] = before[i] + loads[i] / (i + 1);
  const after = new Array<number>(n).fill(0);
  for (let i = n - 2; i >= 0; i--) after[i] = after[i + 1] + loads[i + 1] / (i + 1);
  return { checkId, findings: ranked, load: before[n], withoutLoads: ranked.map((_, i) => before[i] + after[i]) };
}

/** One CheckLoad per check id, in check id order (a fixed summation order keeps results bit-identical). */
export function checkLoads(findings: readonly Finding[]): CheckLoad[] {
  const byCheck = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = byCheck.get(finding.checkId);
    if (group) group.push(finding);
    else byCheck.set(finding.checkId, [finding]);
  }
  return [...byCheck.keys()].sort(compareText).map((checkId) => checkLoad(checkId, byCheck.get(checkId) ?? []));
}

/** The dimension's total load, optionally with check `replaced` carrying `replacementLoad` instead. */
export function totalLoad(checks: readonly CheckLoad[], replaced?: number, replacementLoad?: number): number {
  let total = 0;
  checks.forEach((check, index) => {
    total += index === replaced && replacementLoad !== undefined ? replacementLoad : check.load;
  });
  return total;
}

/** A dimension's unrounded score (0–100] for the findings of its assessed checks. */
export function dimensionValue(findings: readonly Finding[]): number {
  return scoreForLoad(totalLoad(checkLoads(findings)));
}
