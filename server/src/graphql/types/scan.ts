/**
 * Scan: one run of collect → check → score on an instance. Query `scans`, mutation `startScan`.
 * Score details (dimension scores, cap) are stored as JSON by the jobs layer, in the shapes of
 * server/src/score/types.ts.
 */
import type { Prisma } from '../../db/client.ts';
import type { DimensionScore, ScoreCap } from '../../score/types.ts';
import { ownRow } from '../access.ts';
import { builder, type AuthenticatedContext, type ScanRow } from '../builder.ts';
import { notRemoved } from '../data/removal.ts';
import { ACTIVE_STATUSES } from '../data/scans.ts';
import { ScanAlreadyActiveError } from '../context.ts';
import { InvalidInputError, NotFoundError, ScanInProgressError } from '../errors.ts';
import { argumentId, globalId, inputId } from '../ids.ts';
import { DimensionEnum, ScanStatusEnum, ScanTriggerEnum, SeverityEnum } from './enums.ts';

const CheckCountsRef = builder.objectRef<DimensionScore['checks']>('CheckCounts').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    assessed: t.exposeInt('assessed'),
    passed: t.exposeInt('passed'),
    failed: t.exposeInt('failed'),
    notAssessed: t.exposeInt('notAssessed'),
    notApplicable: t.exposeInt('notApplicable'),
  }),
});

export const DimensionScoreRef = builder.objectRef<DimensionScore>('DimensionScore').implement({
  fields: (t) => ({
    dimension: t.field({ type: DimensionEnum, resolve: (score) => score.dimension }),
    title: t.exposeString('title'),
    weight: t.exposeFloat('weight'),
    score: t.exposeFloat('score', { nullable: true, description: 'null when not assessed.' }),
    assessed: t.exposeBoolean('assessed'),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it was not assessed (which facts were missing).' }),
    findingCount: t.exposeInt('findingCount'),
    checks: t.field({ type: CheckCountsRef, resolve: (score) => score.checks }),
  }),
});

const ScoreCapRef = builder.objectRef<ScoreCap>('ScoreCap').implement({
  description: 'Open critical (or high) findings hold the score at or below a limit.',
  fields: (t) => ({
    limit: t.exposeFloat('limit'),
    reason: t.exposeString('reason'),
    severity: t.field({ type: SeverityEnum, resolve: (cap) => cap.severity }),
    findingCount: t.exposeInt('findingCount'),
  }),
});

/** The stored dimension scores, ignoring entries that do not have the expected shape. */
export function dimensionScoresOf(value: Prisma.JsonValue | null): DimensionScore[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is Prisma.JsonObject =>
      typeof entry === 'object' && entry !== null && !Array.isArray(entry) && typeof entry.dimension === 'string',
  ) as unknown as DimensionScore[];
}

function capOf(value: Prisma.JsonValue | null): ScoreCap | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.limit === 'number'
    ? (value as unknown as ScoreCap)
    : null;
}

export const ScanRef = builder.prismaNode('Scan', {
  description: 'One run of collect → check → score on an instance.',
  id: { field: 'id' },
  nullable: true,
  findUnique: ownRow,
  select: { id: true },
  fields: (t) => ({
    instance: t.relation('instance'),
    status: t.expose('status', { type: ScanStatusEnum }),
    trigger: t.expose('trigger', { type: ScanTriggerEnum }),
    queuedAt: t.expose('queuedAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    series: t.exposeString('series', { nullable: true, description: 'Odoo series, e.g. "18.0".' }),
    serverVersion: t.exposeString('serverVersion', { nullable: true }),
    edition: t.exposeString('edition', { nullable: true }),
    buildDate: t.expose('buildDate', { type: 'Date', nullable: true }),
    score: t.exposeFloat('score', { nullable: true, description: 'Pulse Score 0–100; null until scored, or when nothing could be assessed.' }),
    uncappedScore: t.exposeFloat('uncappedScore', { nullable: true }),
    grade: t.exposeString('grade', { nullable: true }),
    coverage: t.exposeFloat('coverage', { nullable: true, description: 'Share (0–1) of the total weight that was assessed.' }),
    cap: t.field({ type: ScoreCapRef, nullable: true, select: { cap: true }, resolve: (scan) => capOf(scan.cap) }),
    dimensionScores: t.field({
      type: [DimensionScoreRef],
      select: { dimensionScores: true },
      resolve: (scan) => dimensionScoresOf(scan.dimensionScores),
    }),
    scoringVersion: t.exposeString('scoringVersion', { nullable: true }),
    error: t.exposeString('error', { nullable: true, description: 'Why the scan failed or was partial.' }),
    findings: t.relatedConnection('findings', {
      description: 'The findings this scan saw, with what each cost in this scan.',
      cursor: 'scanId_findingId',
      totalCount: true,
      query: { orderBy: [{ points: 'desc' }, { findingId: 'asc' }] },
    }),
  }),
});

builder.prismaObject('ScanFinding', {
  description: 'A finding as one scan saw it.',
  select: { scanId: true, findingId: true },
  fields: (t) => ({
    finding: t.relation('finding'),
    severity: t.expose('severity', { type: SeverityEnum }),
    points: t.exposeFloat('points', { description: 'Pulse Score points it cost in this scan.' }),
  }),
});

// -----------------------------------------------------------------------------------------------
// Queries

const ScanFilter = builder.inputType('ScanFilter', {
  fields: (t) => ({
    instanceId: t.id({ required: false }),
    from: t.field({ type: 'DateTime', required: false, description: 'Queued at or after.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Queued before.' }),
    status: t.field({ type: [ScanStatusEnum], required: false }),
  }),
});

function scanWhere(context: AuthenticatedContext, filter: typeof ScanFilter.$inferInput | null | undefined): Prisma.ScanWhereInput {
  const where: Prisma.ScanWhereInput = { partnerId: context.viewer.partnerId };
  if (filter?.instanceId) where.instanceId = argumentId(String(filter.instanceId), 'Instance');
  if (filter?.from || filter?.to) where.queuedAt = { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) };
  if (filter?.status?.length) where.status = { in: filter.status };
  return where;
}

builder.queryField('scans', (t) =>
  t.withAuth({ read: true }).prismaConnection({
    type: ScanRef,
    description: 'Scans, newest first.',
    cursor: 'id',
    args: { filter: t.arg({ type: ScanFilter, required: false }) },
    resolve: (query, _root, args, context) =>
      context.db.scan.findMany({ ...query, where: scanWhere(context, args.filter), orderBy: [{ queuedAt: 'desc' }, { id: 'desc' }] }),
    totalCount: (_root, args, context) => context.db.scan.count({ where: scanWhere(context, args.filter) }),
  }),
);

// -----------------------------------------------------------------------------------------------
// startScan

const StartScanSuccess = builder.objectRef<{ scan: ScanRow }>('StartScanSuccess').implement({
  fields: (t) => ({
    scan: t.field({ type: ScanRef, description: 'The queued scan: follow it with scanProgress and scanFinished.', resolve: (result) => result.scan }),
  }),
});

builder.mutationField('startScan', (t) =>
  t.withAuth({ write: true }).field({
    description: 'Queues a scan of an instance now (write scope). Scans of one instance never overlap.',
    type: StartScanSuccess,
    errors: { types: [InvalidInputError, NotFoundError, ScanInProgressError], directResult: true, union: { name: 'StartScanResult' } },
    args: { instanceId: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const partnerId = context.viewer.partnerId;
      const instanceId = inputId(String(args.instanceId), 'Instance', 'instanceId');
      const instance = await context.db.instance.findFirst({ where: { id: instanceId, partnerId, ...notRemoved() }, select: { id: true } });
      if (!instance) throw new NotFoundError('Instance', String(args.instanceId));
      const active = await context.db.scan.findFirst({ where: { instanceId, partnerId, status: { in: ACTIVE_STATUSES } }, select: { id: true } });
      if (active) throw new ScanInProgressError(globalId('Scan', active.id));
      let scanId: string;
      try {
        scanId = await context.scanQueue.enqueue(instanceId, 'api');
      } catch (error) {
        if (error instanceof ScanAlreadyActiveError) throw new ScanInProgressError(globalId('Scan', error.scanId));
        throw error;
      }
      const scan = await context.db.scan.findFirstOrThrow({ where: { id: scanId, partnerId } });
      return { scan };
    },
  }),
);
