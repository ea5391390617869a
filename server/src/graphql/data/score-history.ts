/**
 * Score history: one point per scored scan, and daily buckets in the partner's time zone (so a
 * scan at 23:30 in Brussels counts for that Brussels day). Pure.
 */
export interface ScorePoint {
  scanId: string;
  /** When the scan finished (when it was queued, if it has no finish time). */
  at: Date;
  score: number;
  grade: string | null;
  coverage: number | null;
}

export interface DailyScore {
  /** YYYY-MM-DD in the partner's time zone. */
  date: string;
  average: number;
  min: number;
  max: number;
  /** The score of the day's last scan. */
  last: number;
  scanCount: number;
}

/** The calendar date of `at` in `timezone`, as YYYY-MM-DD. */
export function localDate(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Buckets points (in any order) by local day, days in ascending order. */
export function dailyBuckets(points: readonly ScorePoint[], timezone: string): DailyScore[] {
  const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
  const byDay = new Map<string, number[]>();
  for (const point of sorted) {
    const day = localDate(point.at, timezone);
    const scores = byDay.get(day) ?? [];
    scores.push(point.score);
    byDay.set(day, scores);
  }
  return [...byDay.entries()].map(([date, scores]) => ({
    date,
    average: roundScore(scores.reduce((sum, score) => sum + score, 0) / scores.length),
    min: Math.min(...scores),
    max: Math.max(...scores),
    last: scores[scores.length - 1],
    scanCount: scores.length,
  }));
}
