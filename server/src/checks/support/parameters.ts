/** Reading system parameters (ir.config_parameter) as Odoo's code does. */

/** What the collector writes instead of a value whose key looks secret. */
export const MASKED_VALUE = '***';

/**
 * The integer Odoo's `int(get_param(key, fallback))` would see: `fallback` when the key is missing,
 * null when the value is not an integer or was masked by the collector.
 */
export function intParameter(parameters: Readonly<Record<string, string>>, key: string, fallback: number): number | null {
  const raw = parameters[key];
  if (raw === undefined) return fallback;
  if (raw === MASKED_VALUE) return null;
  const value = Number(raw.trim());
  return raw.trim() !== '' && Number.isInteger(value) ? value : null;
}
