/**
 * The committed Facts snapshots (test/fixtures/facts/) are what scanning the Odoo double gives now,
 * so the checks tested on them never run on stale facts. Regenerate with `npx tsx scripts/record-facts.ts`.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RECORDED_AT, recordFacts, SNAPSHOT_SERIES, snapshotPath } from '../../scripts/record-facts.ts';

describe.each(SNAPSHOT_SERIES)('the Odoo %s facts snapshot', (series) => {
  it('is what a scan of the double produces now', async () => {
    const committed = await readFile(snapshotPath(series), 'utf8');
    const fresh = await recordFacts(series);
    expect(JSON.parse(fresh)).toEqual(JSON.parse(committed));
    expect(fresh).toBe(committed);
  });

  it('is pinned to the recording time and the recorded server address', async () => {
    const facts = JSON.parse(await readFile(snapshotPath(series), 'utf8')) as { collectedAt: string; target: { url: string } };
    expect(facts.collectedAt).toBe(RECORDED_AT);
    expect(facts.target.url).toBe(series === '17.0' ? 'http://127.0.0.1:8069' : 'http://127.0.0.1:8070');
  });
});
