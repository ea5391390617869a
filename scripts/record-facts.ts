/**
 * Regenerates the realistic Facts snapshots other tests build on, by scanning the Odoo double (which
 * serves the responses recorded from real Odoo 17.0 and 18.0 servers) with collectFacts:
 *
 *   npx tsx scripts/record-facts.ts            write test/fixtures/facts/odoo-<series>.facts.json
 *   npx tsx scripts/record-facts.ts --check    exit 1 when a committed snapshot differs from a fresh scan
 *
 * The parts of a scan that depend on the moment and the machine are pinned so the files are stable:
 * collectedAt is the fixtures' recording time, the double's random loopback address becomes the
 * recorded server's address, and collector start times and durations are zeroed.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectFacts } from '../server/src/collect/index.ts';
import type { Facts } from '../server/src/facts/types.ts';
import { startOdooDouble } from '../test/support/odoo-double/index.ts';

export type SnapshotSeries = '17.0' | '18.0';
export const SNAPSHOT_SERIES: readonly SnapshotSeries[] = ['17.0', '18.0'];

/** When the fixtures were recorded (their machine clock). */
export const RECORDED_AT = '2026-12-04T19:35:00.000Z';

const FIXTURES = new URL('../test/fixtures/', import.meta.url);

export function snapshotPath(series: SnapshotSeries): string {
  return fileURLToPath(new URL(`facts/odoo-${series}.facts.json`, FIXTURES));
}

async function recordedBaseUrl(series: SnapshotSeries): Promise<string> {
  const index = JSON.parse(await readFile(new URL(`odoo/${series}/index.json`, FIXTURES), 'utf8')) as { base_url: string };
  return index.base_url;
}

/** Scans the double for one series and returns the snapshot file's text. */
export async function recordFacts(series: SnapshotSeries): Promise<string> {
  const double = await startOdooDouble({ series });
  try {
    const facts = await collectFacts({
      target: { url: double.url, database: double.database, login: double.admin.login, protocol: 'xmlrpc' },
      secret: double.admin.password,
      secretKind: 'password',
      now: new Date(RECORDED_AT),
    });
    return pinVolatile(facts, double.url, await recordedBaseUrl(series));
  } finally {
    await double.close();
  }
}

function pinVolatile(facts: Facts, doubleUrl: string, recordedUrl: string): string {
  const pinned: Facts = {
    ...facts,
    collectors: facts.collectors.map((run) => ({ ...run, startedAt: facts.collectedAt, durationMs: 0 })),
  };
  const origin = new URL(doubleUrl).origin;
  return `${JSON.stringify(pinned, null, 2).replaceAll(origin, new URL(recordedUrl).origin)}\n`;
}

async function main(check: boolean): Promise<number> {
  let stale = 0;
  for (const series of SNAPSHOT_SERIES) {
    const text = await recordFacts(series);
    const path = snapshotPath(series);
    if (check) {
      const committed = await readFile(path, 'utf8').catch(() => '');
      if (committed !== text) {
        stale += 1;
        console.error(`${path} is stale: run npx tsx scripts/record-facts.ts`);
      }
    } else {
      await mkdir(fileURLToPath(new URL('facts/', FIXTURES)), { recursive: true });
      await writeFile(path, text);
      console.log(`wrote ${path}`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.includes('--check')).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
