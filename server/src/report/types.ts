/**
 * The report of one scan: what the CLI prints (text), writes (JSON, SARIF) and what the server stores.
 * The JSON form is documented by schemas/scan-report.schema.json; bump REPORT_SCHEMA_VERSION on any
 * incompatible change.
 */
import type { CheckResult } from '../checks/types.ts';
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
}
