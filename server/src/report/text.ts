/**
 * The human rendering of a scan report, for a terminal: instance, Pulse Score, the nine dimensions,
 * findings by points lost with their one-line fix, and what could not be assessed.
 */
import { SEVERITIES, type Finding, type FindingObject, type Severity } from '../checks/types.ts';
import type { Grade, ScoredFinding } from '../score/types.ts';
import { formatNumber, formatPercent, oneLine, padEnd, padStart, painter, type Painter, type Style } from './text-util.ts';
import type { ScanReport, ScanReportCode } from './types.ts';

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

/** "cron Mail: Email Queue Manager (12)", "file my_module/models/sale.py:42:7". */
export function describeObject(object: FindingObject): string {
  const kind = object.kind.replace(/_/g, ' ');
  if (object.file !== undefined) {
    const position = object.line !== undefined ? `:${object.line}${object.column !== undefined ? `:${object.column}` : ''}` : '';
    // Code stored in a record: "server action Custom: Sync (db://ir.actions.server/12:3:1)".
    if (object.kind !== 'file' && object.label) return `${kind} ${object.label} (${object.file}${position})`;
    return `${object.kind} ${object.file}${position}`;
  }
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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What the code rules read besides the live facts, and the source findings the score leaves out. */
function codeSection(code: ScanReportCode, gaps: ScanReport['gaps'], paint: Painter): string[] {
  const lines: string[] = [];
  const stored = code.storedCode;
  const missing = (fact: string) => gaps.some((gap) => gap.fact === fact);
  const actions = missing('serverActions') ? 'server actions not collected' : plural(stored.serverActions, 'server action');
  const views = missing('customViews') ? 'views not collected' : `${plural(stored.views, 'view')} without an XML id`;
  lines.push(`Database code analysed: ${actions}, ${views}`);
  if (code.addonsPaths.length > 0) {
    const stats = code.stats;
    const size = stats ? `, ${plural(stats.files.total, 'file')}, ${plural(stats.lines.total, 'line')}` : '';
    lines.push(`Source analysed (--addons ${code.addonsPaths.join(', ')}): ${plural(code.modules.length, 'module')}${size}${code.series ? `, rules for Odoo ${code.series}` : ''}`);
    const width = Math.max(...code.modules.map((m) => m.name.length), 0);
    for (const mod of [...code.modules].sort((a, b) => a.name.localeCompare(b.name))) {
      const state = mod.state === null ? 'not on the instance' : mod.state;
      const verdict = mod.scored ? 'scored' : paint('reported, not scored', 'yellow');
      lines.push(`  ${padEnd(mod.name, width)}  ${padEnd(mod.version ?? '', 12)}  ${state}: ${verdict}`);
    }
  }
  if (code.unscored.length > 0) {
    lines.push('', paint(`Findings in modules the instance does not run (${code.unscored.length}): reported, not scored`, 'bold'));
    lines.push(...unscoredLines(code.unscored, paint));
  }
  if (code.suppressed.length > 0) lines.push(paint(`Suppressed with a reason in the code: ${code.suppressed.length}`, 'dim'));
  if (code.problems.length > 0) {
    lines.push('', paint(`Code that could not be analysed (${code.problems.length})`, 'bold'));
    for (const problem of code.problems.slice(0, 50)) lines.push(`  ${problem.file}: ${oneLine(problem.message)}`);
    if (code.problems.length > 50) lines.push(`  … and ${code.problems.length - 50} more`);
  }
  return lines;
}

function unscoredLines(findings: readonly Finding[], paint: Painter): string[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const ordered = [...findings].sort((a, b) => rank(a.severity) - rank(b.severity) || a.checkId.localeCompare(b.checkId));
  const sevWidth = Math.max(...ordered.map((f) => f.severity.length));
  return ordered.map(
    (f) => `  ${paint(padEnd(f.severity.toUpperCase(), sevWidth), ...SEVERITY_STYLE[f.severity])}  ${describeObject(f.object)}: ${oneLine(f.message)}`,
  );
}

export function renderText(report: ScanReport, options: TextOptions = {}): string {
  const paint = painter(options.color ?? false);
  const section = (title: string) => ['', paint(title, 'bold')];
  const findings = report.pulse.findings;
  const lines = [...header(report, paint), '', ...scoreBlock(report, paint), '', ...dimensionTable(report, paint)];
  lines.push(...section(`Findings (${findings.length}), by points lost`), ...findingLines(findings, paint));

  const code = report.code;
  if (code && (code.storedCode.serverActions + code.storedCode.views > 0 || code.addonsPaths.length > 0 || code.problems.length > 0)) {
    lines.push(...section('Code'), ...codeSection(code, report.gaps, paint));
  }

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
