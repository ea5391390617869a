/**
 * Which scan is an instance's "latest" and which gives its "current score":
 * - latest scan: the one queued last, whatever its status;
 * - current scan: the last finished scan that produced a score (succeeded or partial).
 */
import { Prisma, type Db, type ScanStatus } from '../../db/client.ts';

export const SCORED_STATUSES: ScanStatus[] = ['succeeded', 'partial'];
export const ACTIVE_STATUSES: ScanStatus[] = ['queued', 'running'];
export const FINAL_STATUSES: ScanStatus[] = ['succeeded', 'partial', 'failed'];

export const LATEST_SCAN_ORDER = [{ queuedAt: 'desc' }, { id: 'desc' }] satisfies Prisma.ScanOrderByWithRelationInput[];

export const SCORED_SCAN_WHERE = { status: { in: SCORED_STATUSES }, score: { not: null } } satisfies Prisma.ScanWhereInput;
export const CURRENT_SCAN_ORDER = [
  { finishedAt: { sort: 'desc', nulls: 'last' } },
  { queuedAt: 'desc' },
  { id: 'desc' },
] satisfies Prisma.ScanOrderByWithRelationInput[];

/** Relation arguments that select an instance's latest scan and its current (scored) scan. */
export const LATEST_SCAN_ARGS = { orderBy: LATEST_SCAN_ORDER, take: 1 } as const;
export const CURRENT_SCAN_ARGS = { where: SCORED_SCAN_WHERE, orderBy: CURRENT_SCAN_ORDER, take: 1 } as const;

/** The instance status filter: the latest scan's status, or never_scanned. */
export type InstanceStatus = ScanStatus | 'never_scanned';

export interface LatestScanFilter {
  statuses?: readonly InstanceStatus[] | null;
  minScore?: number | null;
  maxScore?: number | null;
}

export function hasLatestScanFilter(filter: LatestScanFilter): boolean {
  return Boolean(filter.statuses?.length) || filter.minScore != null || filter.maxScore != null;
}

/**
 * Ids of the partner's instances whose latest scan has one of `statuses` and whose current score is
 * within [minScore, maxScore]. One query; the caller pages through the ids with Prisma.
 */
export async function instanceIdsByLatestScan(db: Db, partnerId: string, filter: LatestScanFilter): Promise<string[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`i.partner_id = ${partnerId}::uuid`];
  if (filter.statuses?.length) {
    conditions.push(Prisma.sql`COALESCE(latest.status::text, 'never_scanned') IN (${Prisma.join([...filter.statuses])})`);
  }
  if (filter.minScore != null) conditions.push(Prisma.sql`scored.score >= ${filter.minScore}`);
  if (filter.maxScore != null) conditions.push(Prisma.sql`scored.score <= ${filter.maxScore}`);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT i.id::text AS id
    FROM instance i
    LEFT JOIN LATERAL (
      SELECT s.status FROM scan s
      WHERE s.instance_id = i.id AND s.partner_id = i.partner_id
      ORDER BY s.queued_at DESC, s.id DESC LIMIT 1
    ) latest ON true
    LEFT JOIN LATERAL (
      SELECT s.score FROM scan s
      WHERE s.instance_id = i.id AND s.partner_id = i.partner_id
        AND s.status IN ('succeeded', 'partial') AND s.score IS NOT NULL
      ORDER BY s.finished_at DESC NULLS LAST, s.queued_at DESC, s.id DESC LIMIT 1
    ) scored ON true
    WHERE ${Prisma.join(conditions, ' AND ')}`;
  return rows.map((row) => row.id);
}
