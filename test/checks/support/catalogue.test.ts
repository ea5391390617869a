/** The declarations of the security, permissions, update currency and compliance checks are complete and consistent. */
import { describe, expect, it } from 'vitest';
import { complianceChecks } from '../../../server/src/checks/compliance/index.ts';
import { permissionsChecks } from '../../../server/src/checks/permissions/index.ts';
import { oneLineFix } from '../../../server/src/checks/run.ts';
import { securityChecks } from '../../../server/src/checks/security/index.ts';
import { FACT_KEYS } from '../../../server/src/facts/types.ts';
import { updateCurrencyChecks } from '../../../server/src/checks/update_currency/index.ts';

const SETS = { security: securityChecks, permissions: permissionsChecks, update_currency: updateCurrencyChecks, compliance: complianceChecks };

describe.each(Object.entries(SETS))('the %s checks', (dimension, checks) => {
  it('are at least six, each declared in its own dimension with a unique <dimension>.<kebab-name> id', () => {
    expect(checks.length).toBeGreaterThanOrEqual(6);
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of checks) {
      expect(check.dimension).toBe(dimension);
      expect(check.id).toMatch(new RegExp(`^${dimension}\\.[a-z0-9]+(-[a-z0-9]+)*$`));
    }
  });

  it('explain themselves: title, rationale, a one-sentence fix, effort, public references and the facts they read', () => {
    for (const check of checks) {
      expect(check.title.length, check.id).toBeGreaterThan(10);
      expect(check.rationale.length, check.id).toBeGreaterThan(60);
      const fix = oneLineFix(check.remediation);
      // The first sentence is the whole one-line fix: an abbreviation such as "e.g." would cut it short.
      expect(fix.length, check.id).toBeGreaterThan(40);
      expect(fix.length, check.id).toBeLessThan(check.remediation.length);
      expect(fix, check.id).toMatch(/[.!?]$/);
      expect(check.effortHours, check.id).toBeGreaterThan(0);
      expect(check.references.length, check.id).toBeGreaterThan(0);
      for (const url of check.references) expect(url, check.id).toMatch(/^https:\/\/[^\s]+$/);
      expect(check.requires.length, check.id).toBeGreaterThan(0);
      for (const key of check.requires) expect(FACT_KEYS as readonly string[], check.id).toContain(key);
    }
  });
});
