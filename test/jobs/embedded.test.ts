/**
 * The jobs layer on the embedded database (PGlite behind pglite-socket), as `odoo-pulse serve` runs it
 * without DATABASE_URL: the API's pool, pg-boss's and the workers fit under its connection limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/src/db/client.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/db/embedded.ts';
import { migrate } from '../../server/src/db/migrations.ts';
import { startWorkers, type Workers } from '../../server/src/jobs/workers.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { createInstance, createTenant, eventually, keyring, recordingPubSub } from '../scans/support.ts';

let dir: string;
let embedded: EmbeddedDatabase;
let db: Db;
let odoo: OdooDouble;
let workers: Workers | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'odoo-pulse-jobs-'));
  [embedded, odoo] = await Promise.all([startEmbeddedDatabase({ dataDir: dir }), startOdooDouble({ series: '17.0' })]);
  await migrate(embedded.url);
  // What serve opens: the API's Prisma pool (10 by default).
  db = createDb(embedded.url);
});

afterAll(async () => {
  await workers?.stop();
  await db?.$disconnect();
  await embedded?.stop();
  await odoo?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scan jobs on the embedded database', () => {
  it('enqueue, scan, store and refuse an overlapping scan, as on PostgreSQL', async () => {
    const { pubSub, published } = recordingPubSub();
    workers = await startWorkers({ db, databaseUrl: embedded.url, pubSub, keyring, pollingIntervalSeconds: 0.5, stopTimeoutMs: 5_000 });
    const tenant = await createTenant(db, 'Embedded Partners');
    const instanceId = await createInstance(db, tenant, odoo);
    const scanId = await workers.scanQueue.enqueue(instanceId, 'manual');
    await expect(workers.scanQueue.enqueue(instanceId, 'manual')).rejects.toMatchObject({ name: 'ScanAlreadyActiveError', scanId });
    const scan = await eventually(async () => {
      const row = await db.scan.findUnique({ where: { id: scanId } });
      return row && row.status !== 'queued' && row.status !== 'running' ? row : undefined;
    }, 'the scan to end');
    expect(scan.status).toBe('partial');
    expect(scan.series).toBe('17.0');
    expect(await db.finding.count({ where: { instanceId } })).toBeGreaterThan(10);
    expect(published.at(-1)).toEqual({ topic: 'scanFinished', partnerId: tenant.partnerId, payload: { scanId, instanceId } });
  });
});
