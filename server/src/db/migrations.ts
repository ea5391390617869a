/**
 * The migration runner: applies `prisma/migrations/<timestamp>_<name>/migration.sql` in name order,
 * each in its own transaction, and records it in `_prisma_migrations` exactly as `prisma migrate
 * deploy` would (same table, same SHA-256 checksum), so Prisma's own tooling agrees with it.
 * The native Prisma schema engine cannot run here (../shared/STACK.md), hence this runner.
 *
 * Safe to run at every start: applied migrations are skipped, concurrent runners wait on an
 * advisory lock, a failed migration is rolled back whole and named in the error.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { MigrationError, connectionFailure, describeDatabaseUrl, errorText } from './errors.ts';

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations/', import.meta.url));

/** Arbitrary constant: the pg_advisory_lock key that serialises odoo-pulse migration runs. */
const MIGRATION_LOCK_KEY = 7_061_726_173;

const HISTORY_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  /** Directory name, e.g. `20250601120000_init`. */
  name: string;
  sql: string;
  /** Hex SHA-256 of migration.sql, as Prisma computes it. */
  checksum: string;
}

export interface MigrateOptions {
  migrationsDir?: string;
  /** Called after each migration is committed. */
  onApplied?: (name: string) => void;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** Reads and validates the migrations folder (Prisma's layout). */
export async function readMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  const lockfile = await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8').catch(() => null);
  if (lockfile === null || !/^\s*provider\s*=\s*"postgresql"\s*$/m.test(lockfile)) {
    throw new MigrationError(`${join(migrationsDir, 'migration_lock.toml')} is missing or does not say provider = "postgresql".`);
  }
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    if (!/^\d{14}_[a-z0-9_]+$/.test(name)) {
      throw new MigrationError(`Migration directory ${name} is not named <14-digit timestamp>_<snake_case_name>.`, name);
    }
    const sql = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8').catch(() => null);
    if (sql === null) throw new MigrationError(`Migration ${name} has no migration.sql.`, name);
    migrations.push({ name, sql, checksum: createHash('sha256').update(sql, 'utf8').digest('hex') });
  }
  return migrations;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A dropped connection emits 'error' on the client; without a listener it would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw connectionFailure(databaseUrl, error);
  }
  return client;
}

/** Migrations recorded in the database, after checking the history agrees with the folder. */
async function checkedHistory(client: pg.Client, migrations: Migration[]): Promise<Set<string>> {
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );
  const known = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of rows) {
    const migration = known.get(row.migration_name);
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${row.migration_name} is recorded as started but never finished; repair the database by hand, then delete its row from _prisma_migrations.`,
        row.migration_name,
      );
    }
    if (!migration) {
      throw new MigrationError(
        `The database has migration ${row.migration_name}, which this version of odoo-pulse does not know: it was migrated by a newer release.`,
        row.migration_name,
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was changed after it was applied; restore its original migration.sql and add a new migration instead.`,
        row.migration_name,
      );
    }
  }
  return new Set(rows.map((row) => row.migration_name));
}

async function historyTableExists(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
  return rows[0].exists;
}

/** A database with tables but no migration history belongs to something else (an Odoo database?). */
async function refuseForeignDatabase(client: pg.Client, databaseUrl: string): Promise<void> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name LIMIT 3`,
  );
  if (rows.length > 0) {
    throw new MigrationError(
      `The database ${describeDatabaseUrl(databaseUrl)} already has tables (${rows.map((row) => row.table_name).join(', ')}…) but no odoo-pulse migration history; point DATABASE_URL at an empty database.`,
    );
  }
}

/** Names of the migrations not yet applied to the database (checks the history like `migrate`). */
export async function pendingMigrations(databaseUrl: string, options: { migrationsDir?: string } = {}): Promise<string[]> {
  const migrations = await readMigrations(options.migrationsDir);
  const client = await connect(databaseUrl);
  try {
    if (!(await historyTableExists(client))) return migrations.map((migration) => migration.name);
    const applied = await checkedHistory(client, migrations);
    return migrations.filter((migration) => !applied.has(migration.name)).map((migration) => migration.name);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Applies every pending migration. */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = await readMigrations(options.migrationsDir);
  const client = await connect(databaseUrl);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    if (!(await historyTableExists(client))) await refuseForeignDatabase(client, databaseUrl);
    await client.query(HISTORY_TABLE_SQL);
    const applied = await checkedHistory(client, migrations);
    const result: MigrateResult = { applied: [], alreadyApplied: applied.size };
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      await applyOne(client, migration);
      result.applied.push(migration.name);
      options.onApplied?.(migration.name);
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    return result;
  } finally {
    // Closing the session releases the lock too, when an error skipped the unlock.
    await client.end().catch(() => {});
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${errorText(error)}`, migration.name, { cause: error });
  }
}

/** Throws a MigrationError telling the user to run `odoo-pulse migrate` when migrations are pending. */
export async function assertMigrated(databaseUrl: string, options: { migrationsDir?: string; description?: string } = {}): Promise<void> {
  const pending = await pendingMigrations(databaseUrl, options);
  if (pending.length > 0) {
    const where = options.description ?? 'the database';
    throw new MigrationError(
      `${where[0].toUpperCase()}${where.slice(1)} is missing ${pending.length} migration(s); run "odoo-pulse migrate" first.`,
    );
  }
}
