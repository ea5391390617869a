/** res.users.apikeys: API keys (never their secret, which Odoo does not expose anyway). */
import type { ApiKeyFact } from '../../../facts/types.ts';
import { m2oId, nonEmptyStr, num, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

// expiration_date exists from 18.0.
export const API_KEY_FIELDS = ['name', 'user_id', 'scope', 'create_date', 'expiration_date'];

export function mapApiKey(record: OdooRecord): ApiKeyFact {
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    userId: m2oId(record.user_id),
    scope: nonEmptyStr(record.scope),
    createDate: nonEmptyStr(record.create_date),
    expirationDate: nonEmptyStr(record.expiration_date),
  };
}

export const apiKeysReader = defineReader({
  key: 'apiKeys',
  model: 'res.users.apikeys',
  read: async ({ session }) =>
    (await session.searchRead('res.users.apikeys', [], API_KEY_FIELDS, { order: 'id' })).map(mapApiKey),
});
