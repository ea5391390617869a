/** One entry point for every scan-report format the CLI can write. */
import type { CheckMeta } from '../checks/types.ts';
import { scanReportToSarif } from './scan-sarif.ts';
import { renderText } from './text.ts';
import type { ScanReport } from './types.ts';

export const REPORT_FORMATS = ['text', 'json', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderReport(
  report: ScanReport,
  format: ReportFormat,
  /** `catalogue`: the checks' and code rules' metadata (SARIF rules); `sourceRoot`: what SARIF file paths are relative to. */
  options: { color?: boolean; catalogue: readonly CheckMeta[]; sourceRoot?: string },
): string {
  switch (format) {
    case 'text':
      return renderText(report, { color: options.color });
    case 'json':
      return renderJson(report);
    case 'sarif':
      return `${JSON.stringify(scanReportToSarif(report, options.catalogue, options.sourceRoot), null, 2)}\n`;
  }
}
