/**
 * The report of one source analysis and its three renderings: text grouped by module (for people),
 * JSON (for tools) and SARIF 2.1.0 (for code-scanning uploads, built by the shared report/sarif.ts).
 */
import { DIMENSION_TITLES, SEVERITIES, type Finding, type Severity } from '../checks/types.ts';
import { buildSarif, type SarifLog } from '../report/sarif.ts';
import { findingModule, sourceRebaser } from '../report/source-paths.ts';
import { formatNumber, painter, type Painter } from '../report/text-util.ts';
import { TOOL } from '../report/tool.ts';
import { scorePulse } from '../score/scoring.ts';
import type { PulseScore, ScoredFinding } from '../score/types.ts';
import { CODE_RULES } from './rules/index.ts';
import type { CodeAnalysis, CodeAnalysisStats, ModuleSummary } from './types.ts';

export const CODE_REPORT_SCHEMA_VERSION = 1 as const;

export interface CodeReport {
  schemaVersion: typeof CODE_REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  series: string | null;
  seriesSource: CodeAnalysis['seriesSource'];
  /** The Custom code dimension's score (0–100) and grade, scored exactly like a live scan's. */
  customCode: { score: number | null; findingCount: number };
  pulse: PulseScore;
  stats: CodeAnalysisStats;
  modules: ModuleSummary[];
  /** Findings that count, with the points each costs. */
  findings: ScoredFinding[];
  /** Findings in modules the instance does not run: reported, not scored. */
  unscored: Finding[];
  suppressed: CodeAnalysis['suppressed'];
  problems: CodeAnalysis['problems'];
  rules: Array<{ id: string; status: string; reason?: string; findingCount: number }>;
}

export function buildCodeReport(analysis: CodeAnalysis): CodeReport {
  const pulse = scorePulse(analysis.results);
  const dimension = pulse.dimensions.find((d) => d.dimension === 'custom_code');
  return {
    schemaVersion: CODE_REPORT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    series: analysis.series,
    seriesSource: analysis.seriesSource,
    customCode: { score: dimension?.score ?? null, findingCount: dimension?.findingCount ?? 0 },
    pulse,
    stats: analysis.stats,
    modules: analysis.modules,
    findings: pulse.findings,
    unscored: analysis.unscored,
    suppressed: analysis.suppressed,
    problems: analysis.problems,
    rules: analysis.results.map((r) => ({
      id: r.checkId,
      status: r.status,
      ...(r.reason ? { reason: r.reason } : {}),
      findingCount: r.findings.length,
    })),
  };
}

const SEVERITY_STYLE: Record<Severity, Parameters<Painter>[1]> = {
  critical: 'red',
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'dim',
};

function counts(findings: readonly Finding[]): string {
  const by = new Map<Severity, number>();
  for (const f of findings) by.set(f.severity, (by.get(f.severity) ?? 0) + 1);
  const parts = SEVERITIES.filter((s) => by.has(s)).map((s) => `${by.get(s)} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function moduleOf(finding: Finding): string {
  return findingModule(finding) ?? '(project)';
}

function location(finding: Finding, modulePath: string | undefined): string {
  const file = finding.object.file;
  if (!file) return '(module)';
  const inside = modulePath && file.startsWith(`${modulePath}/`) ? file.slice(modulePath.length + 1) : file;
  return `${inside}:${finding.object.line ?? 1}:${finding.object.column ?? 1}`;
}

function findingLines(findings: readonly Finding[], modules: ReadonlyMap<string, ModuleSummary>, paint: Painter): string[] {
  const lines: string[] = [];
  const byModule = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = moduleOf(f);
    const list = byModule.get(key) ?? [];
    list.push(f);
    byModule.set(key, list);
  }
  for (const [name, list] of [...byModule].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const mod = modules.get(name);
    lines.push('', `${paint(name, 'bold')}${mod?.version ? paint(` ${mod.version}`, 'dim') : ''}  ${paint(counts(list), 'dim')}`);
    const sorted = [...list].sort(
      (a, b) =>
        (a.object.file ?? '').localeCompare(b.object.file ?? '') || (a.object.line ?? 0) - (b.object.line ?? 0) || (a.object.column ?? 0) - (b.object.column ?? 0),
    );
    for (const f of sorted) {
      const points = 'points' in f && typeof (f as ScoredFinding).points === 'number' ? paint(` −${formatNumber((f as ScoredFinding).points)}`, 'dim') : '';
      lines.push(`  ${paint(f.severity.toUpperCase().padEnd(8), SEVERITY_STYLE[f.severity])}${location(f, mod?.path)}  ${paint(f.checkId.replace(/^custom_code\./, ''), 'dim')}${points}`);
      lines.push(`          ${f.message}`);
    }
  }
  return lines;
}

export function renderCodeText(report: CodeReport, color = false): string {
  const paint = painter(color);
  const modules = new Map(report.modules.map((m) => [m.name, m]));
  const { stats } = report;
  const seriesText = report.series ? `Odoo ${report.series}${report.seriesSource === 'manifests' ? ' (from the manifests)' : ''}` : 'Odoo series unknown';
  const out: string[] = [
    `${paint('odoo-pulse code', 'bold')}: ${stats.modules} module(s), ${stats.files.total} files, ${stats.lines.total} lines — ${seriesText}`,
  ];
  const score = report.customCode.score;
  out.push(
    '',
    `${DIMENSION_TITLES.custom_code}: ${score === null ? 'not assessed' : paint(`${score}/100`, 'bold')} — ${report.findings.length} finding(s) (${counts(report.findings)})`,
  );
  if (report.pulse.score !== null && report.pulse.score !== score) {
    out.push(paint(`Pulse Score over the assessed dimensions: ${report.pulse.score}${report.pulse.cap ? ` (capped: ${report.pulse.cap.reason})` : ''}`, 'dim'));
  }
  out.push(...findingLines(report.findings, modules, paint));
  if (report.unscored.length > 0) {
    out.push('', paint(`Not installed on the instance — reported, not scored (${report.unscored.length}):`, 'bold'));
    out.push(...findingLines(report.unscored, modules, paint));
  }
  if (report.suppressed.length > 0) {
    out.push('', paint(`Suppressed with a reason: ${report.suppressed.length}`, 'dim'));
  }
  const notRun = report.rules.filter((r) => r.status === 'not_assessed');
  if (notRun.length > 0) out.push(paint(`Rules not assessed: ${notRun.length} (${notRun[0].reason ?? ''})`, 'dim'));
  if (report.problems.length > 0) {
    out.push('', paint(`Could not analyse (${report.problems.length}):`, 'bold'));
    for (const p of report.problems.slice(0, 50)) out.push(`  ${p.file}: ${p.message}`);
    if (report.problems.length > 50) out.push(`  … and ${report.problems.length - 50} more`);
  }
  return `${out.join('\n')}\n`;
}

export function renderCodeJson(report: CodeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * SARIF with file locations relative to `root` (the repository checkout in CI), so code scanning can
 * place them. Findings of modules outside `root` keep their addons-path-relative paths.
 */
export function renderCodeSarif(report: CodeReport, root: string): SarifLog {
  const rebase = sourceRebaser(report.modules, root);
  const ran = new Set(report.rules.filter((r) => r.status === 'passed' || r.status === 'failed').map((r) => r.id));
  return buildSarif({
    rules: CODE_RULES.filter((meta) => ran.has(meta.id)),
    findings: [...report.findings.map(rebase), ...report.unscored.map((f) => ({ ...rebase(f), evidence: { ...f.evidence, scored: false } }))],
    notifications: report.problems.map((p) => ({ level: 'warning' as const, message: `${p.file}: ${p.message}` })),
    sourceRoot: root,
    properties: {
      customCodeScore: report.customCode.score,
      series: report.series,
      lines: report.stats.lines.total,
      files: report.stats.files.total,
    },
  });
}
