/**
 * Code stored in the database — server actions and automation code (Python), view archs (XML) — run
 * through the same Python and XML rules as files, under a virtual file name such as
 * `db://ir.actions.server/12`. The live scan collects the code; this only analyses strings.
 *
 * Python is analysed the way Odoo runs it: stripped, then executed by safe_eval in a namespace of its
 * own, so its variables behave like a function's locals. It is therefore parsed as the body of one
 * function (a query built in a variable and executed two lines later is followed as in a method),
 * and every position is mapped back to the stored code.
 */
import type { CheckResult, FindingObject, ObjectKind } from '../checks/types.ts';
import { fingerprint } from '../findings/fingerprint.ts';
import { fileContext } from './analyse.ts';
import { parsePython, pythonEngine, type PythonEngine } from './python/parser.ts';
import { compilePythonHooks, scanPython, type CompiledPythonHooks } from './python/scan.ts';
import { draftsToFindings, DraftSink, invalidSuppressionDrafts } from './results.ts';
import type { CodeRule, FileContext, Location, Position } from './rules/api.ts';
import { CODE_RULE_DEFINITIONS, INVALID_SUPPRESSION_ID, ruleApplies, storedCodeRules } from './rules/index.ts';
import { lineSuppressions, mayHaveSuppressions, namesRule, xmlSuppressions } from './suppress.ts';
import { parseXml } from './xml/parse.ts';
import type { CodeFindingDraft } from './types.ts';

export type StoredLanguage = 'python' | 'xml';

export interface StoredCode {
  /** `python` for server action / automation / cron code, `xml` for a view's arch. */
  language: StoredLanguage;
  /** Virtual file name shown in findings, e.g. `db://ir.actions.server/12`. */
  name: string;
  code: string;
  /** What the findings are about (defaults to a file named `name`). */
  object?: { kind: ObjectKind; key: string; label?: string };
}

export interface StoredCodeOptions {
  /** Odoo series for series-bound rules (null: those rules are not assessed). */
  series?: string | null;
  /** Rules to choose from (all by default); only those that apply to stored code run. */
  rules?: readonly CodeRule[];
  /** Languages whose stored code could not be collected, with why: rules reading only those are not assessed. */
  missing?: Partial<Record<StoredLanguage, string>>;
}

export interface StoredCodeAnalysis {
  /** One result per rule that applies to stored code. */
  results: CheckResult[];
  problems: Array<{ file: string; message: string }>;
}

interface Engine {
  parser: PythonEngine;
  python: CompiledPythonHooks;
  rules: readonly CodeRule[];
  sink: DraftSink;
}

const WRAPPER = 'def __stored_code__():\n\tpass\n';
const WRAPPER_LINES = 2;
const XML_OPEN = '<template>';

function position(at: Location): Position {
  return 'startPosition' in at ? { line: at.startPosition.row + 1, column: at.startPosition.column + 1 } : at;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reports made on `analysed` text land on the stored code through `toStored`. */
function mapped(ctx: FileContext, toStored: (at: Position) => Position): FileContext {
  return { ...ctx, report: (ruleId, at, message, options) => ctx.report(ruleId, toStored(position(at)), message, options) };
}

function analysePython(engine: Engine, item: StoredCode, ctx: FileContext): void {
  const stripped = item.code.trim();
  if (stripped === '') return;
  // Odoo runs code.strip(): positions in the stripped code are shifted by what the strip removed.
  const lead = item.code.slice(0, item.code.length - item.code.trimStart().length);
  const leadLines = lead.split('\n').length - 1;
  const leadColumns = lead.length - (lead.lastIndexOf('\n') + 1);
  // One tab in front of every line keeps the code's own indentation consistent (a tab is a full stop).
  const source = `${WRAPPER}${stripped.split('\n').map((line) => `\t${line}`).join('\n')}\n`;
  const toStored = (at: Position): Position => {
    const line = at.line - WRAPPER_LINES;
    if (line < 1) return { line: leadLines + 1, column: leadColumns + 1 };
    return { line: line + leadLines, column: Math.max(1, at.column - 1) + (line === 1 ? leadColumns : 0) };
  };
  const tree = parsePython(engine.parser, source);
  const summary = scanPython(tree, { ...mapped(ctx, toStored), source }, engine.python, [], (error, node) => {
    const where = node ? `:${toStored(position(node)).line}` : '';
    engine.sink.problem(`${item.name}${where}`, `a rule failed on this code: ${describeError(error)}`);
  });
  if (mayHaveSuppressions(item.code)) {
    const functions = summary.functions
      .filter((fn) => fn.defLine > 1)
      .map((fn) => ({
        startLine: toStored({ line: fn.startLine, column: 1 }).line,
        defLine: toStored({ line: fn.defLine, column: 1 }).line,
        endLine: toStored({ line: fn.endLine, column: 1 }).line,
      }));
    engine.sink.suppress(item.name, null, lineSuppressions(item.code, 'python', functions));
  }
}

function analyseXml(engine: Engine, item: StoredCode, ctx: FileContext): void {
  // An arch is one view architecture: wrapped in <template> on its first line, every element counts
  // as view architecture and line numbers stay those of the stored arch.
  const doc = parseXml(`${XML_OPEN}${item.code}</template>`);
  const shifted = mapped(ctx, (at) => (at.line === 1 ? { line: 1, column: Math.max(1, at.column - XML_OPEN.length) } : at));
  for (const rule of engine.rules) {
    if (!rule.xml) continue;
    try {
      rule.xml(doc, shifted);
    } catch (error) {
      engine.sink.problem(item.name, `a rule failed on this code: ${describeError(error)}`);
    }
  }
  if (mayHaveSuppressions(item.code)) engine.sink.suppress(item.name, null, xmlSuppressions(doc.comments));
}

/** The languages a rule reads in stored code. */
function languagesOf(rule: CodeRule): StoredLanguage[] {
  if (rule.meta.id === INVALID_SUPPRESSION_ID) return ['python', 'xml'];
  return [...(rule.python ? (['python'] as const) : []), ...(rule.xml ? (['xml'] as const) : [])];
}

export async function analyseStoredCode(items: readonly StoredCode[], options: StoredCodeOptions = {}): Promise<StoredCodeAnalysis> {
  const series = options.series ?? null;
  const missing = options.missing ?? {};
  const all = storedCodeRules(options.rules ?? CODE_RULE_DEFINITIONS);
  const rules = all.filter((rule) => ruleApplies(rule.meta, series) === null);
  const engine: Engine = {
    parser: await pythonEngine(),
    python: compilePythonHooks(rules.flatMap((r) => (r.python ? [r.python] : []))),
    rules,
    sink: new DraftSink(),
  };
  const { sink } = engine;
  const objects = new Map<string, NonNullable<StoredCode['object']>>();

  for (const item of items) {
    if (item.object) objects.set(item.name, item.object);
    const ctx = fileContext(sink, null, item.name, item.name, series);
    try {
      if (item.language === 'python') analysePython(engine, item, ctx);
      else analyseXml(engine, item, ctx);
    } catch (error) {
      sink.problem(item.name, `could not be analysed: ${describeError(error)}`);
    }
  }
  sink.addAll(invalidSuppressionDrafts(sink, all));

  const suppressed = (draft: CodeFindingDraft): boolean => {
    const entry = sink.suppressions.get(draft.file);
    if (!entry || draft.ruleId === INVALID_SUPPRESSION_ID) return false;
    return entry.list.some((s) => s.reason !== null && draft.line >= s.from && draft.line <= s.to && namesRule(s.ids, draft.ruleId));
  };
  const metas = new Map(all.map((r) => [r.meta.id, r.meta]));
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
    const base = { checkId: rule.meta.id, dimension: rule.meta.dimension };
    const gate = ruleApplies(rule.meta, series);
    if (gate) return { ...base, status: gate.status, reason: gate.reason, findings: [] };
    const languages = languagesOf(rule);
    if (languages.every((language) => missing[language] !== undefined)) {
      return { ...base, status: 'not_assessed', reason: languages.map((language) => missing[language]).join('; '), findings: [] };
    }
    const findings = byRule.get(rule.meta.id) ?? [];
    return { ...base, status: findings.length > 0 ? 'failed' : 'passed', findings };
  });
  return { results, problems: sink.problems };
}
