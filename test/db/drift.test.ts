/**
 * The migrations and schema.prisma describe the same database: a fresh database migrated by our
 * runner is diffed against schema.prisma by Prisma's own schema engine (wasm), which compares every
 * table, column, type, nullability, default, index, enum and foreign key.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSchemaEngine, type SchemaFile, type WasmSchemaEngine } from '../../scripts/schema-engine.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

describe('migrations match schema.prisma', () => {
  let database: TestDatabase;
  let schema: SchemaFile;
  let engine: WasmSchemaEngine;

  beforeAll(async () => {
    database = await createTestDatabase();
    schema = { path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, 'utf8') };
    engine = await openSchemaEngine(database.url, schema);
  });

  afterAll(async () => {
    await engine?.close();
    await database?.drop();
  });

  const migratedDatabase = () => ({ tag: 'schemaDatasource' as const, files: [schema], configDir: fileURLToPath(new URL('../../prisma/', import.meta.url)) });

  it('finds no difference between the migrated database and the schema', async () => {
    const summary = await engine.diff(migratedDatabase(), { tag: 'schemaDatamodel', files: [schema] });
    expect(summary).toMatch(/^(No difference detected\.?)?$/);
  });

  it('would report a schema change that no migration covers', async () => {
    // The same comparison against a schema with one more column, one changed nullability and one
    // more index: proves the check above is able to fail.
    const changed = schema.content
      .replace(/(model Client \{\n)/, '$1  vatNumber String? @map("vat_number")\n')
      .replace(/(\n\s+url\s+)String(\s)/, '$1String?$2')
      .replace(/(@@index\(\[instanceId, status\]\))/, '$1\n  @@index([checkId])');
    expect(changed).not.toBe(schema.content);

    const summary = await engine.diff(migratedDatabase(), { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: changed }] });

    expect(summary).toContain('vat_number');
    expect(summary).toMatch(/`instance` table[\s\S]*url/);
    expect(summary).toMatch(/Added index on columns \(check_id\)/);
  });
});
