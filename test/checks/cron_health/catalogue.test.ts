/** The declarations of the module health, cron health, performance, configuration and custom code checks are complete and consistent. */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../server/src/checks/index.ts';
import { configurationChecks } from '../../../server/src/checks/configuration/index.ts';
import { cronHealthChecks } from '../../../server/src/checks/cron_health/index.ts';
import { customCodeChecks } from '../../../server/src/checks/custom_code/index.ts';
import { moduleHealthChecks } from '../../../server/src/checks/module_health/index.ts';
import { performanceChecks } from '../../../server/src/checks/performance/index.ts';
import { oneLineFix } from '../../../server/src/checks/run.ts';
import { FACT_KEYS } from '../../../server/src/facts/types.ts';

const SETS = {
  module_health: moduleHealthChecks,
  cron_health: cronHealthChecks,
  performance: performanceChecks,
  configuration: configurationChecks,
  custom_code: customCodeChecks,
};

/**
 * Custom code keeps only the checks about the database itself: what code does is judged by the
 * source-code analyser's rules, in files and in the database alike.
 */
const AT_LEAST: Record<string, number> = { custom_code: 3 };

describe.each(Object.entries(SETS))('the %s checks', (dimension, checks) => {
  it('are at least five (custom code: three), each in its own dimension with a unique <dimension>.<kebab-name> id, and all in the catalogue', () => {
    expect(checks.length).toBeGreaterThanOrEqual(AT_LEAST[dimension] ?? 5);
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of checks) {
      expect(check.dimension).toBe(dimension);
      expect(check.id).toMatch(new RegExp(`^${dimension}\\.[a-z0-9]+(-[a-z0-9]+)*$`));
      expect(ALL_CHECKS).toContain(check);
    }
  });

  it('explain themselves: title, rationale, a one-sentence fix, effort, public references and the facts they read', () => {
    for (const check of checks) {
      expect(check.title.length, check.id).toBeGreaterThan(10);
      expect(check.rationale.length, check.id).toBeGreaterThan(60);
      const fix = oneLineFix(check.remediation);
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
