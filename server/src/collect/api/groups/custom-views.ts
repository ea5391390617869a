/**
 * ir.ui.view without an XML id: views made in the UI or by code at run time, i.e. customisations that
 * no module owns. `model_data_id` cannot be searched for "no XML id" (Odoo answers an empty list for
 * `model_data_id = False`), so the computed `xml_id` of every view is read first, then the arch of
 * the few that have none.
 */
import type { ViewFact } from '../../../facts/types.ts';
import { bool, m2oId, nonEmptyStr, num, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const VIEW_FIELDS = ['name', 'key', 'type', 'model', 'inherit_id', 'active', 'arch', 'write_date'];

export function hasNoXmlId(record: OdooRecord): boolean {
  return nonEmptyStr(record.xml_id) === null;
}

export function mapView(record: OdooRecord): ViewFact {
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    key: nonEmptyStr(record.key),
    type: str(record.type) ?? '',
    model: nonEmptyStr(record.model),
    inheritId: m2oId(record.inherit_id),
    active: bool(record.active),
    arch: nonEmptyStr(record.arch),
    xmlId: nonEmptyStr(record.xml_id),
    writeDate: nonEmptyStr(record.write_date),
  };
}

export const customViewsReader = defineReader({
  key: 'customViews',
  model: 'ir.ui.view',
  read: async ({ session }) => {
    const all = await session.searchRead('ir.ui.view', [], ['xml_id'], { order: 'id', includeArchived: true });
    const customIds = all.filter(hasNoXmlId).map((r) => num(r.id)).filter((id): id is number => id !== null);
    if (customIds.length === 0) return [];
    const views = await session.searchRead('ir.ui.view', [['id', 'in', customIds]], VIEW_FIELDS, {
      order: 'id',
      includeArchived: true,
    });
    return views.map(mapView);
  },
});
