/**
 * Odoo series and build knowledge: parsing what `common.version` reports.
 *
 *   "18.0-20250506"      → series 18.0, community, build 2025-05-06
 *   "17.0+e-20240115"    → series 17.0, enterprise, build 2024-01-15
 *   "saas~17.2+e"        → series 17.0 (derived), enterprise, saas, no build date
 *   "16.0"               → series 16.0, source install, no build date
 */
export interface ParsedServerVersion {
  series: string;
  edition: 'community' | 'enterprise';
  buildDate: string | null;
  saas: boolean;
}

const VERSION_RE = /^(saas~)?(\d+)\.(\d+)(\+e)?(?:-(\d{8}))?/;

export function parseServerVersion(serverVersion: string): ParsedServerVersion | null {
  const m = VERSION_RE.exec(serverVersion.trim());
  if (!m) return null;
  const [, saas, major, minor, enterprise, build] = m;
  return {
    // saas~17.2 derives from 17.0; on-premise series always end in .0
    series: `${Number(major)}.0`,
    edition: enterprise ? 'enterprise' : 'community',
    buildDate: build ? `${build.slice(0, 4)}-${build.slice(4, 6)}-${build.slice(6, 8)}` : null,
    saas: Boolean(saas),
  };
}

/** Compares "MAJOR.MINOR" series strings numerically: negative when a < b. */
export function compareSeries(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

export function seriesInRange(series: string, range: { min?: string; max?: string } | undefined): boolean {
  if (!range) return true;
  if (range.min && compareSeries(series, range.min) < 0) return false;
  if (range.max && compareSeries(series, range.max) > 0) return false;
  return true;
}
