/**
 * From finding drafts to what the rest of odoo-pulse consumes: `Finding`s with a stable fingerprint
 * and one `CheckResult` per rule, so `scorePulse(results)` scores the Custom code dimension exactly
 * as in a live scan. Suppressions are applied here; code of modules the instance does not run is set
 * aside as reported-but-unscored.
 */
import { oneLineFix } from '../checks/run.ts';
import type { CheckResult, CheckStatus, Finding, FindingObject } from '../checks/types.ts';
import { fingerprint } from '../findings/fingerprint.ts';
import { RUNNING_STATES, type InstanceModule, type ModuleIndex } from './model.ts';
import type { CodeRule } from './rules/api.ts';
import { ruleApplies, INVALID_SUPPRESSION_ID } from './rules/index.ts';
import { ALL } from './pylint-pragmas.ts';
import { pylintIdsOf } from './rules/pylint-codes.ts';
import { namesRule, type Suppression } from './suppress.ts';
import type { CodeAnalysis, CodeAnalysisStats, CodeFindingDraft, CodeRuleMeta, ModuleSummary, SuppressedFinding } from './types.ts';

export class DraftSink {
  readonly drafts: CodeFindingDraft[] = [];
  readonly suppressions = new Map<string, { module: string | null; list: Suppression[] }>();
  readonly problems: Array<{ file: string; message: string }> = [];

  add(draft: CodeFindingDraft): void {
    this.drafts.push(draft);
  }

  addAll(drafts: readonly CodeFindingDraft[]): void {
    for (const draft of drafts) this.drafts.push(draft);
  }

  suppress(file: string, module: string | null, list: Suppression[]): void {
    if (list.length === 0) return;
    const entry = this.suppressions.get(file);
    if (entry) entry.list.push(...list);
    else this.suppressions.set(file, { module, list });
  }

  problem(file: string, message: string): void {
    this.problems.push({ file, message });
  }
}

/** Suppressions without a reason, or naming no rule that exists, are findings themselves. */
export function invalidSuppressionDrafts(sink: DraftSink, rules: readonly CodeRule[]): CodeFindingDraft[] {
  const known = new Set<string>();
  for (const rule of rules) {
    known.add(rule.meta.id);
    known.add(rule.meta.id.slice(rule.meta.id.indexOf('.') + 1));
  }
  known.add('all');
  const out: CodeFindingDraft[] = [];
  for (const [file, { module, list }] of sink.suppressions) {
    for (const s of list) {
      // pylint's comments name pylint's messages, most of which no rule here corresponds to.
      if (s.pylint) continue;
      const unknown = s.ids.filter((id) => !known.has(id));
      const base = { ruleId: INVALID_SUPPRESSION_ID, module, file, line: s.line, column: s.column };
      if (s.ids.length === 0) {
        out.push({ ...base, message: 'This suppression names no rule: write `pulse: disable=<rule id> -- <reason>`.', anchor: `empty|${s.line}` });
      } else if (unknown.length > 0) {
        out.push({ ...base, message: `This suppression names no known rule: ${unknown.join(', ')}.`, anchor: `unknown|${s.ids.join(',')}` });
      }
      if (s.reason === null && s.ids.length > 0) {
        out.push({
          ...base,
          message: `Suppression of ${s.ids.join(', ')} gives no reason, so it silences nothing: add \` -- <why this is safe>\`.`,
          anchor: `no-reason|${s.ids.join(',')}`,
        });
      }
    }
  }
  return out;
}

/** The pylint-odoo names and codes of each rule that declares a pylint-odoo message. */
type PylintIds = ReadonlyMap<string, ReadonlySet<string>>;

function pylintIdsByRule(rules: readonly CodeRule[]): PylintIds {
  const out = new Map<string, ReadonlySet<string>>();
  for (const rule of rules) if (rule.meta.pylintOdoo) out.set(rule.meta.id, pylintIdsOf(rule.meta));
  return out;
}

/** Whether a later `# pylint: enable=…` naming this rule covers the line. */
function reEnabled(list: readonly Suppression[], disable: Suppression, line: number, ids: ReadonlySet<string>): boolean {
  return list.some((s) => s.pylint === 'enable' && s.line > disable.line && line >= s.from && line <= s.to && s.ids.some((id) => id === ALL || ids.has(id)));
}

/** The reason the draft is silenced, or null when no suppression covers it. */
function suppressionReason(draft: CodeFindingDraft, sink: DraftSink, pylintIds: PylintIds): string | null {
  if (draft.ruleId === INVALID_SUPPRESSION_ID) return null;
  const entry = sink.suppressions.get(draft.file);
  if (!entry) return null;
  for (const s of entry.list) {
    if (draft.line < s.from || draft.line > s.to) continue;
    if (!s.pylint) {
      if (s.reason !== null && namesRule(s.ids, draft.ruleId)) return s.reason;
      continue;
    }
    const ids = s.pylint === 'enable' ? undefined : pylintIds.get(draft.ruleId);
    const named = ids && s.ids.find((id) => id === ALL || ids.has(id));
    if (named && !reEnabled(entry.list, s, draft.line, ids)) return s.pylint === 'skip-file' ? 'pylint: skip-file' : `pylint: ${s.pylint}=${named}`;
  }
  return null;
}

function compareDrafts(a: CodeFindingDraft, b: CodeFindingDraft): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Attaches metadata and a fingerprint; equal keys in one file are numbered so each stays distinct. */
export function draftsToFindings(metas: ReadonlyMap<string, CodeRuleMeta>, drafts: readonly CodeFindingDraft[]): Array<{ draft: CodeFindingDraft; finding: Finding }> {
  const seen = new Map<string, number>();
  const sorted = [...drafts].sort(compareDrafts);
  const out: Array<{ draft: CodeFindingDraft; finding: Finding }> = [];
  for (const draft of sorted) {
    const meta = metas.get(draft.ruleId);
    if (!meta) continue;
    const short = meta.id.slice(meta.id.indexOf('.') + 1);
    let key = `${draft.file}|${short}|${draft.anchor}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) key = `${key}#${count}`;
    // A finding about a module with no file (its source is missing) is about the module itself.
    const object: FindingObject =
      draft.file === ''
        ? { kind: 'module', key: draft.module ?? key, label: draft.module ?? undefined }
        : { kind: 'file', key, file: draft.file, line: draft.line, column: draft.column, ...(draft.module ? { label: draft.module } : {}) };
    out.push({
      draft,
      finding: {
        checkId: meta.id,
        dimension: meta.dimension,
        severity: draft.severity ?? meta.severity,
        title: meta.title,
        message: draft.message,
        object,
        evidence: draft.evidence ?? {},
        fingerprint: fingerprint(meta.id, object),
        fix: oneLineFix(meta.remediation),
        effortHours: meta.effortHours,
      },
    });
  }
  return out;
}

export interface BuildInput {
  rules: readonly CodeRule[];
  series: string | null;
  seriesSource: 'option' | 'manifests' | 'unknown';
  sink: DraftSink;
  stats: CodeAnalysisStats;
  modules: readonly ModuleIndex[];
  instance: ReadonlyArray<InstanceModule> | null;
}

export function buildAnalysis(input: BuildInput): CodeAnalysis {
  const metas = new Map(input.rules.map((r) => [r.meta.id, r.meta]));
  const states = input.instance ? new Map(input.instance.map((m) => [m.name, m.state])) : null;
  const scored = (module: string | null): boolean => {
    if (!states || module === null) return true;
    const state = states.get(module);
    return state !== undefined && RUNNING_STATES.has(state);
  };
  const byRule = new Map<string, Finding[]>();
  const unscored: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const pylintIds = pylintIdsByRule(input.rules);
  for (const { draft, finding } of draftsToFindings(metas, input.sink.drafts)) {
    const reason = suppressionReason(draft, input.sink, pylintIds);
    if (reason !== null) {
      suppressed.push({ finding, reason });
    } else if (!scored(draft.module)) {
      unscored.push(finding);
    } else {
      const list = byRule.get(finding.checkId);
      if (list) list.push(finding);
      else byRule.set(finding.checkId, [finding]);
    }
  }
  const results: CheckResult[] = input.rules.map((rule) => {
    const base = { checkId: rule.meta.id, dimension: rule.meta.dimension };
    const gate = ruleApplies(rule.meta, input.series, input.instance !== null);
    if (gate) return { ...base, status: gate.status, reason: gate.reason, findings: [] };
    const findings = byRule.get(rule.meta.id) ?? [];
    const status: CheckStatus = findings.length > 0 ? 'failed' : 'passed';
    return { ...base, status, findings };
  });
  const modules: ModuleSummary[] = input.modules.map((mod) => {
    const version = mod.manifest.value?.version;
    return {
      name: mod.name,
      path: mod.path,
      addonsPath: mod.addonsPath,
      version: typeof version === 'string' ? version : null,
      scored: scored(mod.name),
      state: states ? (states.get(mod.name) ?? null) : null,
    };
  });
  return {
    series: input.series,
    seriesSource: input.seriesSource,
    modules,
    stats: input.stats,
    results,
    unscored,
    suppressed,
    problems: input.sink.problems,
  };
}
