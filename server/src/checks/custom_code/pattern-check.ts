/** The shape shared by the code-pattern checks: one finding per server action, listing its matches. */
import type { ServerActionFact } from '../../facts/types.ts';
import type { FindingDraft, Severity } from '../types.ts';
import { actionEvidence, actionObject, describeAction, scannableActions } from './actions.ts';
import type { CodeMatch } from './code-rules.ts';

export interface PatternRule {
  find: (code: string) => CodeMatch[];
  /** The end of the message after the action's name, e.g. "calls cr.commit() on line 4". */
  describe: (matches: CodeMatch[]) => string;
  severity?: (matches: CodeMatch[]) => Severity | undefined;
}

export function findingsForPattern(actions: readonly ServerActionFact[], rule: PatternRule): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const action of scannableActions(actions)) {
    const matches = rule.find(action.code as string);
    if (matches.length === 0) continue;
    findings.push({
      object: { ...actionObject(action), line: matches[0].line, column: matches[0].column },
      message: `${describeAction(action)} ${rule.describe(matches)}.`,
      severity: rule.severity?.(matches),
      evidence: {
        ...actionEvidence(action),
        matches: matches.map((m) => ({ line: m.line, column: m.column, detail: m.detail, snippet: m.snippet })),
      },
    });
  }
  return findings;
}

/** "on line 4" / "on lines 4, 9". */
export function onLines(matches: readonly CodeMatch[]): string {
  const lines = [...new Set(matches.map((m) => m.line))];
  return lines.length === 1 ? `on line ${lines[0]}` : `on lines ${lines.join(', ')}`;
}

/** "sudo()" / "cr.commit() and cr.rollback()". */
export function details(matches: readonly CodeMatch[]): string {
  const unique = [...new Set(matches.map((m) => m.detail))];
  return unique.length === 1 ? unique[0] : `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)}`;
}
