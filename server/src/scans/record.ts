/**
 * Storing a scan: the Scan row through its states (queued → running → succeeded / partial / failed)
 * and, for a scored scan, in one transaction: the score (accepted risks and false positives left
 * out), the compressed facts, the report, the findings lifecycle applied to Finding rows, and one
 * ScanFinding link per finding the scan saw.
 */
import type { Db, Prisma } from '../db/client.ts';
import type { ScanOutcome } from '../engine/evaluate.ts';
import { excludedFromScoring, planFindingLifecycle, type FindingChange, type ObservedFinding, type TrackedFinding } from '../findings/lifecycle.ts';
import { buildScanReport } from '../report/build.ts';
import { forecast } from '../score/scoring.ts';
import type { PulseScore, ScoringOptions } from '../score/types.ts';
import { compressFacts } from './facts-archive.ts';
import { scanVerdict } from './status.ts';

type Tx = Parameters<Extract<Parameters<Db['$transaction']>[0], (...args: never[]) => unknown>>[0];
type Severity = ObservedFinding['severity'];

/** The scan is not queued or running any more (another attempt already finished it). */
export class ScanNotActiveError extends Error {
  override name = 'ScanNotActiveError';
  constructor(readonly scanId: string, readonly status: string) {
    super(`Scan ${scanId} is already ${status}.`);
  }
}

export interface OpenedFinding {
  findingId: string;
  fingerprint: string;
  severity: Severity;
  /** opened: first seen; reopened: seen again after it was resolved. */
  transition: 'opened' | 'reopened';
}

export interface RecordedScan {
  scanId: string;
  instanceId: string;
  partnerId: string;
  status: 'succeeded' | 'partial';
  score: number | null;
  /** The instance's score before this scan (its latest scored scan), null if none. */
  previousScore: number | null;
  pulse: PulseScore;
  opened: OpenedFinding[];
  resolved: number;
  /** Findings the scan saw (one ScanFinding link each). */
  seen: number;
}

export interface RecordScanOptions {
  scoring?: ScoringOptions;
  /** When the scan finished (default now). */
  finishedAt?: Date;
  /** What else the scan lacked, one phrase each (e.g. its code source could not be fetched): it is then partial. */
  problems?: readonly string[];
}

/** Marks a queued (or retried) scan running; returns false when it is not queued or running any more. */
export async function markScanRunning(db: Db, scanId: string, at: Date): Promise<boolean> {
  const { count } = await db.scan.updateMany({
    where: { id: scanId, status: { in: ['queued', 'running'] } },
    data: { status: 'running', error: null },
  });
  if (count === 0) return false;
  // The first attempt's start is the scan's start.
  await db.scan.updateMany({ where: { id: scanId, startedAt: null }, data: { startedAt: at } });
  return true;
}

/** Back to queued between attempts, saying why and that it will be retried. */
export async function markScanRetrying(db: Db, scanId: string, reason: string): Promise<void> {
  await db.scan.updateMany({ where: { id: scanId, status: { in: ['queued', 'running'] } }, data: { status: 'queued', error: reason } });
}

/** Ends an active scan as failed with one sentence; false when it had already ended. */
export async function markScanFailed(db: Db, scanId: string, error: string, at: Date): Promise<boolean> {
  const { count } = await db.scan.updateMany({
    where: { id: scanId, status: { in: ['queued', 'running'] } },
    data: { status: 'failed', error, finishedAt: at },
  });
  return count > 0;
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

function contentOf(finding: ObservedFinding) {
  return {
    checkId: finding.checkId,
    dimension: finding.dimension,
    severity: finding.severity,
    title: finding.title,
    message: finding.message,
    object: json(finding.object),
    evidence: json(finding.evidence),
    points: finding.points,
    effortHours: finding.effortHours,
  };
}

/** Every finding of the scan with the points it costs in the stored score (0 when left out). */
function observedFindings(outcome: ScanOutcome, pulse: PulseScore): ObservedFinding[] {
  const points = new Map(pulse.findings.map((f) => [f.fingerprint, f.points]));
  const all = outcome.results.flatMap((r) => r.findings).map((f) => ({ ...f, points: points.get(f.fingerprint) ?? 0 }));
  return all.sort((a, b) => b.points - a.points);
}

async function lockActiveScan(tx: Tx, scanId: string): Promise<{ instanceId: string; partnerId: string }> {
  const rows = await tx.$queryRaw<Array<{ instance_id: string; partner_id: string; status: string }>>`
    SELECT instance_id::text, partner_id::text, status::text FROM scan WHERE id = ${scanId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new Error(`Scan ${scanId} does not exist.`);
  const [row] = rows;
  if (row.status !== 'queued' && row.status !== 'running') throw new ScanNotActiveError(scanId, row.status);
  return { instanceId: row.instance_id, partnerId: row.partner_id };
}

/** The instance's findings, locked so a person's decision made meanwhile is not overwritten. */
async function trackedFindings(tx: Tx, instanceId: string): Promise<TrackedFinding[]> {
  await tx.$executeRaw`SELECT 1 FROM finding WHERE instance_id = ${instanceId}::uuid FOR UPDATE`;
  return tx.finding.findMany({
    where: { instanceId },
    select: { id: true, fingerprint: true, checkId: true, status: true, acceptedRiskUntil: true },
  });
}

async function applyChanges(tx: Tx, scan: { id: string; instanceId: string; partnerId: string }, changes: FindingChange[]) {
  const created = changes.filter((c) => c.id === null);
  const rows = created.length
    ? await tx.finding.createManyAndReturn({
        data: created.map((c) => ({
          partnerId: scan.partnerId,
          instanceId: scan.instanceId,
          fingerprint: c.fingerprint,
          ...contentOf(c.observed!),
          status: 'open' as const,
          firstSeenAt: c.set.firstSeenAt!,
          lastSeenAt: c.set.lastSeenAt!,
        })),
        select: { id: true, fingerprint: true },
      })
    : [];
  const idOf = new Map(rows.map((r) => [r.fingerprint, r.id]));
  for (const change of changes) {
    if (change.id === null) continue;
    idOf.set(change.fingerprint, change.id);
    await tx.finding.update({
      where: { id: change.id },
      data: { ...(change.observed ? contentOf(change.observed) : {}), ...change.set },
      select: { id: true },
    });
  }
  const links = changes
    .filter((c) => c.observed !== null)
    .map((c) => ({ scanId: scan.id, findingId: idOf.get(c.fingerprint)!, severity: c.observed!.severity, points: c.observed!.points }));
  if (links.length) await tx.scanFinding.createMany({ data: links });
  return { idOf, links: links.length };
}

function dateOnly(text: string | null): Date | null {
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
}

/**
 * Stores a scored scan in one transaction; the scan must be queued or running (else
 * ScanNotActiveError, and nothing is written). Publishes nothing: see ./publish.ts.
 */
export async function recordScanOutcome(db: Db, scanId: string, outcome: ScanOutcome, options: RecordScanOptions = {}): Promise<RecordedScan> {
  const scannedAt = new Date(outcome.facts.collectedAt);
  const factsGz = await compressFacts(outcome.facts);
  return db.$transaction(
    async (tx) => {
      const { instanceId, partnerId } = await lockActiveScan(tx, scanId);
      const tracked = await trackedFindings(tx, instanceId);
      // Accepted risks and false positives are removed before scoring (docs/scoring.md).
      const pulse = forecast(outcome.results, excludedFromScoring(tracked, scannedAt), options.scoring);
      const changes = planFindingLifecycle({ tracked, observed: observedFindings(outcome, pulse), checks: outcome.results, at: scannedAt });
      const previous = await tx.scan.findFirst({
        where: { instanceId, id: { not: scanId }, score: { not: null } },
        orderBy: { queuedAt: 'desc' },
        select: { score: true },
      });
      const { idOf, links } = await applyChanges(tx, { id: scanId, instanceId, partnerId }, changes);
      const verdict = scanVerdict({ facts: outcome.facts, pulse }, options.problems);
      const report = buildScanReport(outcome.facts, outcome.results, pulse, outcome.code);
      await tx.scan.update({
        where: { id: scanId },
        data: {
          status: verdict.status,
          error: verdict.error,
          finishedAt: options.finishedAt ?? new Date(),
          series: report.instance.series,
          serverVersion: report.instance.serverVersion,
          edition: report.instance.edition,
          buildDate: dateOnly(report.instance.buildDate),
          score: pulse.score,
          uncappedScore: pulse.uncappedScore,
          grade: pulse.grade,
          dimensionScores: json(pulse.dimensions),
          coverage: pulse.coverage,
          cap: pulse.cap ? json(pulse.cap) : undefined,
          scoringVersion: pulse.scoringVersion,
          facts: new Uint8Array(factsGz),
          report: json(report),
        },
        select: { id: true },
      });
      return {
        scanId,
        instanceId,
        partnerId,
        status: verdict.status,
        score: pulse.score,
        previousScore: previous?.score ?? null,
        pulse,
        opened: changes
          .filter((c): c is FindingChange & { transition: 'opened' | 'reopened' } => c.transition === 'opened' || c.transition === 'reopened')
          .map((c) => ({ findingId: idOf.get(c.fingerprint)!, fingerprint: c.fingerprint, severity: c.observed!.severity, transition: c.transition })),
        resolved: changes.filter((c) => c.transition === 'resolved').length,
        seen: links,
      };
    },
    // Large instances write hundreds of findings; PGlite serialises everything.
    { timeout: 120_000, maxWait: 30_000 },
  );
}
