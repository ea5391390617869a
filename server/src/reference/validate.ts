/**
 * Structural validation of the reference data, so a hand refresh of data/reference/ cannot ship a
 * file the checks would misread. Returns the problems found (empty when the data is sound).
 */
import type { ReferenceData } from './types.ts';

const SERIES_RE = /^\d+\.0$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_RE = /^\d{4}-\d{2}$/;
const SEVERITIES = new Set(['critical', 'high', 'medium', 'low', null]);

export function validateReferenceData(data: ReferenceData): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const [index, advisory] of data.advisories.entries()) {
    const where = `advisory ${advisory.id ?? `#${index}`}`;
    if (!advisory.id) problems.push(`${where}: missing id`);
    else if (ids.has(advisory.id)) problems.push(`${where}: duplicate id`);
    ids.add(advisory.id);
    if (!advisory.title) problems.push(`${where}: missing title`);
    if (!SEVERITIES.has(advisory.severity)) problems.push(`${where}: severity "${advisory.severity}" is not critical/high/medium/low/null`);
    if (advisory.published !== null && !DATE_RE.test(advisory.published)) problems.push(`${where}: published "${advisory.published}" is not YYYY-MM-DD`);
    if (advisory.edition !== 'both' && advisory.edition !== 'enterprise') problems.push(`${where}: edition must be "both" or "enterprise"`);
    if (!Array.isArray(advisory.affected) || advisory.affected.length === 0) problems.push(`${where}: no affected series`);
    for (const affected of advisory.affected ?? []) {
      if (!SERIES_RE.test(affected.series)) problems.push(`${where}: affected series "${affected.series}" is not like "17.0"`);
    }
  }
  for (const series of data.series) {
    const where = `series ${series.series}`;
    if (!SERIES_RE.test(series.series)) problems.push(`${where}: not like "17.0"`);
    if (series.end_of_support !== null && !MONTH_RE.test(series.end_of_support)) problems.push(`${where}: end_of_support is not YYYY-MM`);
    if (series.release_date !== null && !MONTH_RE.test(series.release_date)) problems.push(`${where}: release_date is not YYYY-MM`);
  }
  if (!DATE_RE.test(data.compiled)) problems.push(`compiled date "${data.compiled}" is not YYYY-MM-DD`);
  return problems;
}
