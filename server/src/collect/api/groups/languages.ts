/** res.lang: the installed (active) languages. */
import type { LanguageFact } from '../../../facts/types.ts';
import { bool, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const LANGUAGE_FIELDS = ['code', 'name', 'active'];

export function mapLanguage(record: OdooRecord): LanguageFact {
  return { code: str(record.code) ?? '', name: str(record.name) ?? '', active: bool(record.active) };
}

export const languagesReader = defineReader({
  key: 'languages',
  model: 'res.lang',
  read: async ({ session }) => (await session.searchRead('res.lang', [], LANGUAGE_FIELDS, { order: 'code' })).map(mapLanguage),
});
