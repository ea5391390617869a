/** Which users count as people, as opposed to Odoo's own technical accounts. */
import type { UserFact } from '../../facts/types.ts';

/** Odoo's superuser (OdooBot, login `__system__`) is always id 1. */
export const SUPERUSER_ID = 1;

/** Archived accounts Odoo creates itself as templates or for anonymous visitors. */
const TECHNICAL_LOGINS = new Set(['__system__', 'default', 'public', 'portaltemplate']);

export function isTechnicalUser(user: UserFact): boolean {
  return user.id === SUPERUSER_ID || TECHNICAL_LOGINS.has(user.login);
}

/** Active, internal (not portal/public), human accounts. */
export function activeInternalUsers(users: readonly UserFact[]): UserFact[] {
  return users.filter((u) => u.active && !u.share && !isTechnicalUser(u));
}

export function byLogin(a: UserFact, b: UserFact): number {
  return a.login.localeCompare(b.login);
}
