/** scoreHistory(instanceId, from, to): a point per scored scan and daily buckets. */
import { builder, type InstanceRow } from '../builder.ts';
import { dailyBuckets, type DailyScore, type ScorePoint } from '../data/score-history.ts';
import { viewerPartnerId } from '../access.ts';
import { SCORED_SCAN_WHERE } from '../data/scans.ts';
import { argumentId } from '../ids.ts';
import { GraphQLError } from 'graphql';
import { InstanceRef } from './instance.ts';
import { ScanRef } from './scan.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_RANGE_DAYS = 90;
const MAX_RANGE_DAYS = 3 * 366;

interface ScoreHistory {
  instance: InstanceRow;
  from: Date;
  to: Date;
  timezone: string;
  points: ScorePoint[];
  daily: DailyScore[];
}

const ScorePointRef = builder.objectRef<ScorePoint>('ScorePoint').implement({
  fields: (t) => ({
    at: t.field({ type: 'DateTime', description: 'When the scan finished.', resolve: (point) => point.at }),
    score: t.exposeFloat('score'),
    grade: t.exposeString('grade', { nullable: true }),
    coverage: t.exposeFloat('coverage', { nullable: true }),
    scan: t.prismaField({
      type: ScanRef,
      resolve: (query, point, _args, context) => context.db.scan.findFirstOrThrow({ ...query, where: { id: point.scanId, partnerId: viewerPartnerId(context) } }),
    }),
  }),
});

const DailyScoreRef = builder.objectRef<DailyScore>('DailyScore').implement({
  description: "The scans of one day in the partner's time zone.",
  fields: (t) => ({
    date: t.field({ type: 'Date', resolve: (day) => day.date }),
    average: t.exposeFloat('average'),
    min: t.exposeFloat('min'),
    max: t.exposeFloat('max'),
    last: t.exposeFloat('last', { description: "The score of the day's last scan." }),
    scanCount: t.exposeInt('scanCount'),
  }),
});

const ScoreHistoryRef = builder.objectRef<ScoreHistory>('ScoreHistory').implement({
  fields: (t) => ({
    instance: t.field({ type: InstanceRef, resolve: (history) => history.instance }),
    from: t.field({ type: 'DateTime', resolve: (history) => history.from }),
    to: t.field({ type: 'DateTime', resolve: (history) => history.to }),
    timezone: t.string({ description: 'The time zone of the daily buckets.', resolve: (history) => history.timezone }),
    points: t.field({ type: [ScorePointRef], description: 'One point per scored scan, oldest first.', resolve: (history) => history.points }),
    daily: t.field({ type: [DailyScoreRef], description: 'One bucket per day with scans, oldest first.', resolve: (history) => history.daily }),
  }),
});

builder.queryField('scoreHistory', (t) =>
  t.withAuth({ read: true }).field({
    type: ScoreHistoryRef,
    nullable: true,
    description: `An instance's Pulse Score over [from, to) (default: the last ${DEFAULT_RANGE_DAYS} days); null when there is no such instance.`,
    args: {
      instanceId: t.arg.id({ required: true }),
      from: t.arg({ type: 'DateTime', required: false }),
      to: t.arg({ type: 'DateTime', required: false }),
    },
    resolve: async (_root, args, context) => {
      const instanceId = argumentId(String(args.instanceId), 'Instance');
      const to = args.to ?? context.now();
      const from = args.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
      if (from >= to) throw new GraphQLError('"from" must be before "to".', { extensions: { code: 'BAD_USER_INPUT' } });
      if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
        throw new GraphQLError(`Ask for at most ${MAX_RANGE_DAYS} days of history at once.`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const partnerId = context.viewer.partnerId;
      const instance = await context.db.instance.findFirst({ where: { id: instanceId, partnerId }, include: { partner: { select: { timezone: true } } } });
      if (!instance) return null;
      const scans = await context.db.scan.findMany({
        where: { instanceId, partnerId, ...SCORED_SCAN_WHERE, finishedAt: { gte: from, lt: to } },
        orderBy: [{ finishedAt: 'asc' }, { id: 'asc' }],
        select: { id: true, finishedAt: true, score: true, grade: true, coverage: true },
      });
      const points: ScorePoint[] = scans.map((scan) => ({
        scanId: scan.id,
        at: scan.finishedAt as Date,
        score: scan.score as number,
        grade: scan.grade,
        coverage: scan.coverage,
      }));
      const { partner, ...row } = instance;
      return { instance: row, from, to, timezone: partner.timezone, points, daily: dailyBuckets(points, partner.timezone) };
    },
  }),
);
