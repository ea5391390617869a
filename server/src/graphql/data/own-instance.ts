/**
 * The instance a mutation may change: the viewer's own, not removed. Anything else — another
 * partner's, a removed one, an id naming nothing — is the same NotFoundError, so ids reveal nothing.
 */
import type { AuthenticatedContext, InstanceRow } from '../builder.ts';
import { NotFoundError } from '../errors.ts';
import { inputId } from '../ids.ts';
import { notRemoved } from './removal.ts';

type Viewing = Pick<AuthenticatedContext, 'db' | 'viewer'>;

/** `field` names the argument in an invalid-id error; `withSecret` also reads the encrypted secret. */
export async function ownActiveInstance(context: Viewing, instanceGlobalId: string, field: string, withSecret: true): Promise<InstanceRow & { secret: string }>;
export async function ownActiveInstance(context: Viewing, instanceGlobalId: string, field: string): Promise<InstanceRow>;
export async function ownActiveInstance(context: Viewing, instanceGlobalId: string, field: string, withSecret = false): Promise<InstanceRow> {
  const id = inputId(instanceGlobalId, 'Instance', field);
  const instance = await context.db.instance.findFirst({
    where: { id, partnerId: context.viewer.partnerId, ...notRemoved() },
    ...(withSecret ? { omit: { secret: false } } : {}),
  });
  if (!instance) throw new NotFoundError('Instance', instanceGlobalId);
  return instance;
}
