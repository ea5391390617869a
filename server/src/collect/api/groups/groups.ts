/** res.groups: every group with its members and implied groups. */
import type { GroupFact } from '../../../facts/types.ts';
import { bool, firstPresent, ids, m2oName, num, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

// users became user_ids in 19.0; the connector drops whichever this series lacks.
export const GROUP_FIELDS = ['name', 'full_name', 'category_id', 'share', 'users', 'user_ids', 'implied_ids', 'trans_implied_ids'];

export function mapGroup(record: OdooRecord): GroupFact {
  return {
    id: num(record.id) ?? 0,
    fullName: str(record.full_name) ?? str(record.name) ?? '',
    category: m2oName(record.category_id),
    share: bool(record.share),
    userIds: ids(firstPresent(record, ['users', 'user_ids'])),
    impliedIds: ids(record.implied_ids),
    transImpliedIds: ids(record.trans_implied_ids),
  };
}

export const groupsReader = defineReader({
  key: 'groups',
  model: 'res.groups',
  read: async ({ session }) => (await session.searchRead('res.groups', [], GROUP_FIELDS, { order: 'id' })).map(mapGroup),
});
