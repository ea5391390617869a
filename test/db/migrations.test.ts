import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseError, MigrationError } from '../../server/src/db/errors.ts';
import { DEFAULT_MIGRATIONS_DIR, assertMigrated, migrate, pendingMigrations, readMigrations } from '../../server/src/db/migrations.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ migrate: false });
  cleanups.push(() => database.drop());
  return database;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function tables(url: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    url,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

/** A migrations folder of our own: the project's migrations plus `extra` ones. */
async function migrationsFolder(extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pulse-migrations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migration runner', () => {
  it('migrates an empty database and records each migration as Prisma does', async () => {
    const database = await freshDatabase();
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(await pendingMigrations(database.url)).toEqual(migrations.map((m) => m.name));

    const result = await migrate(database.url);

    expect(result).toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: 0 });
    expect(await tables(database.url)).toEqual(
      expect.arrayContaining(['_prisma_migrations', 'partner', 'api_key', 'client', 'instance', 'scan', 'finding', 'scan_finding']),
    );
    const history = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      database.url,
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(history.map((row) => row.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of history.entries()) {
      expect(row.checksum).toBe(createHash('sha256').update(migrations[i].sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    expect(await pendingMigrations(database.url)).toEqual([]);
    await expect(assertMigrated(database.url)).resolves.toBeUndefined();
  });

  it('re-applies idempotently and keeps the data', async () => {
    const database = await freshDatabase();
    await migrate(database.url);
    await query(database.url, `INSERT INTO partner (id, name, updated_at) VALUES (gen_random_uuid(), 'Kept', now())`);

    const again = await migrate(database.url);

    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe((await readMigrations()).length);
    expect(await query(database.url, 'SELECT name FROM partner')).toEqual([{ name: 'Kept' }]);
    expect(await query(database.url, 'SELECT count(*)::int AS n FROM _prisma_migrations')).toEqual([{ n: again.alreadyApplied }]);
  });

  it('lets concurrent runners apply each migration once', async () => {
    const database = await freshDatabase();
    const results = await Promise.all([migrate(database.url), migrate(database.url), migrate(database.url)]);
    const count = (await readMigrations()).length;
    expect(results.flatMap((r) => r.applied)).toHaveLength(count);
    expect(await query(database.url, 'SELECT count(*)::int AS n FROM _prisma_migrations')).toEqual([{ n: count }]);
  });

  it('applies only the new migration on a later release', async () => {
    const database = await freshDatabase();
    await migrate(database.url);
    const dir = await migrationsFolder({ '29990101000000_add_note': 'ALTER TABLE "partner" ADD COLUMN "note" TEXT;' });
    expect(await pendingMigrations(database.url, { migrationsDir: dir })).toEqual(['29990101000000_add_note']);
    await expect(assertMigrated(database.url, { migrationsDir: dir })).rejects.toThrow(/missing 1 migration.*odoo-pulse migrate/);

    const applied: string[] = [];
    const result = await migrate(database.url, { migrationsDir: dir, onApplied: (name) => applied.push(name) });

    expect(result.applied).toEqual(['29990101000000_add_note']);
    expect(applied).toEqual(['29990101000000_add_note']);
    expect(await query(database.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'partner' AND column_name = 'note'`)).toHaveLength(1);
  });

  it('rolls a failing migration back whole, names it, and keeps the ones before it', async () => {
    const database = await freshDatabase();
    const dir = await migrationsFolder({
      '29990101000000_good': 'CREATE TABLE "good_one" ("id" INT);',
      '29990102000000_bad': 'CREATE TABLE "half_done" ("id" INT);\nALTER TABLE "no_such_table" ADD COLUMN "x" INT;',
      '29990103000000_after': 'CREATE TABLE "never_reached" ("id" INT);',
    });

    const error = await migrate(database.url, { migrationsDir: dir }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe('29990102000000_bad');
    expect((error as Error).message).toMatch(/^Migration 29990102000000_bad failed and was rolled back: relation "no_such_table" does not exist/);
    const present = await tables(database.url);
    expect(present).toContain('good_one');
    expect(present).not.toContain('half_done');
    expect(present).not.toContain('never_reached');
    expect(await pendingMigrations(database.url, { migrationsDir: dir })).toEqual(['29990102000000_bad', '29990103000000_after']);
  });

  it('refuses a migration edited after it was applied', async () => {
    const database = await freshDatabase();
    const dir = await migrationsFolder({ '29990101000000_note': 'ALTER TABLE "partner" ADD COLUMN "note" TEXT;' });
    await migrate(database.url, { migrationsDir: dir });
    await writeFile(join(dir, '29990101000000_note', 'migration.sql'), 'ALTER TABLE "partner" ADD COLUMN "note2" TEXT;');

    await expect(migrate(database.url, { migrationsDir: dir })).rejects.toThrow(
      /^Migration 29990101000000_note was changed after it was applied/,
    );
  });

  it('refuses a database migrated by a newer release', async () => {
    const database = await freshDatabase();
    const dir = await migrationsFolder({ '29990101000000_future': 'CREATE TABLE "future" ("id" INT);' });
    await migrate(database.url, { migrationsDir: dir });

    const error = await migrate(database.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/has migration 29990101000000_future, which this version of odoo-pulse does not know/);
  });

  it('refuses to migrate a database that already belongs to something else', async () => {
    const database = await freshDatabase();
    await query(database.url, 'CREATE TABLE res_partner (id INT)');

    await expect(migrate(database.url)).rejects.toThrow(/already has tables \(res_partner…\) but no odoo-pulse migration history/);
    expect(await tables(database.url)).toEqual(['res_partner']);
  });

  it('explains a migrations folder that is not in Prisma\'s layout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pulse-migrations-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await expect(readMigrations(dir)).rejects.toThrow(/migration_lock\.toml is missing/);
    await writeFile(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    await mkdir(join(dir, '20250101000000_empty'));
    await expect(readMigrations(dir)).rejects.toThrow(/^Migration 20250101000000_empty has no migration\.sql/);
  });

  it('reports an unreachable server in one sentence without the password', async () => {
    const error = await migrate('postgresql://pulse:s3cret-pw@127.0.0.1:1/pulse').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/pulse: .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('s3cret-pw');
  });
});
