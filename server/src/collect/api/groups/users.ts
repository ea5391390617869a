/** res.users: every user, archived ones included (an archived admin is still a finding). */
import type { UserFact } from '../../../facts/types.ts';
import { bool, firstPresent, ids, nonEmptyStr, num, optionalBool, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

// groups_id became group_ids in 19.0; the connector drops whichever this series lacks.
// totp_enabled exists only with auth_totp installed.
export const USER_FIELDS = [
  'login', 'name', 'active', 'share', 'groups_id', 'group_ids', 'totp_enabled', 'login_date', 'api_key_ids', 'create_date',
];

export function mapUser(record: OdooRecord): UserFact {
  return {
    id: num(record.id) ?? 0,
    login: str(record.login) ?? '',
    name: str(record.name) ?? '',
    active: bool(record.active),
    share: bool(record.share),
    groupIds: ids(firstPresent(record, ['groups_id', 'group_ids'])),
    totpEnabled: optionalBool(record, 'totp_enabled'),
    loginDate: nonEmptyStr(record.login_date),
    apiKeyCount: ids(record.api_key_ids).length,
    createDate: nonEmptyStr(record.create_date),
  };
}

export const usersReader = defineReader({
  key: 'users',
  model: 'res.users',
  read: async ({ session }) =>
    (await session.searchRead('res.users', [], USER_FIELDS, { order: 'id', includeArchived: true })).map(mapUser),
});
