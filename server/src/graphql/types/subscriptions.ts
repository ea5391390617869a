/**
 * Subscriptions (graphql-ws, or SSE with Accept: text/event-stream), read scope. Each listens on
 * the viewer's partner channel only, then narrows to the instances asked for; the objects an event
 * names are loaded with the viewer's partner in the filter, so nothing of another partner is sent.
 *
 * Those loads happen once per event and partner, not once per subscriber (./data/event-loads.ts):
 * first the row's owner (does this partner have it, on which instance?) to decide who gets the
 * event, then the row with the selection the subscription asked for. Subscribers sending the same
 * document share that second load too.
 */
import { filter, map, pipe } from 'graphql-yoga';
import type { Severity } from '../../db/client.ts';
import { ownRow, viewerPartnerId } from '../access.ts';
import { builder } from '../builder.ts';
import type { FindingOpenedEvent, GraphQLContext, ScanFinishedEvent, ScanProgressEvent, ScoreChangedEvent } from '../context.ts';
import { loadOncePerEvent } from '../data/event-loads.ts';
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

const partnerOf = viewerPartnerId;

/** The viewer's partner's scan an event names, with its instance; null when the partner has no such scan. */
function ownScan(event: object, scanId: string, context: GraphQLContext): Promise<{ id: string; instanceId: string } | null> {
  return loadOncePerEvent(event, partnerOf(context), 'scan owner', () =>
    context.db.scan.findFirst({ where: ownRow(scanId, context), select: { id: true, instanceId: true } }),
  );
}

/** A row loaded for an event with the selection Pothos planned (`query`), shared by subscribers that asked the same. */
function selectionKey(what: string, query: object): string {
  return `${what} ${JSON.stringify(query)}`;
}

/** An event that passed a subscriber's filters, with the published payload (the key of the loads). */
interface Delivery<Event> {
  event: Event;
  instanceId: string;
}

const ScanProgressRef = builder.objectRef<ScanProgressEvent>('ScanProgress').implement({
  description: "One collector's progress in a running scan.",
  fields: (t) => ({
    scan: t.prismaField({
      type: ScanRef,
      resolve: (query, event, _args, context) =>
        loadOncePerEvent(event, partnerOf(context), selectionKey('scan', query), () =>
          context.db.scan.findFirstOrThrow({ ...query, where: ownRow(event.scanId, context) }),
        ),
    }),
    collector: t.exposeString('collector', { description: 'api, http, or code (the instance\'s code source: fetched, then analysed).' }),
    phase: t.exposeString('phase', { description: 'started, step or finished.' }),
    step: t.exposeString('step', { nullable: true }),
    done: t.exposeInt('done', { nullable: true }),
    total: t.exposeInt('total', { nullable: true }),
    status: t.exposeString('status', { nullable: true, description: 'With finished: ok, partial, failed or skipped.' }),
    message: t.exposeString('message', { nullable: true }),
  }),
});

/** A score change a subscriber receives: the instance is the scan's own, whatever the event says. */
type ScoreChange = Delivery<ScoreChangedEvent> & { scanId: string };

const ScoreChangeRef = builder.objectRef<ScoreChange>('ScoreChange').implement({
  fields: (t) => ({
    instance: t.prismaField({
      type: InstanceRef,
      resolve: (query, change, _args, context) =>
        loadOncePerEvent(change.event, partnerOf(context), selectionKey('instance', query), () =>
          context.db.instance.findFirstOrThrow({ ...query, where: ownRow(change.instanceId, context) }),
        ),
    }),
    scan: t.prismaField({
      type: ScanRef,
      description: 'The scan that produced the new score.',
      resolve: (query, change, _args, context) =>
        loadOncePerEvent(change.event, partnerOf(context), selectionKey('scan', query), () =>
          context.db.scan.findFirstOrThrow({ ...query, where: ownRow(change.scanId, context) }),
        ),
    }),
    score: t.float({ nullable: true, resolve: (change) => change.event.score }),
    previousScore: t.float({ nullable: true, resolve: (change) => change.event.previousScore }),
    delta: t.float({
      nullable: true,
      resolve: ({ event }) =>
        event.score === null || event.previousScore === null ? null : Math.round((event.score - event.previousScore) * 10) / 10,
    }),
  }),
});

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
        filter(async (event: ScanProgressEvent) => (await ownScan(event, event.scanId, context))?.instanceId === event.instanceId),
      );
    },
    resolve: (event) => event,
  }),
  scanFinished: t.withAuth({ read: true }).prismaField({
    type: ScanRef,
    description: 'Scans reaching a final status (succeeded, partial or failed).',
    args: { instanceIds: t.arg.idList({ required: false, description: "Only these instances (default: all of the partner's)." }) },
    subscribe: (_root, args, context) => {
      const inScope = instanceScope(args.instanceIds);
      return pipe(
        context.pubSub.subscribe('scanFinished', partnerOf(context)),
        filter((event: ScanFinishedEvent) => inScope(event.instanceId)),
        map(async (event: ScanFinishedEvent) => {
          const scan = await ownScan(event, event.scanId, context);
          return scan && inScope(scan.instanceId) ? { event, scanId: scan.id, instanceId: scan.instanceId } : null;
        }),
        filter((delivery): delivery is Delivery<ScanFinishedEvent> & { scanId: string } => delivery !== null),
      );
    },
    resolve: (query, delivery: Delivery<ScanFinishedEvent> & { scanId: string }, _args, context) =>
      loadOncePerEvent(delivery.event, partnerOf(context), selectionKey('scan', query), () =>
        context.db.scan.findFirstOrThrow({ ...query, where: ownRow(delivery.scanId, context) }),
      ),
  }),
  scoreChanged: t.withAuth({ read: true }).field({
    type: ScoreChangeRef,
    description: "An instance's Pulse Score changed.",
    args: { instanceIds: t.arg.idList({ required: false, description: "Only these instances (default: all of the partner's)." }) },
    subscribe: (_root, args, context) => {
      const inScope = instanceScope(args.instanceIds);
      return pipe(
        context.pubSub.subscribe('scoreChanged', partnerOf(context)),
        filter((event: ScoreChangedEvent) => inScope(event.instanceId)),
        map(async (event: ScoreChangedEvent): Promise<ScoreChange | null> => {
          const scan = await ownScan(event, event.scanId, context);
          return scan && inScope(scan.instanceId) ? { event, scanId: scan.id, instanceId: scan.instanceId } : null;
        }),
        filter((change): change is ScoreChange => change !== null),
      );
    },
    resolve: (change) => change,
  }),
  findingOpened: t.withAuth({ read: true }).prismaField({
    type: FindingRef,
    description: 'Findings opened (first seen, or seen again after being resolved), at least as severe as minSeverity.',
    args: {
      minSeverity: t.arg({ type: SeverityEnum, required: false, defaultValue: 'info' }),
      instanceIds: t.arg.idList({ required: false, description: "Only these instances (default: all of the partner's)." }),
    },
    subscribe: (_root, args, context) => {
      const inScope = instanceScope(args.instanceIds);
      const severities = new Set<Severity>(severitiesAtLeast((args.minSeverity ?? 'info') as Severity));
      return pipe(
        context.pubSub.subscribe('findingOpened', partnerOf(context)),
        filter((event: FindingOpenedEvent) => inScope(event.instanceId) && severities.has(event.severity)),
        map(async (event: FindingOpenedEvent) => {
          const finding = await loadOncePerEvent(event, partnerOf(context), 'finding owner', () =>
            context.db.finding.findFirst({ where: ownRow(event.findingId, context), select: { id: true, instanceId: true, severity: true } }),
          );
          return finding && inScope(finding.instanceId) && severities.has(finding.severity)
            ? { event, findingId: finding.id, instanceId: finding.instanceId }
            : null;
        }),
        filter((delivery): delivery is Delivery<FindingOpenedEvent> & { findingId: string } => delivery !== null),
      );
    },
    resolve: (query, delivery: Delivery<FindingOpenedEvent> & { findingId: string }, _args, context) =>
      loadOncePerEvent(delivery.event, partnerOf(context), selectionKey('finding', query), () =>
        context.db.finding.findFirstOrThrow({ ...query, where: ownRow(delivery.findingId, context) }),
      ),
  }),
}));
