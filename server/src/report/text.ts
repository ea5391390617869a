/**
 * The human rendering of a scan report, for a terminal: instance, Pulse Score, the nine dimensions,
 * findings by points lost with their one-line fix, and what could not be assessed.
 */
import { SEVERITIES, type FindingObject, type Severity } from '../checks/types.ts';
import type { Grade, ScoredFinding } from '../score/types.ts';
import { formatNumber, formatPercent, oneLine, padEnd, padStart, painter, type Painter, type Style } from './text-util.ts';
import type { ScanReport } from './types.ts';

export interface TextOptions {
  /** ANSI colours (only when writing to a terminal that wants them). */
  color?: boolean;
}

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ['red', 'bold'],
  high: ['red'],
  medium: ['yellow'],
  low: ['cyan'],
  info: ['dim'],
};

const GRADE_STYLE: Record<Grade, Style> = { A: 'green', B: 'green', C: 'yellow', D: 'red', F: 'red' };

/** "cron Mail: Email Queue Manager (#12)", "file models/sale.py:42:7". */
export function describeObject(object: FindingObject): string {
  if (object.file !== undefined) {
    const position = object.line !== undefined ? `:${object.line}${object.column !== undefined ? `:${object.column}` : ''}` : '';
    return `${object.kind} ${object.file}${position}`;
  }
  const kind = object.kind.replace(/_/g, ' ');
  if (object.label && object.label !== object.key) return `${kind} ${object.label} (${object.key})`;
  return `${kind} ${object.key}`;
}

/**
 * Points lost, then what each is worth once a cap lifts, then severity, then check id: the order users
 * act in (while a cap holds, most findings cost 0 points now but still matter).
 */
export function byPointsLost(findings: readonly ScoredFinding[]): ScoredFinding[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return [...findings].sort(
    (a, b) =>
      b.points - a.points ||
      (b.uncappedPoints ?? 0) - (a.uncappedPoints ?? 0) ||
      rank(a.severity) - rank(b.severity) ||
      a.checkId.localeCompare(b.checkId),
  );
}

function pointsLabel(finding: ScoredFinding): string {
  const now = finding.points > 0 ? `-${formatNumber(finding.points)} pts` : '0 pts';
  const uncapped = finding.uncappedPoints;
  // While a cap holds, a finding under it costs nothing now; say what it will cost once the cap lifts.
  return uncapped !== undefined && uncapped > finding.points ? `${now} (-${formatNumber(uncapped)} once the cap lifts)` : now;
}

function header(report: ScanReport, paint: Painter): string[] {
  const { target, instance } = report;
  const who = [target.database && `database ${target.database}`, target.login && `user ${target.login}`, target.protocol]
    .filter(Boolean)
    .join(', ');
  const lines = [`${paint(`${report.tool.name} ${report.tool.version}`, 'bold')}  ${target.url}${who ? ` (${who})` : ''}`];
  lines.push(`Scanned ${report.scannedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`);
  if (instance.series) {
    const edition = instance.edition ? ` ${instance.edition[0].toUpperCase()}${instance.edition.slice(1)}` : '';
    const build = instance.serverVersion ? `, build ${instance.serverVersion}` : '';
    const date = instance.buildDate ? ` (${instance.buildDate})` : '';
    lines.push(`Odoo ${instance.series}${edition}${build}${date}`);
  } else {
    lines.push('Odoo series unknown (the server version was not collected)');
  }
  return lines;
}

function scoreBlock(report: ScanReport, paint: Painter): string[] {
  const { pulse } = report;
  if (pulse.score === null) {
    return [`${paint('Pulse Score', 'bold')}  not computed: no dimension could be assessed (coverage ${formatPercent(pulse.coverage)})`];
  }
  const grade = pulse.grade ? `  grade ${paint(pulse.grade, 'bold', GRADE_STYLE[pulse.grade])}` : '';
  const lines = [
    `${paint('Pulse Score', 'bold')}  ${paint(formatNumber(pulse.score), 'bold')}/100${grade}  coverage ${formatPercent(pulse.coverage)}`,
  ];
  if (pulse.cap) {
    const uncapped = pulse.uncappedScore !== null ? ` (uncapped ${formatNumber(pulse.uncappedScore)})` : '';
    lines.push(paint(`Capped at ${formatNumber(pulse.cap.limit)}${uncapped}: ${oneLine(pulse.cap.reason)}`, 'yellow'));
  }
  return lines;
}

function dimensionTable(report: ScanReport, paint: Painter): string[] {
  const rows = report.pulse.dimensions.map((d) => [
    d.title,
    d.score === null ? '—' : formatNumber(d.score),
    formatNumber(d.weight),
    d.assessed ? String(d.findingCount) : paint(`not assessed: ${oneLine(d.reason ?? 'no check could run')}`, 'dim'),
  ]);
  const head = ['Dimension', 'Score', 'Weight', 'Findings'];
  const width = (col: number) => Math.max(head[col].length, ...rows.map((r) => r[col].length));
  const [w0, w1, w2] = [width(0), width(1), width(2)];
  const format = (r: string[]) => `${padEnd(r[0], w0)}  ${padStart(r[1], w1)}  ${padStart(r[2], w2)}  ${r[3]}`.trimEnd();
  return [paint(format(head), 'bold'), ...rows.map(format)];
}

function findingLines(findings: readonly ScoredFinding[], paint: Painter): string[] {
  if (findings.length === 0) return ['No findings.'];
  const ordered = byPointsLost(findings);
  const sevWidth = Math.max(...ordered.map((f) => f.severity.length));
  const numWidth = String(ordered.length).length;
  const lines: string[] = [];
  ordered.forEach((f, i) => {
    const severity = paint(padEnd(f.severity.toUpperCase(), sevWidth), ...SEVERITY_STYLE[f.severity]);
    const points = pointsLabel(f);
    const indent = ' '.repeat(numWidth + 2);
    lines.push(`${padStart(String(i + 1), numWidth)}. ${severity}  ${paint(f.title, 'bold')}  ${paint(points, 'magenta')}`);
    lines.push(`${indent}${describeObject(f.object)}: ${oneLine(f.message)}`);
    lines.push(`${indent}${paint('Fix:', 'green')} ${oneLine(f.fix)}`);
  });
  return lines;
}

export function renderText(report: ScanReport, options: TextOptions = {}): string {
  const paint = painter(options.color ?? false);
  const section = (title: string) => ['', paint(title, 'bold')];
  const findings = report.pulse.findings;
  const lines = [...header(report, paint), '', ...scoreBlock(report, paint), '', ...dimensionTable(report, paint)];
  lines.push(...section(`Findings (${findings.length}), by points lost`), ...findingLines(findings, paint));

  if (report.gaps.length > 0) {
    lines.push(...section(`Not collected (${report.gaps.length}): checks needing these facts were not assessed`));
    const width = Math.max(...report.gaps.map((g) => g.fact.length));
    for (const gap of report.gaps) lines.push(`  ${padEnd(gap.fact, width)}  ${oneLine(gap.reason)}`);
  }
  const failedChecks = report.checks.filter((c) => c.status === 'error');
  if (failedChecks.length > 0) {
    lines.push(...section(`Checks that could not run (${failedChecks.length})`));
    for (const check of failedChecks) lines.push(`  ${check.checkId}: ${oneLine(check.reason ?? 'unknown error')}`);
  }
  return `${lines.join('\n')}\n`;
}
