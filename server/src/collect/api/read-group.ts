/**
 * Counts from a read_group result. Odoo names the count `<field>_count` in a lazy group-by on one field
 * and `__count` otherwise; the group value is a selection key, a Many2one `[id, name]` or false.
 */
import { type OdooRecord } from './values.ts';

export function countsByGroup(rows: OdooRecord[], field: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const raw = row[field];
    const key = raw === false || raw === null || raw === undefined ? 'none' : Array.isArray(raw) ? String(raw[1] ?? raw[0]) : String(raw);
    const count = row[`${field}_count`] ?? row.__count;
    counts[key] = (counts[key] ?? 0) + (typeof count === 'number' ? count : 0);
  }
  return counts;
}
