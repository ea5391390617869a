/**
 * Fresh PostgreSQL databases for tests: each call creates a uniquely named database on the local
 * server, migrates it with the project's runner, and `drop()` removes it (WITH (FORCE), so leftover
 * connections do not keep it alive). No test depends on what another left behind.
 *
 *   const database = await createTestDatabase();          // migrated
 *   const db = createDb(database.url); … await db.$disconnect(); await database.drop();
 *
 * The server is PULSE_TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../server/src/db/migrations.ts';

export const TEST_SERVER_URL = process.env.PULSE_TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `pulse_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  const database: TestDatabase = {
    name,
    url: url.toString(),
    drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
  if (options.migrate ?? true) {
    try {
      await migrate(database.url);
    } catch (error) {
      await database.drop();
      throw error;
    }
  }
  return database;
}
