/** res.company: companies of the database, archived ones included. */
import type { CompanyFact } from '../../../facts/types.ts';
import { bool, m2oName, num, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const COMPANY_FIELDS = ['name', 'active', 'country_id'];

export function mapCompany(record: OdooRecord): CompanyFact {
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    active: bool(record.active),
    country: m2oName(record.country_id),
  };
}

export const companiesReader = defineReader({
  key: 'companies',
  model: 'res.company',
  read: async ({ session }) =>
    (await session.searchRead('res.company', [], COMPANY_FIELDS, { order: 'id', includeArchived: true })).map(mapCompany),
});
