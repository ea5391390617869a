/**
 * `odoo-pulse worker`: its help and refusals in-process, and a real process that takes a scan from
 * the queue, publishes its events through Redis to this (other) process, and stops on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus } from '../../server/src/events/bus.ts';
import { startWorkers, type Workers } from '../../server/src/jobs/workers.ts';
import { runInProcess } from '../cli/support.ts';
import { redisSubscribers, TEST_REDIS_URL as REDIS_URL } from '../events/support.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { createInstance, createTenant, eventually, keyring, openDatabase, TEST_KEY_HEX, type DatabaseFixture } from '../scans/support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('odoo-pulse worker (arguments)', () => {
  it('explains itself with --help', async () => {
    const { code, stdout } = await runInProcess(['worker', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: odoo-pulse worker/);
    expect(stdout).toMatch(/PULSE_SECRET_KEY/);
  });

  it('refuses to start without the secret key, in one line', async () => {
    const { code, stderr } = await runInProcess(['worker'], { env: { DATABASE_URL: 'postgresql://127.0.0.1:1/none' } });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/PULSE_SECRET_KEY is not set/);
  });

  it('refuses a concurrency that is not a positive whole number', async () => {
    const env = { PULSE_SECRET_KEY: TEST_KEY_HEX };
    expect((await runInProcess(['worker', '--concurrency', '0'], { env })).stderr).toMatch(/concurrency of at least 1/);
    const bad = await runInProcess(['worker', '--concurrency', 'lots'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/PULSE_SCAN_CONCURRENCY must be a whole number of scans from 0 to 64 \(got "lots"\)/);
  });

  it('says so in one line when the database cannot be reached', async () => {
    const { code, stderr } = await runInProcess(['worker'], { env: { PULSE_SECRET_KEY: TEST_KEY_HEX, DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none' } });
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none/);
  });
});

describe('odoo-pulse worker (a real process)', () => {
  let odoo: OdooDouble;
  let fixture: DatabaseFixture;
  let api: Workers;
  let bus: EventBus;
  const prefix = `pulse-test-${randomUUID()}:`;

  beforeAll(async () => {
    [odoo, fixture] = await Promise.all([startOdooDouble({ series: '18.0' }), openDatabase()]);
    bus = await createEventBus({ redisUrl: REDIS_URL, channelPrefix: prefix });
    // The API side: enqueues only.
    api = await startWorkers({ db: fixture.db, databaseUrl: fixture.database.url, pubSub: bus.pubSub, keyring, concurrency: 0 });
  });

  afterAll(async () => {
    await api?.stop();
    await bus?.close();
    await fixture?.close();
    await odoo?.close();
  });

  it('scans what the API enqueued, its events reach this process through Redis, and SIGTERM stops it cleanly', async () => {
    const tenant = await createTenant(fixture.db, 'Acme Partners');
    const instanceId = await createInstance(fixture.db, tenant, odoo);
    const child = spawn(process.execPath, [join(ROOT, 'bin/odoo-pulse.js'), 'worker', '--concurrency', '1'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: fixture.database.url,
        PULSE_SECRET_KEY: TEST_KEY_HEX,
        REDIS_URL,
        PULSE_REDIS_CHANNEL_PREFIX: prefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await eventually(async () => stdout.includes('odoo-pulse worker running'), 'the worker to start', 30_000);
      expect(stdout).toMatch(/running 1 scan at a time on PostgreSQL at 127\.0\.0\.1:5432\/pulse_test_\w+ \(events Redis at 127\.0\.0\.1:6379\)/);

      const finished = bus.pubSub.subscribe('scanFinished', tenant.partnerId)[Symbol.asyncIterator]();
      const next = finished.next();
      await redisSubscribers(`${prefix}scanFinished:${tenant.partnerId}`);
      const scanId = await api.scanQueue.enqueue(instanceId, 'api');
      expect((await next).value).toEqual({ scanId, instanceId });
      await finished.return?.();
      const scan = await fixture.db.scan.findUniqueOrThrow({ where: { id: scanId } });
      expect(scan.status).toBe('partial');
      expect(scan.score).not.toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/odoo-pulse worker stopped\.\n$/);
    expect(stderr).not.toMatch(/Error|at .*\.ts:\d+/);
  });
});
