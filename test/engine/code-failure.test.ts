/**
 * The code analyser failing to start (its Python parser could not load) costs the scan its code
 * rules, reported as errors, and nothing else: the live checks are scored as usual.
 */
import { describe, expect, it, vi } from 'vitest';
import { evaluateFacts } from '../../server/src/engine/evaluate.ts';
import { factsWith } from '../support/facts.ts';
import { FIXTURE_ACTIONS_18 } from '../checks/custom_code/records.ts';

vi.mock('../../server/src/code/python/parser.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../server/src/code/python/parser.ts')>()),
  pythonEngine: () => Promise.reject(new Error('tree-sitter-python.wasm could not be loaded')),
}));

describe('a scan whose code analyser cannot start', () => {
  it('reports the code rules as errors and still scores the live checks', async () => {
    const { results, pulse } = await evaluateFacts(factsWith({ serverActions: FIXTURE_ACTIONS_18, crons: [] }));
    const sql = results.find((r) => r.checkId === 'custom_code.sql-injection');
    expect(sql).toMatchObject({ status: 'error', reason: 'the code analyser could not run: tree-sitter-python.wasm could not be loaded' });
    const pythonInDatabase = results.find((r) => r.checkId === 'custom_code.python-code-in-database');
    expect(pythonInDatabase?.status).toBe('failed');
    expect(pulse.dimensions.find((d) => d.dimension === 'custom_code')?.assessed).toBe(true);
  });
});
