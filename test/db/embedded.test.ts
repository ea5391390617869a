/** The embedded PGlite database: starts, migrates, serves Prisma, keeps its data, guards its folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createDb } from '../../server/src/db/client.ts';
import { startEmbeddedDatabase } from '../../server/src/db/embedded.ts';
import { migrate, readMigrations } from '../../server/src/db/migrations.ts';
import { openDatabaseTarget } from '../../server/src/db/target.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

it('starts, migrates, serves Prisma queries in parallel, and keeps the data across restarts', async () => {
  const parent = await mkdtemp(join(tmpdir(), 'pulse-embedded-'));
  dirs.push(parent);
  // A folder that does not exist yet: the embedded database creates it.
  const dataDir = join(parent, 'data');
  const migrationCount = (await readMigrations()).length;

  const first = await startEmbeddedDatabase({ dataDir });
  try {
    expect(first.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect((await migrate(first.url)).applied).toHaveLength(migrationCount);
    // The folder is not opened twice; a command run meanwhile connects to the running server.
    await expect(startEmbeddedDatabase({ dataDir })).rejects.toThrow(/already open in this process/);
    const shared = await openDatabaseTarget({ env: { PULSE_DATA_DIR: dataDir }, cwd: '/' });
    expect(shared).toMatchObject({ kind: 'embedded', url: first.url });

    const db = createDb(first.url, { maxConnections: 4 });
    try {
      // More queries than pool connections, at once: the socket server must accept several clients.
      await Promise.all(Array.from({ length: 6 }, (_, i) => db.partner.create({ data: { name: `Embedded ${i}` } })));
    } finally {
      await db.$disconnect();
    }
  } finally {
    await first.stop();
  }

  const second = await startEmbeddedDatabase({ dataDir });
  try {
    expect((await migrate(second.url)).applied).toEqual([]);
    const db = createDb(second.url, { maxConnections: 2 });
    try {
      expect(await db.partner.count()).toBe(6);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await second.stop();
  }
});
