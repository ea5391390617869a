/** Assertions every dimension's catalogue test makes about its check declarations. */
import { expect } from 'vitest';
import { oneLineFix } from '../../../server/src/checks/run.ts';
import type { CheckDefinition } from '../../../server/src/checks/types.ts';
import { FACT_KEYS } from '../../../server/src/facts/types.ts';

/** Each check is declared in `dimension`, with a unique `<dimension>.<kebab-name>` id. */
export function expectIdsOfDimension(dimension: string, checks: readonly CheckDefinition[]): void {
  const ids = checks.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const check of checks) {
    expect(check.dimension).toBe(dimension);
    expect(check.id).toMatch(new RegExp(`^${dimension}\\.[a-z0-9]+(-[a-z0-9]+)*$`));
  }
}

/** The check explains itself: title, rationale, a one-sentence fix, effort, public references and the facts it reads. */
export function expectExplainsItself(check: CheckDefinition): void {
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
