/**
 * Runs declared checks over a facts snapshot. This is where "not assessed" and "not applicable" are
 * decided, so checks stay simple pure functions of the facts they declared.
 */
import type { Facts, FactKey } from '../facts/types.ts';
import { fingerprint } from '../findings/fingerprint.ts';
import { seriesInRange } from '../odoo/series.ts';
import type { ReferenceData } from '../reference/types.ts';
import type { CheckContext, CheckDefinition, CheckFacts, CheckResult, Finding } from './types.ts';

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|no)\.$/i;

/** First sentence of a remediation paragraph: the one-line fix shown beside a finding. */
export function oneLineFix(remediation: string): string {
  const text = remediation.replace(/\s+/g, ' ').trim();
  // A sentence ends at . ! or ? followed by a space, unless the word before it is an abbreviation.
  for (const match of text.matchAll(/[.!?](?= )/g)) {
    const end = match.index + 1;
    if (!ABBREVIATION.test(text.slice(0, end))) return text.slice(0, end);
  }
  return text;
}

export function checkContext(facts: Facts, reference: ReferenceData): CheckContext {
  return {
    now: new Date(facts.collectedAt),
    series: facts.server.status === 'collected' ? facts.server.value.series : null,
    reference,
  };
}

export function runCheck(check: CheckDefinition, facts: Facts, context: CheckContext): CheckResult {
  const base = { checkId: check.id, dimension: check.dimension };
  const missing = check.requires.filter((key) => facts[key].status !== 'collected');
  if (missing.length > 0) {
    const reasons = missing.map((key) => {
      const fact = facts[key];
      return `${key}: ${fact.status === 'not_collected' ? fact.reason : 'not collected'}`;
    });
    return { ...base, status: 'not_assessed', reason: reasons.join('; '), findings: [] };
  }
  if (check.series) {
    if (context.series === null) {
      return { ...base, status: 'not_assessed', reason: 'the Odoo series is unknown', findings: [] };
    }
    if (!seriesInRange(context.series, check.series)) {
      return { ...base, status: 'not_applicable', reason: `does not apply to Odoo ${context.series}`, findings: [] };
    }
  }
  const values = Object.fromEntries(
    check.requires.map((key: FactKey) => {
      const fact = facts[key];
      return [key, fact.status === 'collected' ? fact.value : undefined];
    }),
  ) as CheckFacts<FactKey>;
  let drafts;
  try {
    drafts = check.evaluate(values, context);
  } catch (error) {
    // A check that throws on odd data must not sink the scan: it is reported, and scored as not assessed.
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, status: 'error', reason: `check failed on these facts: ${message}`, findings: [] };
  }
  const fix = oneLineFix(check.remediation);
  const findings: Finding[] = drafts.map((draft) => ({
    checkId: check.id,
    dimension: check.dimension,
    severity: draft.severity ?? check.severity,
    title: check.title,
    message: draft.message,
    object: draft.object,
    evidence: draft.evidence ?? {},
    fingerprint: fingerprint(check.id, draft.object),
    fix,
    effortHours: check.effortHours,
  }));
  return { ...base, status: findings.length > 0 ? 'failed' : 'passed', findings };
}

export function runChecks(checks: readonly CheckDefinition[], facts: Facts, reference: ReferenceData): CheckResult[] {
  const context = checkContext(facts, reference);
  return checks.map((check) => runCheck(check, facts, context));
}
