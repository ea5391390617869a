/**
 * Generators of broken source text for the fuzz tests: slices of real files, real files with a few
 * edits, and runs of tokens. Shared by the analyser's and the parsers' fuzz tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/addons');

/** The test addons' files whose names end with `suffix`, as text. */
export function fixtureFiles(suffix: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(suffix)) out.push(readFileSync(path, 'utf8'));
    }
  };
  walk(FIXTURES);
  return out;
}

/** Any slice of one of the sources. */
export const truncated = (sources: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...sources), fc.nat(), fc.nat()).map(([s, a, b]) => {
    const from = a % (s.length + 1);
    return s.slice(from, from + (b % (s.length + 1)));
  });

/** One of the sources with up to six characters each replaced by something from `inserts`. */
export const mutated = (sources: readonly string[], inserts: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...sources), fc.array(fc.tuple(fc.nat(), inserts), { minLength: 1, maxLength: 6 })).map(([s, edits]) =>
    edits.reduce((text, [at, insert]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + 1);
    }, s),
  );

/** Runs of tokens from an alphabet. */
export const tokens = (alphabet: readonly string[], maxLength = 120): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet), { maxLength }).map((parts) => parts.join(''));

/**
 * Runs of a fuzz test: `defaultRuns`, times FUZZ_SCALE when set (`FUZZ_SEED=random FUZZ_SCALE=30
 * npx vitest run test/code` explores; the seed itself is set in test/support/fast-check-seed.ts).
 */
export function fuzzParameters(defaultRuns: number): { numRuns: number } {
  return { numRuns: Math.max(1, Math.round(defaultRuns * Number(process.env.FUZZ_SCALE ?? 1))) };
}
