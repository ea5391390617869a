/** SARIF for a live scan: the checks that ran are the rules; gaps and failed checks are tool notifications. */
import type { CheckMeta } from '../checks/types.ts';
import { buildSarif, type SarifLog } from './sarif.ts';
import type { ScanReport } from './types.ts';

export function scanReportToSarif(report: ScanReport, catalogue: readonly CheckMeta[]): SarifLog {
  const ran = new Set(report.checks.map((c) => c.checkId));
  const notifications = [
    ...report.gaps.map((gap) => ({
      level: 'warning' as const,
      message: `Facts "${gap.fact}" were not collected (${gap.reason}); checks that need them were not assessed.`,
    })),
    ...report.checks
      .filter((c) => c.status === 'error')
      .map((c) => ({ level: 'error' as const, message: `Check ${c.checkId} could not run: ${c.reason ?? 'unknown error'}` })),
  ];
  return buildSarif({
    rules: catalogue.filter((meta) => ran.has(meta.id)),
    findings: report.pulse.findings,
    notifications,
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
