/**
 * Code stored in the database — server actions and automation code (Python), views without an xml id
 * (QWeb/arch XML) — run through the same Python and XML rules as files, under a virtual file name
 * such as `db://ir.actions.server/12`. The live scan collects the code; this only analyses strings.
 */
import type { CheckResult, FindingObject, ObjectKind } from '../checks/types.ts';
import { fingerprint } from '../findings/fingerprint.ts';
import { analysePythonSource, fileContext } from './analyse.ts';
import { pythonEngine } from './python/parser.ts';
import { compilePythonHooks } from './python/scan.ts';
import { draftsToFindings, DraftSink, invalidSuppressionDrafts } from './results.ts';
import type { CodeRule } from './rules/api.ts';
import { CODE_RULE_DEFINITIONS, ruleApplies } from './rules/index.ts';
import { lineSuppressions, mayHaveSuppressions, xmlSuppressions } from './suppress.ts';
import { parseXml } from './xml/parse.ts';
import type { CodeFindingDraft } from './types.ts';

export interface StoredCode {
  /** `python` for server action / automation / cron code, `xml` for a view's arch. */
  language: 'python' | 'xml';
  /** Virtual file name shown in findings, e.g. `db://ir.actions.server/12`. */
  name: string;
  code: string;
  /** What the findings are about (defaults to a file named `name`). */
  object?: { kind: ObjectKind; key: string; label?: string };
}

export interface StoredCodeAnalysis {
  /** One result per Python/XML rule that applies to the series. */
  results: CheckResult[];
  problems: Array<{ file: string; message: string }>;
}

/** Rules that look at one piece of code on its own (not module-level, manifest or project rules). */
function storedCodeRules(rules: readonly CodeRule[]): CodeRule[] {
  return rules.filter((rule) => rule.python || rule.xml || rule.meta.id.endsWith('.invalid-suppression'));
}

const WRAP_OPEN = '<template>';

export async function analyseStoredCode(items: readonly StoredCode[], options: { series?: string | null; rules?: readonly CodeRule[] } = {}): Promise<StoredCodeAnalysis> {
  const series = options.series ?? null;
  const all = storedCodeRules(options.rules ?? CODE_RULE_DEFINITIONS);
  const rules = all.filter((rule) => ruleApplies(rule.meta, series) === null);
  const parser = await pythonEngine();
  const python = compilePythonHooks(rules.flatMap((r) => (r.python ? [r.python] : [])));
  const sink = new DraftSink();
  const objects = new Map<string, StoredCode['object']>();

  for (const item of items) {
    if (item.object) objects.set(item.name, item.object);
    const ctx = fileContext(sink, null, item.name, item.name, series);
    if (item.language === 'python') {
      try {
        analysePythonSource({ parser, python, sink }, ctx, item.code);
      } catch (error) {
        sink.problem(item.name, `could not be analysed: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else {
      // An arch is one view architecture: wrapped in <template> on its first line, every element
      // counts as view architecture and line numbers stay those of the stored arch.
      const doc = parseXml(`${WRAP_OPEN}${item.code}</template>`);
      const shifted: typeof ctx = {
        ...ctx,
        report(ruleId, at, message, reportOptions) {
          const position = 'startPosition' in at ? { line: at.startPosition.row + 1, column: at.startPosition.column + 1 } : at;
          const column = position.line === 1 ? Math.max(1, position.column - WRAP_OPEN.length) : position.column;
          ctx.report(ruleId, { line: position.line, column }, message, reportOptions);
        },
      };
      for (const rule of rules) {
        if (!rule.xml) continue;
        try {
          rule.xml(doc, shifted);
        } catch (error) {
          sink.problem(item.name, `a rule failed on this code: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (mayHaveSuppressions(item.code)) sink.suppress(item.name, null, xmlSuppressions(doc.comments));
      continue;
    }
    if (mayHaveSuppressions(item.code) && item.language === 'python') sink.suppress(item.name, null, lineSuppressions(item.code, 'python'));
  }
  sink.addAll(invalidSuppressionDrafts(sink, all));

  const metas = new Map(all.map((r) => [r.meta.id, r.meta]));
  const suppressed = (draft: CodeFindingDraft): boolean => {
    const entry = sink.suppressions.get(draft.file);
    if (!entry || draft.ruleId.endsWith('.invalid-suppression')) return false;
    const short = draft.ruleId.slice(draft.ruleId.indexOf('.') + 1);
    return entry.list.some((s) => s.reason !== null && draft.line >= s.from && draft.line <= s.to && s.ids.some((id) => id === draft.ruleId || id === short || id === 'all'));
  };
  const byRule = new Map<string, CheckResult['findings']>();
  for (const { draft, finding } of draftsToFindings(metas, sink.drafts.filter((d) => !suppressed(d)))) {
    const object = objects.get(draft.file);
    let withObject = finding;
    if (object) {
      // About the record (server action 12, view 7…), still pointing at the line inside its code.
      const about: FindingObject = { ...object, key: `${object.key}|${finding.object.key}`, file: draft.file, line: draft.line, column: draft.column };
      withObject = { ...finding, object: about, fingerprint: fingerprint(finding.checkId, about) };
    }
    const list = byRule.get(finding.checkId) ?? [];
    list.push(withObject);
    byRule.set(finding.checkId, list);
  }
  const results: CheckResult[] = all.map((rule) => {
    const gate = ruleApplies(rule.meta, series);
    const base = { checkId: rule.meta.id, dimension: rule.meta.dimension };
    if (gate) return { ...base, status: gate.status, reason: gate.reason, findings: [] };
    const findings = byRule.get(rule.meta.id) ?? [];
    return { ...base, status: findings.length > 0 ? 'failed' : 'passed', findings };
  });
  return { results, problems: sink.problems };
}
