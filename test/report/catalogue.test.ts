import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../server/src/checks/index.ts';
import { DIMENSION_TITLES, DIMENSIONS } from '../../server/src/checks/types.ts';
import { CODE_RULES } from '../../server/src/code/rules/index.ts';
import { catalogueJson, catalogueMarkdown, catalogueText, seriesLabel, type CatalogueCodeRule } from '../../server/src/report/catalogue.ts';
import { SAMPLE_CHECKS } from './sample.ts';

const codeRule: CatalogueCodeRule = {
  id: 'custom_code.cr-commit', dimension: 'custom_code', severity: 'high', title: 'Explicit cr.commit()',
  rationale: 'Breaks transactions | and more.', remediation: 'Remove it.', effortHours: 1, references: ['https://example.com/commit'],
  pylintOdoo: 'E8102 invalid-commit', ocaHook: null,
};
const catalogue = { checks: SAMPLE_CHECKS, codeRules: [codeRule] };

describe('check catalogue', () => {
  it('documents every check in markdown, grouped by dimension with a count per dimension', () => {
    const md = catalogueMarkdown(catalogue);
    for (const dimension of DIMENSIONS) expect(md).toMatch(new RegExp(`^## ${DIMENSION_TITLES[dimension]} \\(\\d+ entr`, 'm'));
    expect(md).toMatch(/^## Security \(1 entry\)/m);
    expect(md).toContain('| Cron health | 10 | [1](#live-cron-health) | [0](#code-cron-health) |');
    const entry = md.slice(md.indexOf('### `security.test-admin-login`'), md.indexOf('###', md.indexOf('### `security.test-admin-login`') + 3));
    expect(entry).toContain('| Default severity | critical |');
    expect(entry).toContain('| Remediation effort | 0.25 h per finding |');
    expect(entry).toContain('| Facts needed | `users` |');
    expect(entry).toContain('| Odoo series | all |');
    expect(entry).toContain('**Risk.** A predictable login');
    expect(entry).toContain('**Remediation.** Rename the administrator login');
    expect(entry).toContain('- <https://example.com/admin-login>');
    // Code rules get their own part, after the live checks, saying where they run when known.
    expect(md.indexOf('### `custom_code.cr-commit`')).toBeGreaterThan(md.indexOf('# Source-code rules'));
    expect(md).not.toContain('| Runs on |');
    expect(catalogueMarkdown({ ...catalogue, codeRules: [{ ...codeRule, scope: 'addon files' }] })).toContain('| Runs on | addon files |');
  });

  it('describes series ranges in words', () => {
    expect(seriesLabel(undefined)).toBe('all');
    expect(seriesLabel({ min: '17.0' })).toBe('17.0 and later');
    expect(seriesLabel({ max: '17.0' })).toBe('up to 17.0');
    expect(seriesLabel({ min: '16.0', max: '18.0' })).toBe('16.0 to 18.0');
  });

  it('lists checks and code rules as JSON with what each needs', () => {
    const json = JSON.parse(catalogueJson(catalogue));
    expect(json.checks.map((c: { id: string }) => c.id)).toEqual([...SAMPLE_CHECKS.map((c) => c.id)].sort());
    expect(json.checks.find((c: { id: string }) => c.id === 'cron_health.test-overdue')).toMatchObject({ requires: ['crons'], series: null });
    expect(json.codeRules).toEqual([{ ...codeRule, series: null }]);
  });

  it("names the linter message each code rule corresponds to (whose disable comments it honours)", () => {
    const md = catalogueMarkdown(catalogue);
    expect(md).toContain('| Corresponds to | pylint-odoo `E8102 invalid-commit` |');
    const alone = catalogueMarkdown({ ...catalogue, codeRules: [{ ...codeRule, pylintOdoo: null, ocaHook: 'xml-dup', series: { min: '17.0' } }] });
    expect(alone).toContain('| Corresponds to | OCA pre-commit hook `xml-dup` |');
    expect(alone).toContain('| Odoo series | 17.0 and later |');
  });

  it('lists ids, severities and titles as text', () => {
    const text = catalogueText(catalogue);
    expect(text).toMatch(/Live checks \(5\)/);
    expect(text).toMatch(/security\.test-admin-login\s+critical\s+Administrator login is "admin"/);
    expect(text).toMatch(/Source-code rules \(1\)[\s\S]*custom_code\.cr-commit/);
  });
});

describe('docs/checks.md', () => {
  it('matches the check declarations', () => {
    const onDisk = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
    const generated = catalogueMarkdown({ checks: ALL_CHECKS, codeRules: CODE_RULES });
    expect(onDisk === generated, 'docs/checks.md is out of date: run `npm run docs:checks`').toBe(true);
  });
});
