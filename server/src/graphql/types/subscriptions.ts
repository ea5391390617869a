/**
 * Subscriptions (graphql-ws, or SSE with Accept: text/event-stream), read scope. Each listens on
 * the viewer's partner channel only, then narrows to the instances asked for; the objects an event
 * names are loaded with the viewer's partner in the filter, so nothing of another partner is sent.
 */
import { filter, map, pipe } from 'graphql-yoga';
import type { Finding, Severity } from '../../db/client.ts';
import { ownRow, viewerPartnerId } from '../access.ts';
import { builder, type AuthenticatedContext, type ScanRow } from '../builder.ts';
import type { ScanProgressEvent, ScoreChangedEvent } from '../context.ts';
import { argumentId } from '../ids.ts';
import { SeverityEnum, severitiesAtLeast } from './enums.ts';
import { FindingRef } from './finding.ts';
import { InstanceRef } from './instance.ts';
import { ScanRef } from './scan.ts';

/** The instance ids a subscription is narrowed to (null: all of the partner's). */
function instanceScope(ids: readonly (string | number)[] | null | undefined): ((instanceId: string) => boolean) {
  if (!ids?.length) return () => true;
  const wanted = new Set(ids.map((id) => argumentId(String(id), 'Instance')));
  return (instanceId) => wanted.has(instanceId);
}

const ScanProgressRef = builder.objectRef<ScanProgressEvent>('ScanProgress').implement({
  description: "One collector's progress in a running scan.",
  fields: (t) => ({
    scan: t.prismaField({
      type: ScanRef,
      resolve: (query, event, _args, context) =>
        context.db.scan.findFirstOrThrow({ ...query, where: { id: event.scanId, partnerId: viewerPartnerId(context) } }),
    }),
    collector: t.exposeString('collector', { description: 'api or http.' }),
    phase: t.exposeString('phase', { description: 'started, step or finished.' }),
    step: t.exposeString('step', { nullable: true }),
    done: t.exposeInt('done', { nullable: true }),
    total: t.exposeInt('total', { nullable: true }),
    status: t.exposeString('status', { nullable: true, description: 'With finished: ok, partial, failed or skipped.' }),
    message: t.exposeString('message', { nullable: true }),
  }),
});

interface ScoreChange extends ScoreChangedEvent {
  scan: ScanRow;
}

const ScoreChangeRef = builder.objectRef<ScoreChange>('ScoreChange').implement({
  fields: (t) => ({
    instance: t.prismaField({
      type: InstanceRef,
      resolve: (query, change, _args, context) =>
        context.db.instance.findFirstOrThrow({ ...query, where: { id: change.instanceId, partnerId: viewerPartnerId(context) } }),
    }),
    scan: t.field({ type: ScanRef, description: 'The scan that produced the new score.', resolve: (change) => change.scan }),
    score: t.exposeFloat('score', { nullable: true }),
    previousScore: t.exposeFloat('previousScore', { nullable: true }),
    delta: t.float({
      nullable: true,
      resolve: (change) =>
        change.score === null || change.previousScore === null ? null : Math.round((change.score - change.previousScore) * 10) / 10,
    }),
  }),
});

function partnerOf(context: AuthenticatedContext): string {
  return context.viewer.partnerId;
}

builder.subscriptionFields((t) => ({
  scanProgress: t.withAuth({ read: true }).field({
    type: ScanProgressRef,
    description: 'Progress of running scans, per collector.',
    args: {
      scanId: t.arg.id({ required: false, description: 'Only this scan.' }),
      instanceIds: t.arg.idList({ required: false, description: "Only these instances (default: all of the partner's)." }),
    },
    subscribe: (_root, args, context) => {
      const inScope = instanceScope(args.instanceIds);
      const scanId = args.scanId ? argumentId(String(args.scanId), 'Scan') : null;
      return pipe(
        context.pubSub.subscribe('scanProgress', partnerOf(context)),
        filter((event: ScanProgressEvent) => inScope(event.instanceId) && (!scanId || event.scanId === scanId)),
        // Only progress of a scan of the viewer's own instance goes out.
        filter(async (event: ScanProgressEvent) => (await context.db.scan.count({ where: { ...ownRow(event.scanId, context), instanceId: event.instanceId } })) > 0),
      );
    },
    resolve: (event) => event,
  }),
  scanFinished: t.withAuth({ read: true }).field({
    type: ScanRef,
    description: 'Scans reaching a final status (succeeded, partial or failed).',
    args: { instanceIds: t.arg.idList({ required: false, description: "Only these instances (default: all of the partner's)." }) },
    subscribe: (_root, args, context) => {
      const inScope = instanceScope(args.instanceIds);
      const partnerId = partnerOf(context);
      return pipe(
        context.pubSub.subscribe('scanFinished', partnerId),
        filter((event) => inScope(event.instanceId)),
        map((event) => context.db.scan.findFirst({ where: ownRow(event.scanId, context) })),
        filter((scan): scan is ScanRow => scan !== null && inScope(scan.instanceId)),
      );
    },
    resolve: (scan) => scan,
  }),
  scoreChanged: t.withAuth({ read: true }).field({
    type: ScoreChangeRef,
    description: "An instance's Pulse Score changed.",
    args: { instanceIds: t.arg.idList({ required: false, description: "Only these instances (default: all of the partner's)." }) },
    subscribe: (_root, args, context) => {
      const inScope = instanceScope(args.instanceIds);
      const partnerId = partnerOf(context);
      return pipe(
        context.pubSub.subscribe('scoreChanged', partnerId),
        filter((event) => inScope(event.instanceId)),
        map(async (event) => {
          const scan = await context.db.scan.findFirst({ where: ownRow(event.scanId, context) });
          // The instance is the scan's own, whatever the event says.
          return scan && inScope(scan.instanceId) ? { ...event, instanceId: scan.instanceId, scan } : null;
        }),
        filter((change): change is ScoreChange => change !== null),
      );
    },
    resolve: (change) => change,
  }),
  findingOpened: t.withAuth({ read: true }).field({
    type: FindingRef,
    description: 'Findings opened (first seen, or seen again after being resolved), at least as severe as minSeverity.',
    args: {
      minSeverity: t.arg({ type: SeverityEnum, required: false, defaultValue: 'info' }),
      instanceIds: t.arg.idList({ required: false, description: "Only these instances (default: all of the partner's)." }),
    },
    subscribe: (_root, args, context) => {
      const inScope = instanceScope(args.instanceIds);
      const severities = new Set<Severity>(severitiesAtLeast((args.minSeverity ?? 'info') as Severity));
      const partnerId = partnerOf(context);
      return pipe(
        context.pubSub.subscribe('findingOpened', partnerId),
        filter((event) => inScope(event.instanceId) && severities.has(event.severity)),
        map((event) => context.db.finding.findFirst({ where: ownRow(event.findingId, context) })),
        filter((finding): finding is Finding => finding !== null && inScope(finding.instanceId) && severities.has(finding.severity)),
      );
    },
    resolve: (finding) => finding,
  }),
}));
