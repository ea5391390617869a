/**
 * Scans as pg-boss jobs on real PostgreSQL against the Odoo 18.0 double: enqueue → run → store →
 * events; never two scans of one instance at once, even across two worker "processes"; an
 * unreachable instance retried with (tiny) backoff, then failed with the connector's sentence (its
 * code source never fetched); orphaned scans ended.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSourceSettings } from '../../server/src/code-sources/settings.ts';
import type { Scan } from '../../server/src/db/client.ts';
import { ScanAlreadyActiveError } from '../../server/src/graphql/context.ts';
import { INTERRUPTED_MESSAGE } from '../../server/src/jobs/reconcile.ts';
import { startWorkers, type StartWorkersOptions, type Workers } from '../../server/src/jobs/workers.ts';
import { bareRepository, fixtureEntries } from '../support/addons-sources.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { closedPort } from '../support/ports.ts';
import { createInstance, createTenant, eventually, keyring, openDatabase, recordingPubSub, type DatabaseFixture, type Published, type Tenant } from '../scans/support.ts';

let odoo: OdooDouble;
let fixture: DatabaseFixture;
let tenant: Tenant;
const recorder = recordingPubSub();
const running: Workers[] = [];

async function workers(overrides: Partial<StartWorkersOptions> = {}): Promise<Workers> {
  const started = await startWorkers({
    db: fixture.db,
    databaseUrl: fixture.database.url,
    pubSub: recorder.pubSub,
    keyring,
    pollingIntervalSeconds: 0.5,
    retry: { limit: 2, delaySeconds: 1, backoff: true },
    schedules: false,
    stopTimeoutMs: 5_000,
    ...overrides,
  });
  running.push(started);
  return started;
}

beforeAll(async () => {
  [odoo, fixture] = await Promise.all([startOdooDouble({ series: '18.0' }), openDatabase()]);
  tenant = await createTenant(fixture.db, 'Acme Partners');
});

afterAll(async () => {
  await Promise.all(running.map((w) => w.stop()));
  await fixture?.close();
  await odoo?.close();
});

const ACTIVE = new Set(['queued', 'running']);

/** Waits until the scan has ended; returns the row (facts included). */
function finished(scanId: string, seen?: Array<Pick<Scan, 'status' | 'error'>>) {
  return eventually(async () => {
    const scan = await fixture.db.scan.findUnique({ where: { id: scanId }, omit: { facts: false } });
    if (scan) seen?.push({ status: scan.status, error: scan.error });
    return scan && !ACTIVE.has(scan.status) ? scan : undefined;
  }, `scan ${scanId} to end`);
}

/** Events of the scan (findingOpened carries no scan id: those of the instance published from `from` on). */
function eventsOf(scanId: string, instanceId: string, from = 0): Published[] {
  return recorder.published
    .slice(from)
    .filter((e) => ('scanId' in e.payload ? e.payload.scanId === scanId : e.payload.instanceId === instanceId));
}

describe('scan jobs', () => {
  it('runs an enqueued scan, stores it and publishes its events in order, for its partner', async () => {
    const w = await workers();
    const instanceId = await createInstance(fixture.db, tenant, odoo, { name: 'events' });
    const scanId = await w.scanQueue.enqueue(instanceId, 'manual');
    const scan = await finished(scanId);
    expect(scan).toMatchObject({ status: 'partial', trigger: 'manual', instanceId, partnerId: tenant.partnerId });
    expect(scan.score).not.toBeNull();
    expect(scan.facts!.length).toBeGreaterThan(1000);
    expect(scan.startedAt!.getTime()).toBeLessThanOrEqual(scan.finishedAt!.getTime());
    const findings = await fixture.db.finding.findMany({ where: { instanceId } });
    expect(findings.length).toBeGreaterThan(10);

    const events = eventsOf(scanId, instanceId);
    expect(events.every((e) => e.partnerId === tenant.partnerId)).toBe(true);
    const topics = events.map((e) => e.topic);
    const lastProgress = topics.lastIndexOf('scanProgress');
    expect(topics[0]).toBe('scanProgress');
    expect(events[0].payload).toMatchObject({ scanId, instanceId, phase: 'started' });
    expect(events.slice(0, lastProgress + 1).every((e) => e.topic === 'scanProgress')).toBe(true);
    const progress = events.filter((e) => e.topic === 'scanProgress').map((e) => e.payload as { collector: string; phase: string });
    for (const collector of ['api', 'http']) {
      expect(progress.findIndex((p) => p.collector === collector && p.phase === 'started')).toBeLessThan(
        progress.findIndex((p) => p.collector === collector && p.phase === 'finished'),
      );
    }
    expect(topics.slice(lastProgress + 1)).toEqual([...findings.map(() => 'findingOpened'), 'scoreChanged', 'scanFinished']);
    const opened = events.filter((e) => e.topic === 'findingOpened').map((e) => e.payload);
    expect(new Set(opened.map((p) => (p as { findingId: string }).findingId))).toEqual(new Set(findings.map((f) => f.id)));
    expect(opened.find((p) => (p as { findingId: string }).findingId === findings[0].id)).toEqual({ findingId: findings[0].id, instanceId, severity: findings[0].severity });
    expect(events.at(-2)!.payload).toEqual({ instanceId, scanId, score: scan.score, previousScore: null });
    expect(events.at(-1)!.payload).toEqual({ scanId, instanceId });
  });

  it('resolves and opens findings on the next scan of a changed instance, keeping people\'s decisions', async () => {
    const w = await workers();
    const instanceId = await createInstance(fixture.db, tenant, odoo, { name: 'lifecycle' });
    const first = await finished(await w.scanQueue.enqueue(instanceId, 'manual'));
    const exposed = await fixture.db.finding.findFirstOrThrow({ where: { instanceId, checkId: 'security.database-manager-exposed' } });
    await fixture.db.finding.update({ where: { id: exposed.id }, data: { status: 'acknowledged', acknowledgedAt: new Date() } });
    const twoFactor = await fixture.db.finding.findFirstOrThrow({ where: { instanceId, checkId: 'security.users-without-2fa' } });
    await fixture.db.finding.update({ where: { id: twoFactor.id }, data: { status: 'accepted_risk', reason: 'SSO', acceptedRiskUntil: new Date('2099-01-01') } });

    const acl = odoo.data['ir.model.access'].find((a) => a.id === 47)!;
    const frequent = odoo.data['ir.cron'].find((c) => c.id === 26)!;
    const before = { write: acl.perm_write, interval: frequent.interval_type };
    acl.perm_write = true; // portal users may now change every country state
    frequent.interval_type = 'hours'; // the WMS sync no longer runs every minute
    try {
      const from = recorder.published.length;
      const secondId = await w.scanQueue.enqueue(instanceId, 'api');
      const second = await finished(secondId);
      const tooFrequent = await fixture.db.finding.findFirstOrThrow({ where: { instanceId, checkId: 'cron_health.too-frequent-cron' } });
      expect(tooFrequent).toMatchObject({ status: 'resolved', resolvedAt: expect.any(Date) });
      const portal = await fixture.db.finding.findFirstOrThrow({ where: { instanceId, checkId: 'permissions.portal-acl-write-access' } });
      expect(portal.status).toBe('open');
      expect(await fixture.db.finding.findUniqueOrThrow({ where: { id: exposed.id } })).toMatchObject({ status: 'acknowledged' });
      expect(await fixture.db.finding.findUniqueOrThrow({ where: { id: twoFactor.id } })).toMatchObject({ status: 'accepted_risk' });

      const events = eventsOf(secondId, instanceId, from);
      const opened = events.filter((e) => e.topic === 'findingOpened').map((e) => e.payload);
      expect(opened).toContainEqual({ findingId: portal.id, instanceId, severity: 'high' });
      expect(opened.map((p) => (p as { findingId: string }).findingId)).not.toContain(exposed.id);
      const scoreChanged = events.find((e) => e.topic === 'scoreChanged');
      if (second.score !== first.score) expect(scoreChanged?.payload).toMatchObject({ score: second.score, previousScore: first.score });
      else expect(scoreChanged).toBeUndefined();
    } finally {
      acl.perm_write = before.write;
      frequent.interval_type = before.interval;
    }
  });

  it('never runs two scans of one instance at once, across two worker processes', async () => {
    const processA = await workers({ concurrency: 2 });
    const processB = await workers({ concurrency: 2 });
    const instanceId = await createInstance(fixture.db, tenant, odoo, { name: 'overlap' });
    // Slow the instance down so the scan is still running while more are requested.
    odoo.failNext({ kind: 'delay', ms: 150 }, { times: 30 });
    const firstId = await processA.scanQueue.enqueue(instanceId, 'manual');
    const meanwhile = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? processA : processB).scanQueue.enqueue(instanceId, 'api')));
    for (const attempt of meanwhile) {
      expect(attempt.status).toBe('rejected');
      const error = (attempt as PromiseRejectedResult).reason as ScanAlreadyActiveError;
      expect(error).toBeInstanceOf(ScanAlreadyActiveError);
      expect(error.scanId).toBe(firstId);
    }
    await finished(firstId);

    odoo.failNext({ kind: 'delay', ms: 150 }, { times: 30 });
    const race = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? processA : processB).scanQueue.enqueue(instanceId, 'api')));
    const accepted = race.filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled');
    expect(accepted).toHaveLength(1);
    for (const refused of race.filter((r) => r.status === 'rejected')) {
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ name: 'ScanAlreadyActiveError', scanId: accepted[0].value });
    }
    await finished(accepted[0].value);

    const scans = await fixture.db.scan.findMany({ where: { instanceId }, orderBy: { startedAt: 'asc' } });
    expect(scans).toHaveLength(2);
    expect(scans[0].finishedAt!.getTime()).toBeLessThanOrEqual(scans[1].startedAt!.getTime());
  });

  it('retries an unreachable instance with backoff, then fails the scan with the connection error', async () => {
    const w = await workers();
    const port = await closedPort();
    const instanceId = await createInstance(fixture.db, tenant, null, { name: 'unreachable', url: `http://127.0.0.1:${port}` });
    const scanId = await w.scanQueue.enqueue(instanceId, 'manual');
    const states: Array<Pick<Scan, 'status' | 'error'>> = [];
    const scan = await finished(scanId, states);
    expect(scan.status).toBe('failed');
    expect(scan.error).toBe(`Nothing answered at 127.0.0.1:${port} (connection refused): check the URL and port, and that Odoo is running (gave up after 3 attempts).`);
    expect(scan.score).toBeNull();
    // Between attempts the scan waits as queued, saying why.
    expect(states).toContainEqual({ status: 'queued', error: expect.stringMatching(/^Attempt 1 of 3 failed, retrying: Nothing answered at/) });
    expect(eventsOf(scanId, instanceId).at(-1)).toEqual({ topic: 'scanFinished', partnerId: tenant.partnerId, payload: { scanId, instanceId } });
    expect(await fixture.db.finding.count({ where: { instanceId } })).toBe(0);
  });

  it('fetches a code source only for an attempt that reached the instance: an unreachable one is retried without cloning', async () => {
    // Only workers allowing file:// repositories may take these jobs.
    await Promise.all(running.splice(0).map((started) => started.stop()));
    const w = await workers({ codeSources: codeSourceSettings({ gitHosts: ['file://'] }) });
    const repository = bareRepository(fixtureEntries([{ fixture: 'pulse_demo_bad' }]));
    const withSource = async (instanceId: string) => {
      await fixture.db.codeSource.create({ data: { instanceId, partnerId: tenant.partnerId, kind: 'git', gitUrl: `file://${repository}` } });
      return instanceId;
    };
    const fetches = (scanId: string) =>
      recorder.published.filter((e) => e.topic === 'scanProgress' && e.payload.scanId === scanId && e.payload.collector === 'code' && e.payload.phase === 'started').length;
    try {
      const reachable = await withSource(await createInstance(fixture.db, tenant, odoo, { name: 'with source' }));
      const scanned = await finished(await w.scanQueue.enqueue(reachable, 'manual'));
      expect(scanned.status, scanned.error ?? '').toMatch(/succeeded|partial/);
      expect(scanned.error ?? '').not.toMatch(/code source/);
      expect(fetches(scanned.id)).toBe(1);

      const unreachable = await withSource(await createInstance(fixture.db, tenant, null, { name: 'unreachable with source', url: `http://127.0.0.1:${await closedPort()}` }));
      const failed = await finished(await w.scanQueue.enqueue(unreachable, 'manual'));
      expect(failed.error).toMatch(/gave up after 3 attempts/);
      expect(fetches(failed.id)).toBe(0);
    } finally {
      rmSync(dirname(repository), { recursive: true, force: true });
    }
  });

  it('fails at once, without retrying, when the instance refuses the credentials', async () => {
    const w = await workers();
    const instanceId = await createInstance(fixture.db, tenant, odoo, { name: 'wrong password', password: 'not-the-password' });
    const logins = () => odoo.calls.filter((c) => c.method === 'authenticate' || c.method === 'login').length;
    const before = logins();
    const scan = await finished(await w.scanQueue.enqueue(instanceId, 'manual'));
    expect(scan.status).toBe('failed');
    expect(scan.error).not.toMatch(/attempts/);
    expect(scan.error).toMatch(/password|credentials|log in/i);
    expect(logins() - before).toBe(1);
  });

  it('fails a scan whose stored credentials cannot be decrypted, saying what to do', async () => {
    const w = await workers();
    const instanceId = await createInstance(fixture.db, tenant, odoo, { name: 'copied secret' });
    const other = await fixture.db.instance.findFirstOrThrow({ where: { name: 'events' }, omit: { secret: false } });
    await fixture.db.instance.update({ where: { id: instanceId }, data: { secret: other.secret } });
    const scan = await finished(await w.scanQueue.enqueue(instanceId, 'manual'));
    expect(scan).toMatchObject({ status: 'failed', error: expect.stringMatching(/^The instance's stored credentials cannot be decrypted .*Enter the password or API key again\.$/) });
  });

  it('refuses to enqueue a scan of an instance that does not exist, or was removed', async () => {
    const w = await workers({ concurrency: 0 });
    const removed = await createInstance(fixture.db, tenant, odoo, { name: 'removed' });
    await fixture.db.instance.update({ where: { id: removed }, data: { removedAt: new Date() } });
    await expect(w.scanQueue.enqueue(removed, 'manual')).rejects.toThrow(`Instance ${removed} was removed: its history is kept, but it is no longer scanned.`);
    expect(await fixture.db.scan.count({ where: { instanceId: removed } })).toBe(0);
    await expect(w.scanQueue.enqueue('01a20000-0000-7000-8000-000000000000', 'manual')).rejects.toThrow(/^There is no instance 01a20000-/);
    await expect(w.scanQueue.enqueue('not-an-id', 'manual')).rejects.toThrow(/^There is no instance not-an-id\.$/);
  });

  it('ends a scan whose job is gone, so its instance can be scanned again', async () => {
    const w = await workers();
    const instanceId = await createInstance(fixture.db, tenant, odoo, { name: 'orphan' });
    // A queued scan without a job (say, written by an older release).
    const orphan = await fixture.db.scan.create({ data: { partnerId: tenant.partnerId, instanceId, trigger: 'manual' } });
    await expect(w.scanQueue.enqueue(instanceId, 'manual')).rejects.toBeInstanceOf(ScanAlreadyActiveError);
    await w.tick();
    expect(await fixture.db.scan.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ status: 'failed', error: INTERRUPTED_MESSAGE });
    const next = await finished(await w.scanQueue.enqueue(instanceId, 'manual'));
    expect(next.status).toBe('partial');
  });
});
