/** `odoo-pulse migrate` and `odoo-pulse partner create`, run as a user runs them: a spawned process. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/src/db/client.ts';
import { readMigrations } from '../../server/src/db/migrations.ts';
import { hashApiKey, verifyApiKey } from '../../server/src/security/api-keys.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const BIN = fileURLToPath(new URL('../../bin/odoo-pulse.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let cwd: string;

async function odooPulse(args: string[], env: Record<string, string> = {}): Promise<Run> {
  // A clean environment: no DATABASE_URL or PULSE_DATA_DIR leaks in from the outside.
  const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, env: { ...baseEnv, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const keyPattern = /pulse_[a-z0-9]{10}_[A-Za-z0-9]{40}/g;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'pulse-cli-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('odoo-pulse migrate', () => {
  it('migrates DATABASE_URL, then reports it up to date', async () => {
    const database = await createTestDatabase({ migrate: false });
    try {
      const names = (await readMigrations()).map((m) => m.name);
      const first = await odooPulse(['migrate'], { DATABASE_URL: database.url });
      expect(first).toMatchObject({ code: 0, stderr: '' });
      for (const name of names) expect(first.stdout).toContain(`applied ${name}`);

      const second = await odooPulse(['migrate'], { DATABASE_URL: database.url });
      expect(second.code).toBe(0);
      expect(second.stdout).not.toContain('applied ');
      expect(second.stdout).toMatch(/is up to date/);
    } finally {
      await database.drop();
    }
  });

  it('fails in one line, without the password, when PostgreSQL is unreachable', async () => {
    const run = await odooPulse(['migrate', '--database-url', 'postgresql://pulse:hunter2-secret@127.0.0.1:1/pulse']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/pulse/);
    expect(run.stderr).not.toContain('hunter2-secret');
  });
});

describe('odoo-pulse partner create', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url, { maxConnections: 2 });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('prints the partner id and its admin key once; the database keeps only the hash', async () => {
    const run = await odooPulse(['partner', 'create', '--name', 'Acme Integrations', '--timezone', 'Europe/Brussels'], {
      DATABASE_URL: database.url,
    });

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const keys: string[] = run.stdout.match(keyPattern) ?? [];
    expect(keys).toHaveLength(1);
    const [key] = keys;
    const id = /id:\s+([0-9a-f-]{36})/.exec(run.stdout)?.[1];
    expect(run.stdout).toMatch(/shown only once/);

    const partner = await db.partner.findUniqueOrThrow({ where: { id }, include: { apiKeys: true } });
    expect(partner).toMatchObject({ name: 'Acme Integrations', timezone: 'Europe/Brussels', currency: 'EUR' });
    expect(partner.apiKeys).toHaveLength(1);
    const [stored] = partner.apiKeys;
    expect(stored).toMatchObject({ scopes: ['admin'], revokedAt: null, hash: hashApiKey(key) });
    expect(key.startsWith(`pulse_${stored.prefix}_`)).toBe(true);
    expect(verifyApiKey(key, stored.hash)).toBe(true);
    // Nothing in the partner's rows holds the key's secret part.
    const secretPart = key.split('_')[2];
    const rows = await db.$queryRaw<Array<{ row: string }>>`
      SELECT row_to_json(k)::text AS row FROM api_key k WHERE partner_id = ${id}::uuid
      UNION ALL SELECT row_to_json(p)::text FROM partner p WHERE id = ${id}::uuid`;
    expect(rows).toHaveLength(2);
    for (const { row } of rows) expect(row).not.toContain(secretPart);
  });

  it('prints JSON for scripts, with a new key each time', async () => {
    const runs = await Promise.all(
      ['Json One', 'Json Two'].map((name) => odooPulse(['partner', 'create', '--name', name, '--json'], { DATABASE_URL: database.url })),
    );
    const outputs = runs.map((run) => {
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as { partnerId: string; name: string; apiKey: string; apiKeyPrefix: string };
    });
    expect(outputs.map((o) => o.name)).toEqual(['Json One', 'Json Two']);
    expect(outputs[0].apiKey).not.toBe(outputs[1].apiKey);
    for (const output of outputs) {
      const stored = await db.apiKey.findUniqueOrThrow({ where: { prefix: output.apiKeyPrefix } });
      expect(stored.partnerId).toBe(output.partnerId);
      expect(verifyApiKey(output.apiKey, stored.hash)).toBe(true);
    }
  });

  it('refuses bad input with exit code 2 and creates nothing', async () => {
    const before = await db.partner.count();
    const cases: Array<[string[], RegExp]> = [
      [['partner', 'create'], /--name is required/],
      [['partner', 'create', '--name', '   '], /--name is required/],
      [['partner', 'create', '--name', 'X', '--timezone', 'Mars/Olympus'], /--timezone must be an IANA time zone/],
      [['partner', 'create', '--name', 'X', '--currency', 'euro'], /--currency must be a 3-letter/],
      [['partner', 'delete', '--name', 'X'], /unknown action "delete"/],
    ];
    const runs = await Promise.all(cases.map(([args]) => odooPulse(args, { DATABASE_URL: database.url })));
    for (const [i, [, message]] of cases.entries()) {
      const run = runs[i];
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).not.toMatch(keyPattern);
    }
    expect(await db.partner.count()).toBe(before);
  });

  it('asks for migrate first on a database that is not migrated', async () => {
    const empty = await createTestDatabase({ migrate: false });
    try {
      const run = await odooPulse(['partner', 'create', '--name', 'Too Early'], { DATABASE_URL: empty.url });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is missing \d+ migration\(s\); run "odoo-pulse migrate" first/);
      expect(run.stdout).not.toMatch(keyPattern);
    } finally {
      await empty.drop();
    }
  });
});
