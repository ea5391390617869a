/** Who the scan runs as, and whether that user sees everything (Administration / Settings). */
import type { GroupFact, SessionFacts } from '../../../facts/types.ts';
import { defineReader } from '../reader.ts';

/** The group whose members administer the database (base.group_system), by its English full name. */
export const SETTINGS_GROUP = 'Administration / Settings';

/** null when the groups could not be read or the Settings group is not recognisable (e.g. translated). */
export function isSettingsUser(uid: number, groups: GroupFact[] | null): boolean | null {
  const settings = groups?.find((g) => g.fullName === SETTINGS_GROUP);
  return settings ? settings.userIds.includes(uid) : null;
}

export const sessionReader = defineReader({
  key: 'session',
  model: 'res.groups',
  read: async (context) => {
    const { session } = context;
    const groups = await context.fact('groups');
    const facts: SessionFacts = {
      uid: session.uid,
      login: session.login,
      isAdmin: isSettingsUser(session.uid, groups),
      authMethod: context.authMethod,
    };
    return facts;
  },
});
