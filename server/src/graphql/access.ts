/**
 * Tenant scoping for object lookups. Every object is reached through its partner: node lookups
 * and fallback loads filter on the viewer's partner, so another partner's id finds nothing.
 */
import type { GraphQLContext } from './context.ts';
import { isUuid } from './ids.ts';

/** A uuid no row has: what a lookup filters on when nobody is authenticated. */
export const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

/**
 * The `where` that finds the row `id` only if it belongs to the viewer's partner. An id that is
 * not a uuid finds nothing (rather than a database error).
 */
export function ownRow(id: string, context: GraphQLContext): { id: string; partnerId: string } {
  return { id: isUuid(id) ? id : NO_PARTNER, partnerId: context.viewer?.partnerId ?? NO_PARTNER };
}

/** The viewer's partner id, or an id no row has: never undefined, which Prisma would ignore. */
export function viewerPartnerId(context: GraphQLContext): string {
  return context.viewer?.partnerId ?? NO_PARTNER;
}
