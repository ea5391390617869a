/**
 * Scheduled scans survive a restart of the worker: schedules live in the database, a worker catches
 * up at start what came due while none ran (once), and a restarted worker does not scan again what
 * was already scanned. The clock is fixed (a month ahead of today) so slots are chosen, not waited for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICK_QUEUE } from '../../server/src/jobs/boss.ts';
import { startWorkers, type Workers } from '../../server/src/jobs/workers.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { closedPort } from '../support/ports.ts';
import { createInstance, createTenant, eventually, keyring, openDatabase, recordingPubSub, type DatabaseFixture, type Tenant } from '../scans/support.ts';

const DAY = 86_400_000;
const today = new Date();
const base = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + 30 * DAY;

let odoo: OdooDouble;
let fixture: DatabaseFixture;
let tenant: Tenant;
let clock = new Date(base + 9 * 3_600_000);
const running: Workers[] = [];

function workers(): Promise<Workers> {
  return startWorkers({
    db: fixture.db,
    databaseUrl: fixture.database.url,
    pubSub: recordingPubSub().pubSub,
    keyring,
    pollingIntervalSeconds: 0.5,
    stopTimeoutMs: 5_000,
    now: () => clock,
  }).then((w) => {
    running.push(w);
    return w;
  });
}

beforeAll(async () => {
  [odoo, fixture] = await Promise.all([startOdooDouble({ series: '17.0' }), openDatabase()]);
  tenant = await createTenant(fixture.db, 'Brussels Partners', 'Europe/Brussels');
});

afterAll(async () => {
  await Promise.all(running.map((w) => w.stop()));
  await fixture?.close();
  await odoo?.close();
});

const scansOf = (instanceId: string) => fixture.db.scan.findMany({ where: { instanceId }, orderBy: { queuedAt: 'asc' } });

function allEnded(instanceId: string, count: number) {
  return eventually(async () => {
    const scans = await scansOf(instanceId);
    return scans.length === count && scans.every((s) => s.status !== 'queued' && s.status !== 'running') ? scans : undefined;
  }, `${count} ended scans`);
}

describe('scheduled scans', () => {
  it('are caught up at start, not repeated by a restarted worker, and run again at the next slot', async () => {
    const created = new Date(base - 5 * DAY);
    const nightly = await createInstance(fixture.db, tenant, odoo, { name: 'nightly', schedule: '0 3 * * *', createdAt: created });
    const onDemand = await createInstance(fixture.db, tenant, odoo, { name: 'on demand', createdAt: created });

    // The first worker starts at 09:00 UTC: 03:00 Brussels time has passed since the instance was added.
    const first = await workers();
    const [caughtUp] = await allEnded(nightly, 1);
    expect(caughtUp).toMatchObject({ trigger: 'schedule', queuedAt: clock, status: 'partial' });
    expect(caughtUp.score).not.toBeNull();
    await first.stop();

    // Restarted the same morning: nothing more is due.
    const second = await workers();
    expect(await second.tick()).toEqual({ enqueued: [], busy: [], failed: [] });
    expect(await scansOf(nightly)).toHaveLength(1);

    // Next morning the schedule fired again.
    clock = new Date(base + DAY + 9 * 3_600_000);
    const tick = await second.tick();
    expect(tick.enqueued).toHaveLength(1);
    const scans = await allEnded(nightly, 2);
    expect(scans[1]).toMatchObject({ id: tick.enqueued[0], trigger: 'schedule', queuedAt: clock });
    expect(await scansOf(onDemand)).toEqual([]);

    // pg-boss keeps the every-minute tick in its own table: it too survives restarts.
    const schedules = await fixture.db.$queryRaw<Array<{ name: string; cron: string }>>`SELECT name, cron FROM pgboss.schedule`;
    expect(schedules).toEqual([{ name: TICK_QUEUE, cron: '* * * * *' }]);
  });

  it('skip an instance whose scan is still queued or running, and removed instances, and report unreadable schedules', async () => {
    const created = new Date(base - 5 * DAY);
    const port = await closedPort();
    // An instance that cannot be reached: its scan waits a minute between attempts.
    const busy = await createInstance(fixture.db, tenant, null, { name: 'busy', url: `http://127.0.0.1:${port}`, schedule: '0 3 * * *', createdAt: created });
    const broken = await createInstance(fixture.db, tenant, odoo, { name: 'broken', schedule: '0 3 * * *', createdAt: created });
    await fixture.db.instance.update({ where: { id: broken }, data: { schedule: '0 25 * * *' } });
    const removed = await createInstance(fixture.db, tenant, odoo, { name: 'removed', schedule: '0 3 * * *', createdAt: created });
    await fixture.db.instance.update({ where: { id: removed }, data: { removedAt: created } });
    const w = running.at(-1)!;
    clock = new Date(base + 2 * DAY + 30 * 60_000); // 01:30 in Brussels, before the 03:00 slot
    const active = await w.scanQueue.enqueue(busy, 'manual');
    await eventually(async () => (await fixture.db.scan.findUniqueOrThrow({ where: { id: active } })).error?.startsWith('Attempt 1'), 'a failed first attempt');
    clock = new Date(base + 2 * DAY + 9 * 3_600_000);
    const tick = await w.tick();
    expect(tick.busy).toEqual([busy]);
    expect(tick.failed).toEqual([{ instanceId: broken, error: expect.stringMatching(/^The schedule "0 25 \* \* \*" \(time zone Europe\/Brussels\) cannot be read/) }]);
    expect((await scansOf(busy)).map((s) => s.id)).toEqual([active]);
    expect(await scansOf(removed)).toEqual([]);
  });
});
