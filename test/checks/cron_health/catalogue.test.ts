/** The declarations of the module health, cron health, performance, configuration and custom code checks are complete and consistent. */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../server/src/checks/index.ts';
import { configurationChecks } from '../../../server/src/checks/configuration/index.ts';
import { cronHealthChecks } from '../../../server/src/checks/cron_health/index.ts';
import { customCodeChecks } from '../../../server/src/checks/custom_code/index.ts';
import { moduleHealthChecks } from '../../../server/src/checks/module_health/index.ts';
import { performanceChecks } from '../../../server/src/checks/performance/index.ts';
import { expectExplainsItself, expectIdsOfDimension } from '../support/declarations.ts';

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
    expectIdsOfDimension(dimension, checks);
    for (const check of checks) expect(ALL_CHECKS).toContain(check);
  });

  it('explain themselves: title, rationale, a one-sentence fix, effort, public references and the facts they read', () => {
    for (const check of checks) expectExplainsItself(check);
  });
});
