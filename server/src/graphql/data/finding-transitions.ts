/**
 * What a person may do to a finding (scans do the rest: resolve what they no longer see, reopen
 * what they see again). Pure: the caller passes the clock and who acts.
 *
 *   acknowledge     open → acknowledged
 *   acceptRisk      open | acknowledged | false_positive | accepted_risk → accepted_risk (reason, until)
 *   falsePositive   open | acknowledged | accepted_risk → false_positive (reason)
 *   reopen          acknowledged | accepted_risk | false_positive → open
 *
 * A resolved finding is closed by the scans: it reopens by itself when a scan sees it again.
 *
 * Deciding about an open finding (accepting its risk, calling it a false positive) also acknowledges
 * it. A false positive is closed by that person (resolvedAt/resolvedBy); an accepted risk is not
 * closed: the scans reopen it when `until` passes (server/src/findings/lifecycle.ts).
 */
import type { FindingStatus, Prisma } from '../../db/client.ts';
import { InvalidInputError, InvalidTransitionError } from '../errors.ts';

export type FindingAction =
  | { kind: 'acknowledge' }
  | { kind: 'acceptRisk'; reason: string; until: Date }
  | { kind: 'falsePositive'; reason: string }
  | { kind: 'reopen' };

const TARGET: Record<FindingAction['kind'], FindingStatus> = {
  acknowledge: 'acknowledged',
  acceptRisk: 'accepted_risk',
  falsePositive: 'false_positive',
  reopen: 'open',
};

const ALLOWED_FROM: Record<FindingAction['kind'], readonly FindingStatus[]> = {
  acknowledge: ['open'],
  acceptRisk: ['open', 'acknowledged', 'false_positive', 'accepted_risk'],
  falsePositive: ['open', 'acknowledged', 'accepted_risk'],
  reopen: ['acknowledged', 'accepted_risk', 'false_positive'],
};

const MAX_REASON_LENGTH = 2000;

function refusal(from: FindingStatus, action: FindingAction): string {
  const to = TARGET[action.kind];
  if (from === 'resolved') {
    return 'This finding is resolved: the last scan no longer saw it. It reopens by itself if a scan sees it again.';
  }
  if (from === to) return `This finding is already ${from.replace('_', ' ')}.`;
  if (action.kind === 'acknowledge') return `Only an open finding can be acknowledged; this one is ${from.replace('_', ' ')}.`;
  return `A finding that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}.`;
}

function reasonText(reason: string): string {
  const text = reason.trim();
  if (!text) throw new InvalidInputError('reason', 'Give a reason: it is kept with the finding and shown in reports.');
  if (text.length > MAX_REASON_LENGTH) throw new InvalidInputError('reason', `The reason must be at most ${MAX_REASON_LENGTH} characters.`);
  return text;
}

/** The update for `action` on a finding in status `from`; throws a typed error when not allowed. */
export function findingTransition(
  from: FindingStatus,
  action: FindingAction,
  context: { now: Date; actor: string },
): Prisma.FindingUpdateManyMutationInput {
  if (!ALLOWED_FROM[action.kind].includes(from)) throw new InvalidTransitionError(from, TARGET[action.kind], refusal(from, action));
  const { now, actor } = context;
  const acknowledged = from === 'open' ? { acknowledgedAt: now, acknowledgedBy: actor } : {};
  switch (action.kind) {
    case 'acknowledge':
      return { status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor };
    case 'acceptRisk': {
      const reason = reasonText(action.reason);
      if (action.until.getTime() <= now.getTime()) {
        throw new InvalidInputError('until', 'The date until which the risk is accepted must be in the future.');
      }
      return { status: 'accepted_risk', reason, acceptedRiskUntil: action.until, resolvedAt: null, resolvedBy: null, ...acknowledged };
    }
    case 'falsePositive':
      return { status: 'false_positive', reason: reasonText(action.reason), acceptedRiskUntil: null, resolvedAt: now, resolvedBy: actor, ...acknowledged };
    case 'reopen':
      return {
        status: 'open',
        reopenedAt: now,
        reason: null,
        acceptedRiskUntil: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
        resolvedBy: null,
      };
  }
}
