/** portfolio: the partner's instances at a glance, on their current scores. */
import type { Prisma } from '../../db/client.ts';
import { viewerPartnerId } from '../access.ts';
import { builder } from '../builder.ts';
import { currentScans, portfolioSummary, type DimensionAverage, type PortfolioSummary } from '../data/portfolio.ts';
import { notRemoved } from '../data/removal.ts';
import { argumentId } from '../ids.ts';
import { DimensionEnum } from './enums.ts';
import { InstanceRef } from './instance.ts';

/** Findings that still need work: open or acknowledged. */
const UNRESOLVED = ['open', 'acknowledged'] as const;

interface Portfolio extends PortfolioSummary {
  threshold: number;
  openCriticalFindings: number;
}

const DimensionAverageRef = builder.objectRef<DimensionAverage>('DimensionAverage').implement({
  fields: (t) => ({
    dimension: t.field({ type: DimensionEnum, resolve: (entry) => entry.dimension }),
    averageScore: t.exposeFloat('averageScore'),
    instanceCount: t.exposeInt('instanceCount', { description: 'Instances whose current scan assessed this dimension.' }),
  }),
});

const PortfolioRef = builder.objectRef<Portfolio>('Portfolio').implement({
  description: "The partner's instances (removed ones excluded) on their current scores.",
  fields: (t) => ({
    instanceCount: t.exposeInt('instanceCount'),
    scoredInstanceCount: t.exposeInt('scoredInstanceCount', { description: 'Instances with at least one scored scan.' }),
    averageScore: t.exposeFloat('averageScore', { nullable: true, description: 'Mean current score; null when nothing is scored.' }),
    threshold: t.exposeFloat('threshold'),
    belowThresholdCount: t.int({ resolve: (portfolio) => portfolio.belowThreshold.length }),
    instancesBelowThreshold: t.prismaField({
      type: [InstanceRef],
      description: 'Instances whose current score is under the threshold, lowest first.',
      args: { first: t.arg.int({ required: false, defaultValue: 20, description: 'At most this many (≤ 100).' }) },
      resolve: async (query, portfolio, args, context) => {
        const ids = portfolio.belowThreshold.slice(0, Math.max(0, Math.min(100, args.first ?? 20)));
        const rows = await context.db.instance.findMany({ ...query, where: { id: { in: ids }, partnerId: viewerPartnerId(context) } });
        return ids.flatMap((id) => rows.filter((row) => row.id === id));
      },
    }),
    openCriticalFindings: t.exposeInt('openCriticalFindings', { description: 'Critical findings open or acknowledged.' }),
    weakestDimensions: t.field({
      type: [DimensionAverageRef],
      description: 'Dimensions by average current score, weakest first.',
      args: { first: t.arg.int({ required: false, defaultValue: 3 }) },
      resolve: (portfolio, args) => portfolio.dimensions.slice(0, Math.max(0, args.first ?? 3)),
    }),
  }),
});

builder.queryField('portfolio', (t) =>
  t.withAuth({ read: true }).field({
    type: PortfolioRef,
    description: 'Average score, instances under a threshold, open criticals and weakest dimensions.',
    args: {
      threshold: t.arg.float({ required: false, defaultValue: 70, description: 'Score under which an instance is listed.' }),
      clientId: t.arg.id({ required: false, description: "Only this client's instances." }),
      tag: t.arg.string({ required: false, description: 'Only instances with this tag.' }),
    },
    resolve: async (_root, args, context) => {
      const partnerId = context.viewer.partnerId;
      const where: Prisma.InstanceWhereInput = {
        AND: [
          { partnerId },
          notRemoved(),
          args.clientId ? { clientId: argumentId(String(args.clientId), 'Client') } : {},
          args.tag ? { tags: { has: args.tag } } : {},
        ],
      };
      const instances = await context.db.instance.findMany({ where, select: { id: true } });
      const ids = instances.map((instance) => instance.id);
      const threshold = args.threshold ?? 70;
      const summary = portfolioSummary(ids, await currentScans(context.db, partnerId, ids), threshold);
      const openCriticalFindings = await context.db.finding.count({
        where: { partnerId, instanceId: { in: ids }, severity: 'critical', status: { in: [...UNRESOLVED] } },
      });
      return { ...summary, threshold, openCriticalFindings };
    },
  }),
);
