/**
 * Assembles the ScanReport of one scan from its facts, check results and score. Pure: the same
 * inputs always give the same report, so a replayed snapshot reports exactly what the live scan did.
 */
import type { CheckResult } from '../checks/types.ts';
import { FACT_KEYS, type Facts } from '../facts/types.ts';
import type { PulseScore } from '../score/types.ts';
import { TOOL } from './tool.ts';
import { REPORT_SCHEMA_VERSION, type ScanReport, type ScanReportCode } from './types.ts';

/** Fact groups that were not collected, with the collector's reason, in the catalogue's order. */
export function factGaps(facts: Facts): ScanReport['gaps'] {
  const gaps: ScanReport['gaps'] = [];
  for (const key of FACT_KEYS) {
    const fact = facts[key];
    if (fact.status === 'not_collected') gaps.push({ fact: key, reason: fact.reason });
  }
  return gaps;
}

export function buildScanReport(facts: Facts, results: readonly CheckResult[], pulse: PulseScore, code?: ScanReportCode): ScanReport {
  const server = facts.server.status === 'collected' ? facts.server.value : null;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    target: { ...facts.target },
    scannedAt: facts.collectedAt,
    instance: {
      series: server?.series ?? null,
      serverVersion: server?.serverVersion ?? null,
      edition: server?.edition ?? null,
      buildDate: server?.buildDate ?? null,
    },
    collectors: facts.collectors.map((run) => ({ ...run })),
    gaps: factGaps(facts),
    pulse,
    checks: results.map((result) => ({
      checkId: result.checkId,
      dimension: result.dimension,
      status: result.status,
      ...(result.reason !== undefined ? { reason: result.reason } : {}),
      findingCount: result.findings.length,
    })),
    ...(code ? { code } : {}),
  };
}
