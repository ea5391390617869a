/**
 * Finding: "this check on this object" on one instance, followed across scans. Query `findings`;
 * mutations acknowledgeFinding, acceptFindingRisk, markFindingFalsePositive, reopenFinding.
 */
import type { Finding, Prisma, Severity } from '../../db/client.ts';
import { ownRow } from '../access.ts';
import { actorName } from '../auth.ts';
import { builder, type AuthenticatedContext } from '../builder.ts';
import { findingTransition, type FindingAction } from '../data/finding-transitions.ts';
import { InvalidInputError, InvalidTransitionError, NotFoundError } from '../errors.ts';
import { argumentId, inputId } from '../ids.ts';
import { DimensionEnum, FindingStatusEnum, SeverityEnum, severitiesAtLeast } from './enums.ts';

export const FindingRef = builder.prismaNode('Finding', {
  description: 'A problem found on an instance, followed across scans by its fingerprint.',
  id: { field: 'id' },
  nullable: true,
  findUnique: ownRow,
  select: { id: true },
  fields: (t) => ({
    instance: t.relation('instance'),
    checkId: t.exposeString('checkId', { description: 'The check that found it, e.g. security.database-manager-exposed.' }),
    dimension: t.expose('dimension', { type: DimensionEnum }),
    severity: t.expose('severity', { type: SeverityEnum }),
    title: t.exposeString('title'),
    message: t.exposeString('message', { description: "The latest scan's message about this object." }),
    object: t.expose('object', { type: 'JSON', description: 'What it concerns: module, user, cron, model, file:line…' }),
    evidence: t.expose('evidence', { type: 'JSON' }),
    fingerprint: t.exposeString('fingerprint'),
    points: t.exposeFloat('points', { description: 'Pulse Score points it cost in the latest scan that saw it.' }),
    effortHours: t.exposeFloat('effortHours', { description: 'Estimated remediation effort.' }),
    status: t.expose('status', { type: FindingStatusEnum }),
    firstSeenAt: t.expose('firstSeenAt', { type: 'DateTime' }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime' }),
    reopenedAt: t.expose('reopenedAt', { type: 'DateTime', nullable: true }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    acknowledgedBy: t.exposeString('acknowledgedBy', { nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    resolvedBy: t.exposeString('resolvedBy', { nullable: true, description: 'Who closed it; null when a scan stopped seeing it.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it was accepted as a risk or marked a false positive.' }),
    acceptedRiskUntil: t.expose('acceptedRiskUntil', { type: 'DateTime', nullable: true }),
  }),
});

// -----------------------------------------------------------------------------------------------
// Query

const FindingFilter = builder.inputType('FindingFilter', {
  fields: (t) => ({
    instanceId: t.id({ required: false }),
    severity: t.field({ type: [SeverityEnum], required: false, description: 'One of these severities.' }),
    minSeverity: t.field({ type: SeverityEnum, required: false, description: 'At least this severe (critical is the most).' }),
    dimension: t.field({ type: [DimensionEnum], required: false }),
    status: t.field({ type: [FindingStatusEnum], required: false, description: 'Default: every status.' }),
    checkId: t.string({ required: false }),
  }),
});

function findingWhere(context: AuthenticatedContext, filter: typeof FindingFilter.$inferInput | null | undefined): Prisma.FindingWhereInput {
  const conditions: Prisma.FindingWhereInput[] = [{ partnerId: context.viewer.partnerId }];
  if (filter?.instanceId) conditions.push({ instanceId: argumentId(String(filter.instanceId), 'Instance') });
  if (filter?.severity?.length) conditions.push({ severity: { in: filter.severity } });
  if (filter?.minSeverity) conditions.push({ severity: { in: severitiesAtLeast(filter.minSeverity as Severity) } });
  if (filter?.dimension?.length) conditions.push({ dimension: { in: filter.dimension } });
  if (filter?.status?.length) conditions.push({ status: { in: filter.status } });
  if (filter?.checkId) conditions.push({ checkId: filter.checkId });
  return { AND: conditions };
}

builder.queryField('findings', (t) =>
  t.withAuth({ read: true }).prismaConnection({
    type: FindingRef,
    description: 'Findings, most severe first, then by the points they cost.',
    cursor: 'id',
    args: { filter: t.arg({ type: FindingFilter, required: false }) },
    resolve: (query, _root, args, context) =>
      context.db.finding.findMany({
        ...query,
        where: findingWhere(context, args.filter),
        orderBy: [{ severity: 'asc' }, { points: 'desc' }, { id: 'asc' }],
      }),
    totalCount: (_root, args, context) => context.db.finding.count({ where: findingWhere(context, args.filter) }),
  }),
);

// -----------------------------------------------------------------------------------------------
// Mutations

const FindingSuccess = builder.objectRef<{ finding: Finding }>('FindingSuccess').implement({
  fields: (t) => ({
    finding: t.field({ type: FindingRef, resolve: (result) => result.finding }),
  }),
});

const FINDING_ERRORS = [InvalidInputError, NotFoundError, InvalidTransitionError];

async function applyAction(context: AuthenticatedContext, findingGlobalId: string, action: FindingAction): Promise<{ finding: Finding }> {
  const id = inputId(findingGlobalId, 'Finding', 'id');
  const partnerId = context.viewer.partnerId;
  // The status in the update's filter makes a concurrent change (a scan resolving the finding
  // meanwhile) miss; the transition is then judged again on the new status.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await context.db.finding.findFirst({ where: { id, partnerId }, select: { status: true } });
    if (!current) throw new NotFoundError('Finding', findingGlobalId);
    const data = findingTransition(current.status, action, { now: context.now(), actor: actorName(context.viewer) });
    const updated = await context.db.finding.updateMany({
      where: { id, partnerId, status: current.status },
      data,
    });
    if (updated.count === 1) return { finding: await context.db.finding.findFirstOrThrow({ where: { id, partnerId } }) };
  }
  throw new Error('The finding kept changing while it was being updated.');
}

builder.mutationFields((t) => ({
  acknowledgeFinding: t.withAuth({ write: true }).field({
    description: 'Marks an open finding as acknowledged (write scope): someone is on it.',
    type: FindingSuccess,
    errors: { types: FINDING_ERRORS, directResult: true, union: { name: 'AcknowledgeFindingResult' } },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => applyAction(context, String(args.id), { kind: 'acknowledge' }),
  }),
  acceptFindingRisk: t.withAuth({ write: true }).field({
    description: 'Accepts the risk of a finding until a date, with a reason (write scope); scans reopen it when the date passes.',
    type: FindingSuccess,
    errors: { types: FINDING_ERRORS, directResult: true, union: { name: 'AcceptFindingRiskResult' } },
    args: {
      id: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true }),
      until: t.arg({ type: 'DateTime', required: true, description: 'When the acceptance ends (in the future).' }),
    },
    resolve: (_root, args, context) => applyAction(context, String(args.id), { kind: 'acceptRisk', reason: args.reason, until: args.until }),
  }),
  markFindingFalsePositive: t.withAuth({ write: true }).field({
    description: 'Marks a finding as a false positive, with a reason (write scope).',
    type: FindingSuccess,
    errors: { types: FINDING_ERRORS, directResult: true, union: { name: 'MarkFindingFalsePositiveResult' } },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => applyAction(context, String(args.id), { kind: 'falsePositive', reason: args.reason }),
  }),
  reopenFinding: t.withAuth({ write: true }).field({
    description: 'Reopens an acknowledged, risk-accepted or false-positive finding (write scope).',
    type: FindingSuccess,
    errors: { types: FINDING_ERRORS, directResult: true, union: { name: 'ReopenFindingResult' } },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => applyAction(context, String(args.id), { kind: 'reopen' }),
  }),
}));
