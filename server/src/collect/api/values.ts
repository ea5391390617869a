/**
 * Reading Odoo's loosely typed record values. Odoo says `false` for "no value" in every field type,
 * gives Many2one values as `[id, display name]`, and x2many values as id lists; these helpers turn
 * that into the plain, null-for-absent values the facts use.
 */

/** An Odoo record as search_read returns it. */
export type OdooRecord = Record<string, unknown>;

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** Like str, but an empty string also counts as "no value". */
export function nonEmptyStr(value: unknown): string | null {
  const s = str(value);
  return s === '' ? null : s;
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function bool(value: unknown): boolean {
  return value === true;
}

/** The perm_read/write/create/unlink flags ACLs (ir.model.access) and record rules (ir.rule) share. */
export function permissions(record: OdooRecord): { read: boolean; write: boolean; create: boolean; unlink: boolean } {
  return {
    read: bool(record.perm_read),
    write: bool(record.perm_write),
    create: bool(record.perm_create),
    unlink: bool(record.perm_unlink),
  };
}

/** A boolean field that may be absent on this series (the connector dropped it): null when absent. */
export function optionalBool(record: OdooRecord, field: string): boolean | null {
  return field in record ? record[field] === true : null;
}

/** A numeric field that may be absent on this series: null when absent or false. */
export function optionalNum(record: OdooRecord, field: string): number | null {
  return field in record ? num(record[field]) : null;
}

/** Id of a Many2one value (`[id, name]`, a bare id from some transports, or false). */
export function m2oId(value: unknown): number | null {
  if (Array.isArray(value)) return typeof value[0] === 'number' ? value[0] : null;
  return typeof value === 'number' ? value : null;
}

/** Display name of a Many2one value. */
export function m2oName(value: unknown): string | null {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : null;
}

/** Ids of an x2many value. */
export function ids(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/** The first of several field names the record has (fields renamed between series, e.g. groups_id → group_ids). */
export function firstPresent(record: OdooRecord, fields: string[]): unknown {
  for (const field of fields) if (field in record) return record[field];
  return undefined;
}

/** Cuts a string to `max` characters. */
export function cut(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}
