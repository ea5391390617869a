/**
 * Which scan is an instance's "latest" and which gives its "current score":
 * - latest scan: the one queued last, whatever its status;
 * - current scan: the last one that produced a score (succeeded or partial).
 * Both follow the queue order (queued_at, then id), which the index on scan (instance_id, queued_at)
 * serves. Scans of one instance never overlap (the jobs layer refuses a second active scan), so the
 * last scored scan queued is also the last one to have finished.
 */
import type { Db, ScanStatus } from '../../db/client.ts';
import { Prisma } from '../../db/client.ts';
import type { ScanRow } from '../builder.ts';
import { batchPerTick, type BatchLoad } from './batch.ts';

export const SCORED_STATUSES: ScanStatus[] = ['succeeded', 'partial'];
export const ACTIVE_STATUSES: ScanStatus[] = ['queued', 'running'];
export const FINAL_STATUSES: ScanStatus[] = ['succeeded', 'partial', 'failed'];

export const SCORED_SCAN_WHERE = { status: { in: SCORED_STATUSES }, score: { not: null } } satisfies Prisma.ScanWhereInput;

/** An instance's latest scan and its current (scored) scan. */
export interface InstanceScans {
  latest: ScanRow | null;
  current: ScanRow | null;
}

const NO_SCANS: InstanceScans = { latest: null, current: null };

/**
 * `instance i` with, beside each row, `latest` (id and status of its latest scan) and `scored` (id and
 * score of its current scan): the two definitions above, in SQL, for every query that needs them.
 */
const INSTANCES_WITH_LATEST_AND_SCORED_SCAN = Prisma.sql`FROM instance i
    LEFT JOIN LATERAL (
      SELECT s.id, s.status FROM scan s
      WHERE s.instance_id = i.id AND s.partner_id = i.partner_id
      ORDER BY s.queued_at DESC, s.id DESC LIMIT 1
    ) latest ON true
    LEFT JOIN LATERAL (
      SELECT s.id, s.score FROM scan s
      WHERE s.instance_id = i.id AND s.partner_id = i.partner_id
        AND s.status IN ('succeeded', 'partial') AND s.score IS NOT NULL
      ORDER BY s.queued_at DESC, s.id DESC LIMIT 1
    ) scored ON true`;

/**
 * The latest and the current scan of each of the partner's `instanceIds` (other ids get none): one
 * index probe per instance and kind, then the rows by id.
 */
export async function latestAndCurrentScans(db: Db, partnerId: string, instanceIds: readonly string[]): Promise<Map<string, InstanceScans>> {
  const found = new Map<string, InstanceScans>();
  if (instanceIds.length === 0) return found;
  const heads = await db.$queryRaw<{ instance_id: string; latest_id: string | null; current_id: string | null }[]>`
    SELECT i.id::text AS instance_id, latest.id::text AS latest_id, scored.id::text AS current_id
    ${INSTANCES_WITH_LATEST_AND_SCORED_SCAN}
    WHERE i.partner_id = ${partnerId}::uuid AND i.id = ANY(${[...new Set(instanceIds)]}::uuid[])`;
  const scanIds = [...new Set(heads.flatMap((head) => [head.latest_id, head.current_id].filter((id): id is string => id !== null)))];
  const rows = scanIds.length ? await db.scan.findMany({ where: { partnerId, id: { in: scanIds } } }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const head of heads) {
    found.set(head.instance_id, {
      latest: (head.latest_id && byId.get(head.latest_id)) || null,
      current: (head.current_id && byId.get(head.current_id)) || null,
    });
  }
  return found;
}

const loaders = new WeakMap<Db, BatchLoad<InstanceScans>>();

/**
 * One instance's latest and current scan, for a field resolver: the lookups of one turn (a page of
 * instances, the subscribers of one event) share one latestAndCurrentScans per partner.
 */
export function loadInstanceScans(db: Db, partnerId: string, instanceId: string): Promise<InstanceScans> {
  let load = loaders.get(db);
  if (!load) {
    load = batchPerTick((group, ids) => latestAndCurrentScans(db, group, ids), NO_SCANS);
    loaders.set(db, load);
  }
  return load(partnerId, instanceId);
}

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
    ${INSTANCES_WITH_LATEST_AND_SCORED_SCAN}
    WHERE ${Prisma.join(conditions, ' AND ')}`;
  return rows.map((row) => row.id);
}
