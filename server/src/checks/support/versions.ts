/** Module version strings ("18.0.1.3", "1.2.0") compared numerically, segment by segment. */

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-+]/).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const pb = b.split(/[.\-+]/).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  }
  return 0;
}
