/**
 * SARIF for a live scan: the checks and code rules that ran are the rules; gaps, failed checks and
 * code that could not be analysed are tool notifications. Findings in source files given with
 * --addons get file locations relative to `sourceRoot` (the checkout), those of modules the instance
 * does not run are included with `scored: false`.
 */
import type { CheckMeta } from '../checks/types.ts';
import { buildSarif, type SarifLog } from './sarif.ts';
import { sourceRebaser } from './source-paths.ts';
import type { ScanReport } from './types.ts';

export function scanReportToSarif(report: ScanReport, catalogue: readonly CheckMeta[], sourceRoot?: string): SarifLog {
  const ran = new Set(report.checks.map((c) => c.checkId));
  const code = report.code;
  const hasSource = code !== undefined && code.addonsPaths.length > 0;
  const rebase = hasSource && sourceRoot ? sourceRebaser(code.modules, sourceRoot) : <F>(finding: F) => finding;
  const notifications = [
    ...report.gaps.map((gap) => ({
      level: 'warning' as const,
      message: `Facts "${gap.fact}" were not collected (${gap.reason}); checks that need them were not assessed.`,
    })),
    ...report.checks
      .filter((c) => c.status === 'error')
      .map((c) => ({ level: 'error' as const, message: `Check ${c.checkId} could not run: ${c.reason ?? 'unknown error'}` })),
    ...(code?.problems ?? []).map((p) => ({ level: 'warning' as const, message: `${p.file}: ${p.message}` })),
  ];
  return buildSarif({
    rules: catalogue.filter((meta) => ran.has(meta.id)),
    findings: [
      ...report.pulse.findings.map(rebase),
      ...(code?.unscored ?? []).map((f) => ({ ...rebase(f), evidence: { ...f.evidence, scored: false } })),
    ],
    notifications,
    ...(hasSource && sourceRoot ? { sourceRoot } : {}),
    properties: {
      target: report.target.url,
      database: report.target.database,
      series: report.instance.series,
      serverVersion: report.instance.serverVersion,
      scannedAt: report.scannedAt,
      pulseScore: report.pulse.score,
      grade: report.pulse.grade,
      coverage: report.pulse.coverage,
      scoringVersion: report.pulse.scoringVersion,
    },
  });
}
