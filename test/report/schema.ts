/** Validates values against schemas/scan-report.schema.json with ajv (JSON Schema 2020-12). */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const schemaPath = new URL('../../schemas/scan-report.schema.json', import.meta.url);

export const scanReportSchema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

// ajv-formats is CommonJS: under ESM its plugin arrives as the namespace's `default`.
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin));

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(scanReportSchema);

/** The schema's complaints about a value, one per line; empty when the value is valid. */
export function scanReportErrors(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
