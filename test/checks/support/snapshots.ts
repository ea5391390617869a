/** The committed facts snapshots of the Odoo 17.0 and 18.0 fixture databases (test/fixtures/facts/). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../../../server/src/checks/run.ts';
import type { CheckDefinition, CheckResult, Finding } from '../../../server/src/checks/types.ts';
import type { Facts } from '../../../server/src/facts/types.ts';
import { reference } from './records.ts';

export const SNAPSHOT_SERIES = ['17.0', '18.0'] as const;

export function loadSnapshot(series: string): Facts {
  const path = fileURLToPath(new URL(`../../fixtures/facts/odoo-${series}.facts.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as Facts;
}

export interface SnapshotRun {
  results: CheckResult[];
  findings: Finding[];
  /** "checkId object.key" of every finding, sorted: what a reader of the report would see. */
  seen: string[];
  find(checkId: string, key?: string): Finding | undefined;
}

export function runOnSnapshot(checks: readonly CheckDefinition[], series: string): SnapshotRun {
  const results = runChecks(checks, loadSnapshot(series), reference);
  const findings = results.flatMap((r) => r.findings);
  return {
    results,
    findings,
    seen: findings.map((f) => `${f.checkId} ${f.object.key}`).sort(),
    find: (checkId, key) => findings.find((f) => f.checkId === checkId && (key === undefined || f.object.key === key)),
  };
}
