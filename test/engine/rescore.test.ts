import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../server/src/checks/index.ts';
import { CODE_RULE_DEFINITIONS, storedCodeRules } from '../../server/src/code/rules/index.ts';
import { evaluateFacts, rescoreFacts } from '../../server/src/engine/evaluate.ts';
import { FactsSnapshotError, parseFactsSnapshot } from '../../server/src/engine/snapshot.ts';
import { FACT_KEYS, notCollected } from '../../server/src/facts/types.ts';
import { factsWith } from '../support/facts.ts';
import { SAMPLE_CHECKS, sampleFacts, sampleScan } from '../report/sample.ts';

/** A snapshot as it comes back from disk. */
const fromDisk = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('rescoreFacts (replay of a saved snapshot)', () => {
  it('gives the same results, score and report as the scan that produced the facts', async () => {
    const live = await sampleScan();
    const replay = await rescoreFacts(fromDisk(live.facts), { checks: SAMPLE_CHECKS });
    expect(replay.results).toEqual(live.results);
    expect(replay.pulse).toEqual(live.pulse);
    expect(replay.report).toEqual(live.report);
  });

  it('runs every check of the catalogue, then every code rule that reads database-stored code, by default', async () => {
    const { results, report } = await rescoreFacts(fromDisk(factsWith({})));
    const codeRules = storedCodeRules(CODE_RULE_DEFINITIONS).map((r) => r.meta.id);
    expect(results.map((r) => r.checkId)).toEqual([...ALL_CHECKS.map((c) => c.id), ...codeRules]);
    expect(report.checks).toHaveLength(results.length);
    // Without server actions or views in the facts, the code rules say so instead of passing.
    const sqlInjection = results.find((r) => r.checkId === 'custom_code.sql-injection');
    expect(sqlInjection).toMatchObject({ status: 'not_assessed', reason: 'serverActions: not collected in this test' });
  });

  it('reports every not-collected fact group as a gap with its reason, and the instance it saw', async () => {
    const facts = sampleFacts();
    facts.crons = notCollected('access denied on ir.cron');
    const { report } = await evaluateFacts(facts, { checks: SAMPLE_CHECKS });
    const notCollectedKeys = FACT_KEYS.filter((k) => facts[k].status === 'not_collected');
    expect(report.gaps.map((g) => g.fact)).toEqual(notCollectedKeys);
    expect(report.gaps).toContainEqual({ fact: 'crons', reason: 'access denied on ir.cron' });
    expect(report.instance).toEqual({ series: '18.0', serverVersion: '18.0-20250506', edition: 'community', buildDate: '2025-05-06' });
    expect(report.scannedAt).toBe(facts.collectedAt);
    expect(report.checks.find((c) => c.checkId === 'cron_health.test-overdue')).toMatchObject({
      status: 'not_assessed', findingCount: 0,
    });
  });
});

describe('facts snapshot validation', () => {
  const good = () => fromDisk(factsWith({ users: [] }));
  const reject = (value: unknown) => {
    try {
      parseFactsSnapshot(value);
    } catch (error) {
      expect(error).toBeInstanceOf(FactsSnapshotError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      return message;
    }
    throw new Error('the snapshot was accepted');
  };

  it('accepts a snapshot written by the tool', () => {
    expect(parseFactsSnapshot(good()).schemaVersion).toBe(1);
  });

  it('refuses what is not a snapshot, naming the problem', async () => {
    expect(reject([1, 2])).toMatch(/not an odoo-pulse facts snapshot.*a list/);
    expect(reject('facts')).toMatch(/not an object/);
    expect(reject({ hello: 'world' })).toMatch(/no "schemaVersion"/);
    expect(reject(fromDisk((await sampleScan()).report))).toMatch(/scan report, not a facts snapshot.*--save-facts/);
  });

  it('refuses an unsupported schema version, saying which it reads', () => {
    expect(reject({ ...good(), schemaVersion: 2 })).toMatch(/schemaVersion 2 is not supported.*version 1/);
    expect(reject({ ...good(), schemaVersion: '1' })).toMatch(/schemaVersion "1" is not supported/);
  });

  it('refuses a damaged snapshot, naming the field', () => {
    expect(reject({ ...good(), collectedAt: 'yesterday' })).toMatch(/collectedAt/);
    expect(reject({ ...good(), target: {} })).toMatch(/target/);
    const { crons: _crons, ...noCrons } = good();
    expect(reject(noCrons)).toMatch(/lacks the fact group crons/);
    expect(reject({ ...good(), crons: { status: 'maybe' } })).toMatch(/"crons" fact group has status "maybe"/);
    expect(reject({ ...good(), users: { status: 'collected', value: { id: 1 } } })).toMatch(/"users".*an object, expected a list/);
    expect(reject({ ...good(), logs: { status: 'not_collected' } })).toMatch(/"logs".*no reason/);
    const server = good().server as { value: Record<string, unknown> };
    expect(reject({ ...good(), server: { status: 'collected', value: { ...server.value, series: 18 } } })).toMatch(/"series"/);
  });

  it('makes rescoreFacts refuse before any check runs', async () => {
    await expect(rescoreFacts({ schemaVersion: 99 })).rejects.toThrow(FactsSnapshotError);
  });
});
