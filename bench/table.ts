/** Plain-text table of a suite's cases for the terminal. */
import type { CaseResult } from './suite.ts';

function show(value: number | string): string {
  return typeof value === 'number' ? String(Math.round(value * 10) / 10) : value;
}

export function renderTable(cases: readonly CaseResult[]): string {
  const metricNames = [...new Set(cases.flatMap((c) => Object.keys(c.metrics)))];
  const head = ['case', 'median ms', 'p95 ms', 'runs', ...metricNames];
  const rows = cases.map((c) => [
    c.name,
    show(c.wallMs.median),
    show(c.wallMs.p95),
    String(c.wallMs.runs),
    ...metricNames.map((m) => (m in c.metrics ? show(c.metrics[m]) : '')),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
