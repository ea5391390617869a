import { describe, expect, it } from 'vitest';
import { renderJson } from '../../server/src/report/render.ts';
import { REPORT_SCHEMA_VERSION } from '../../server/src/report/types.ts';
import { scanReportErrors, scanReportSchema } from './schema.ts';
import { sampleScan } from './sample.ts';

describe('JSON report', () => {
  it('is valid against schemas/scan-report.schema.json', async () => {
    const json = JSON.parse(renderJson((await sampleScan()).report));
    expect(scanReportErrors(json)).toEqual([]);
    expect(json.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
  });

  it('round-trips the report exactly', async () => {
    const { report } = await sampleScan();
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('has a schema that describes every property and rejects what it does not know', async () => {
    const json = JSON.parse(renderJson((await sampleScan()).report));
    expect(scanReportErrors({ ...json, surprise: true }).join('\n')).toMatch(/additional/);
    expect(scanReportErrors({ ...json, pulse: { ...json.pulse, score: 'high' } })).not.toEqual([]);
    const { pulse: _pulse, ...withoutPulse } = json;
    expect(scanReportErrors(withoutPulse).join('\n')).toMatch(/pulse/);

    // Every property at every level carries a description (the schema is the format's documentation).
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      for (const [name, child] of Object.entries((record.properties as Record<string, unknown>) ?? {})) {
        const c = child as Record<string, unknown>;
        if (!('description' in c) && !('$ref' in c)) undocumented.push(`${path}.${name}`);
        walk(child, `${path}.${name}`);
      }
      for (const [name, def] of Object.entries((record.$defs as Record<string, unknown>) ?? {})) walk(def, `$defs.${name}`);
      if (record.items) walk(record.items, `${path}[]`);
    };
    walk(scanReportSchema, '');
    expect(undocumented).toEqual([]);
    expect(scanReportSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
