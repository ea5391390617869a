/** Series lifecycle from the shipped reference data (data/reference/odoo-versions.json). */
import { compareSeries } from '../../odoo/series.ts';
import type { ReferenceData, SeriesLifecycle } from '../../reference/types.ts';
import { endOfMonth, parseOdooDate } from './dates.ts';

export function lifecycleOf(series: string, reference: ReferenceData): SeriesLifecycle | undefined {
  return reference.series.find((s) => s.series === series);
}

/** The first instant after standard support ends ("2026-09" → 2026-10-01), or null when unknown. */
export function supportEnd(lifecycle: SeriesLifecycle | undefined): Date | null {
  return lifecycle?.end_of_support ? endOfMonth(lifecycle.end_of_support) : null;
}

/** Major series released on or before `now`, newest first. */
export function releasedSeries(reference: ReferenceData, now: Date): SeriesLifecycle[] {
  return reference.series
    .filter((s) => {
      const released = parseOdooDate(s.release_date);
      return released !== null && released <= now;
    })
    .sort((a, b) => compareSeries(b.series, a.series));
}
