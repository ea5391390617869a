/**
 * Finding Odoo's well-known groups and who holds them.
 *
 * Facts carry groups by id and full name ("Administration / Settings"), not by XML id, and ids differ
 * between databases, so checks look groups up by their English full name. A user's effective groups
 * are their own plus everything those imply (Odoo stores most implied groups on the user too, but
 * not always, e.g. after a manual SQL change, so the closure is recomputed here).
 */
import type { GroupFact, UserFact } from '../../facts/types.ts';

/** Full names of the core groups checks reason about (as Odoo 14.0–18.0 name them in English). */
export const GROUP = {
  internalUser: 'User types / Internal User',
  portal: 'User types / Portal',
  public: 'User types / Public',
  settings: 'Administration / Settings',
  accessRights: 'Administration / Access Rights',
  technicalFeatures: 'Extra Rights / Technical Features',
} as const;

function normaliseName(name: string): string {
  // Odoo writes "Administration / Settings" in full_name and "Administration/Settings" in some messages.
  return name.replace(/\s*\/\s*/g, ' / ').trim().toLowerCase();
}

export function findGroup(groups: readonly GroupFact[], fullName: string): GroupFact | undefined {
  const wanted = normaliseName(fullName);
  return groups.find((g) => normaliseName(g.fullName) === wanted);
}

export function groupsById(groups: readonly GroupFact[]): Map<number, GroupFact> {
  return new Map(groups.map((g) => [g.id, g]));
}

/** The user's groups plus every group they imply, transitively. */
export function effectiveGroupIds(user: UserFact, byId: ReadonlyMap<number, GroupFact>): Set<number> {
  const result = new Set<number>();
  const pending = [...user.groupIds];
  while (pending.length > 0) {
    const id = pending.pop() as number;
    if (result.has(id)) continue;
    result.add(id);
    const group = byId.get(id);
    if (group) pending.push(...group.transImpliedIds, ...group.impliedIds);
  }
  return result;
}

/** Users (archived ones included) whose effective groups contain the group. */
export function holdersOf(group: GroupFact, users: readonly UserFact[], byId: ReadonlyMap<number, GroupFact>): UserFact[] {
  return users.filter((u) => effectiveGroupIds(u, byId).has(group.id));
}

/** Whether the group is, or implies, the target group. */
export function impliesGroup(group: GroupFact, target: GroupFact): boolean {
  return group.id === target.id || group.transImpliedIds.includes(target.id) || group.impliedIds.includes(target.id);
}
