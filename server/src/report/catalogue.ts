/**
 * The check catalogue, rendered from the declarations themselves (never written by hand): live
 * checks grouped by dimension, then the source-code analyser's rules. docs/checks.md is the markdown
 * form (`npm run docs:checks`); a test keeps it in step with the code.
 */
import { DIMENSION_TITLES, DIMENSIONS, type CheckDefinition, type CheckMeta, type Dimension } from '../checks/types.ts';
import { DEFAULT_WEIGHTS } from '../score/types.ts';
import { padEnd } from './text-util.ts';

export const CATALOGUE_FORMATS = ['text', 'json', 'markdown'] as const;
export type CatalogueFormat = (typeof CATALOGUE_FORMATS)[number];

/** A source-code rule as the catalogue shows it. */
export interface CatalogueCodeRule extends CheckMeta {
  /** Where the rule runs (addon files, code stored in the database), when known. */
  scope?: string;
  /** The pylint-odoo message ("E8103 sql-injection") and OCA pre-commit hook it corresponds to. */
  pylintOdoo?: string | null;
  ocaHook?: string | null;
  series?: CheckDefinition['series'];
}

export interface Catalogue {
  checks: readonly CheckDefinition[];
  codeRules: readonly CatalogueCodeRule[];
}

function byDimension<T extends CheckMeta>(items: readonly T[]): Array<[Dimension, T[]]> {
  return DIMENSIONS.map((dimension) => [
    dimension,
    items.filter((item) => item.dimension === dimension).sort((a, b) => a.id.localeCompare(b.id)),
  ]);
}

export function seriesLabel(range: CheckDefinition['series']): string {
  if (!range || (!range.min && !range.max)) return 'all';
  if (range.min && range.max) return range.min === range.max ? range.min : `${range.min} to ${range.max}`;
  return range.min ? `${range.min} and later` : `up to ${range.max}`;
}

function hours(effort: number): string {
  return `${effort} h`;
}

// ---------------------------------------------------------------------------------------------- json

function metaJson(meta: CheckMeta) {
  return {
    id: meta.id,
    dimension: meta.dimension,
    severity: meta.severity,
    title: meta.title,
    rationale: meta.rationale,
    remediation: meta.remediation,
    effortHours: meta.effortHours,
    references: meta.references,
  };
}

export function catalogueJson(catalogue: Catalogue): string {
  const sortById = <T extends CheckMeta>(items: readonly T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));
  return `${JSON.stringify(
    {
      checks: sortById(catalogue.checks).map((check) => ({
        ...metaJson(check),
        series: check.series ?? null,
        requires: [...check.requires],
      })),
      codeRules: sortById(catalogue.codeRules).map((rule) => ({
        ...metaJson(rule),
        ...(rule.scope ? { scope: rule.scope } : {}),
        series: rule.series ?? null,
        pylintOdoo: rule.pylintOdoo ?? null,
        ocaHook: rule.ocaHook ?? null,
      })),
    },
    null,
    2,
  )}\n`;
}

// ---------------------------------------------------------------------------------------------- text

function textSection<T extends CheckMeta>(title: string, items: readonly T[]): string[] {
  const lines = [`${title} (${items.length})`];
  if (items.length === 0) return [...lines, '  none yet'];
  const idWidth = Math.max(...items.map((i) => i.id.length));
  for (const [dimension, group] of byDimension(items)) {
    if (group.length === 0) continue;
    lines.push('', `  ${DIMENSION_TITLES[dimension]} (${group.length})`);
    for (const item of group) lines.push(`    ${padEnd(item.id, idWidth)}  ${padEnd(item.severity, 8)}  ${item.title}`);
  }
  return lines;
}

export function catalogueText(catalogue: Catalogue): string {
  return `${[...textSection('Live checks', catalogue.checks), '', ...textSection('Source-code rules', catalogue.codeRules)].join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------ markdown

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function anchor(prefix: string, dimension: Dimension): string {
  return `${prefix}-${dimension.replace(/_/g, '-')}`;
}

function markdownEntry(meta: CheckMeta, extra: Array<[string, string]>): string[] {
  const rows: Array<[string, string]> = [
    ['Dimension', DIMENSION_TITLES[meta.dimension]],
    ['Default severity', meta.severity],
    ['Remediation effort', `${hours(meta.effortHours)} per finding`],
    ...extra,
  ];
  const lines = [`### \`${meta.id}\``, '', `**${meta.title}**`, '', '| | |', '|---|---|'];
  for (const [name, value] of rows) lines.push(`| ${name} | ${cell(value)} |`);
  lines.push('', `**Risk.** ${meta.rationale.trim()}`, '', `**Remediation.** ${meta.remediation.trim()}`, '');
  if (meta.references.length > 0) {
    lines.push('**References.**', '', ...meta.references.map((ref) => `- <${ref}>`), '');
  }
  return lines;
}

function markdownPart<T extends CheckMeta>(
  prefix: string,
  items: readonly T[],
  extra: (item: T) => Array<[string, string]>,
): string[] {
  const lines: string[] = [];
  for (const [dimension, group] of byDimension(items)) {
    const noun = group.length === 1 ? 'entry' : 'entries';
    lines.push(`<a id="${anchor(prefix, dimension)}"></a>`, '', `## ${DIMENSION_TITLES[dimension]} (${group.length} ${noun})`, '');
    if (group.length === 0) lines.push('None yet.', '');
    for (const item of group) lines.push(...markdownEntry(item, extra(item)));
  }
  return lines;
}

function codeRuleRows(rule: CatalogueCodeRule): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (rule.scope) rows.push(['Runs on', rule.scope]);
  if (rule.series) rows.push(['Odoo series', seriesLabel(rule.series)]);
  const linters = [rule.pylintOdoo ? `pylint-odoo \`${rule.pylintOdoo}\`` : null, rule.ocaHook ? `OCA pre-commit hook \`${rule.ocaHook}\`` : null].filter(Boolean);
  rows.push(['Corresponds to', linters.length > 0 ? linters.join(', ') : 'none (odoo-pulse only)']);
  return rows;
}

export function catalogueMarkdown(catalogue: Catalogue): string {
  const { checks, codeRules } = catalogue;
  const count = (items: readonly CheckMeta[], d: Dimension) => items.filter((i) => i.dimension === d).length;
  const lines = [
    '<!-- Generated from the check declarations by `npm run docs:checks`. Do not edit by hand. -->',
    '',
    '# Check catalogue',
    '',
    `odoo-pulse runs **${checks.length} live checks** on an Odoo instance (over its API and HTTP endpoints) and ` +
      `the source-code analyser applies **${codeRules.length} rules** to custom addons. Each check belongs to one ` +
      'of the nine dimensions of the Pulse Score; its findings cost points in that dimension (see [the scoring model](scoring.md)). ' +
      'A check whose facts could not be collected is reported as *not assessed*, never as passed.',
    '',
    'Every entry states the risk (why it matters), the remediation, the estimated effort per finding, and, for live ' +
      'checks, the Odoo series it applies to and the facts it needs; for source-code rules, the series they are bound to ' +
      '(if any) and the pylint-odoo message or OCA pre-commit hook they correspond to, whose `# pylint: disable=` ' +
      'comments they honour.',
    '',
    '| Dimension | Weight | Live checks | Code rules |',
    '|---|---:|---:|---:|',
    ...DIMENSIONS.map(
      (d) =>
        `| ${DIMENSION_TITLES[d]} | ${DEFAULT_WEIGHTS[d]} | [${count(checks, d)}](#${anchor('live', d)}) | ` +
        `[${count(codeRules, d)}](#${anchor('code', d)}) |`,
    ),
    `| **Total** | ${DIMENSIONS.reduce((sum, d) => sum + DEFAULT_WEIGHTS[d], 0)} | ${checks.length} | ${codeRules.length} |`,
    '',
    '# Live checks',
    '',
    ...markdownPart('live', checks, (check) => [
      ['Odoo series', seriesLabel(check.series)],
      ['Facts needed', check.requires.map((key) => `\`${key}\``).join(', ') || 'none'],
    ]),
    '# Source-code rules',
    '',
    'Applied by `odoo-pulse code` and `odoo-pulse scan --addons` to a tree of custom addons, and by every scan to the ' +
      'code stored in the database (server actions, automation and cron code, views without an XML id); findings point ' +
      'to a file (or a record) and line.',
    '',
    ...markdownPart('code', codeRules, codeRuleRows),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export function renderCatalogue(catalogue: Catalogue, format: CatalogueFormat): string {
  switch (format) {
    case 'text':
      return catalogueText(catalogue);
    case 'json':
      return catalogueJson(catalogue);
    case 'markdown':
      return catalogueMarkdown(catalogue);
  }
}
