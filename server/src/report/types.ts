/**
 * The report of one scan: what the CLI prints (text), writes (JSON, SARIF) and what the server stores.
 * The JSON form is documented by schemas/scan-report.schema.json; bump REPORT_SCHEMA_VERSION on any
 * incompatible change.
 */
import type { CheckResult, Finding } from '../checks/types.ts';
import type { CodeAnalysisStats, ModuleSummary, SuppressedFinding } from '../code/types.ts';
import type { CollectorRun, ScanTarget } from '../facts/types.ts';
import type { PulseScore } from '../score/types.ts';

export const REPORT_SCHEMA_VERSION = 1 as const;

export interface ScanReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'odoo-pulse'; version: string };
  target: ScanTarget;
  scannedAt: string;
  /** Series and build as the instance reported them, when reached. */
  instance: {
    series: string | null;
    serverVersion: string | null;
    edition: 'community' | 'enterprise' | null;
    buildDate: string | null;
  };
  collectors: CollectorRun[];
  /** Fact groups that were not collected, with why. */
  gaps: Array<{ fact: string; reason: string }>;
  pulse: PulseScore;
  checks: Array<Pick<CheckResult, 'checkId' | 'dimension' | 'status' | 'reason'> & { findingCount: number }>;
  /** What the source-code analyser's rules read: database-stored code, and the addons given with --addons. Absent in reports of older versions. */
  code?: ScanReportCode;
}

/**
 * The code a scan put through the source-code analyser's rules. Their findings are scored with the
 * live checks' (in `pulse`); what is here is what the score does not show.
 */
export interface ScanReportCode {
  /** Addons paths analysed with the scan (`--addons`), as given, or the code source's label; empty when no source was given. */
  addonsPaths: string[];
  /** Odoo series the rules were applied for (the instance's), or null when unknown. */
  series: string | null;
  /** The modules found in the addons paths: `scored` is false for modules the instance does not run. */
  modules: ModuleSummary[];
  /** Files and lines read from the addons paths (null without --addons). */
  stats: CodeAnalysisStats | null;
  /** Records whose code went through the rules: Python server actions and views without an XML id. */
  storedCode: { serverActions: number; views: number };
  /** Findings in the source of modules the instance does not run: reported, not scored. */
  unscored: Finding[];
  /** Findings silenced by a `pulse: disable=` comment with a reason, or by pylint's own disable comments. */
  suppressed: SuppressedFinding[];
  /** Source files or stored records that could not be analysed, with why. */
  problems: Array<{ file: string; message: string }>;
}
