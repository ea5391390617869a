/**
 * Prisma's schema engine (the part behind `prisma migrate diff`) as WebAssembly, for dev time only:
 * authoring migrations (scripts/migration-diff.ts) and proving there is no drift (test/db/drift.test.ts).
 * The native engine cannot be downloaded here, and the prisma CLI never loads the wasm build, so we
 * drive `@prisma/schema-engine-wasm` ourselves over `@prisma/adapter-pg`, with three workarounds
 * (docs: ../shared/STACK.md §3):
 *  1. adapter-pg cannot read pg_catalog's `"char"` columns (OID 18): map them to Character.
 *  2. adapter-pg's shadow database connects to the main database (connectionString wins over
 *     `database`) and drops it while its pool is open: we provide our own shadow database.
 *  3. the wasm glue reports Rust panics through a global registry that must exist.
 * Pin every @prisma/* version: this leans on adapter-pg internals (`performIO`, `queryRaw`).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DiffTarget, MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

let panicMessage: string | null = null;
let loaded: Promise<void> | null = null;

/** Instantiates the wasm module once per process (the glue keeps it in module state). */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        panicMessage = message;
      },
    };
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  })();
  return loaded;
}

/** The pg result shape adapter-pg's private `performIO` returns. */
interface PgResult {
  fields: Array<{ name: string; dataTypeID: number }>;
  rows: unknown[][];
}
type Queryable = {
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
  performIO(query: SqlQuery): Promise<PgResult>;
};

/** Fix 1: report `"char"` columns as Character (text alone makes the engine panic on constraint_type). */
function readCharColumns<T extends object>(target: T): T {
  const queryable = target as unknown as Queryable;
  const charColumns = new WeakMap<SqlQuery, number[]>();
  const performIO = queryable.performIO.bind(queryable);
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(index);
      }
    });
    if (indexes.length > 0) charColumns.set(query, indexes);
    return result;
  };
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const index of charColumns.get(query) ?? []) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return target;
}

function withCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  readCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => readCharColumns(await startTransaction(isolationLevel));
  return adapter;
}

/** Fix 2: a throwaway shadow database on the same server, dropped after its pool is closed. */
async function connectToShadowDb(databaseUrl: string): Promise<SqlDriverAdapter> {
  const name = `pulse_shadow_${randomUUID().replaceAll('-', '')}`;
  await adminQuery(databaseUrl, `CREATE DATABASE "${name}"`);
  const { host, port, user, password } = parseConnectionString(databaseUrl);
  const factory = new PrismaPg({
    host: host ?? undefined,
    port: port ? Number(port) : undefined,
    user: user ?? undefined,
    password: typeof password === 'string' ? password : undefined,
    database: name,
  });
  const adapter = withCharColumns(await factory.connect());
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  return adapter;
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface SchemaFile {
  path: string;
  content: string;
}

export interface WasmSchemaEngine {
  /** `prisma migrate diff`: the SQL script (script: true) or a readable summary; '' when there is no difference. */
  diff(from: DiffTarget, to: DiffTarget, options?: { script?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens the engine on `databaseUrl` (the database `schemaDatasource` targets mean; shadow databases
 * are created next to it).
 */
export async function openSchemaEngine(databaseUrl: string, schema: SchemaFile): Promise<WasmSchemaEngine> {
  await loadWasm();
  const adapters: SqlDriverAdapter[] = [];
  const mainFactory = new PrismaPg({ connectionString: databaseUrl });
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: mainFactory.provider,
    adapterName: mainFactory.adapterName,
    async connect() {
      const adapter = withCharColumns(await mainFactory.connect());
      adapters.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      return connectToShadowDb(databaseUrl);
    },
  };
  const engine: SchemaEngine = await engineCall(() =>
    bg.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory)),
  );
  return {
    async diff(from, to, options = {}) {
      const result = await engineCall(() =>
        engine.diff({ from, to, script: options.script ?? false, exitCode: null, filters: { externalTables: [], externalEnums: [] } }),
      );
      return (result.stdout ?? '').trim();
    },
    async close() {
      engine.free();
      await Promise.all(adapters.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

/** Fix 3: surface a Rust panic's message instead of wasm's bare "unreachable". */
async function engineCall<T>(call: () => Promise<T>): Promise<T> {
  panicMessage = null;
  try {
    return await call();
  } catch (error) {
    if (panicMessage) throw new Error(`Prisma schema engine panicked: ${panicMessage}`, { cause: error });
    throw error;
  }
}

/** The engine's view of `prisma/migrations/` (Prisma's layout: `<timestamp>_<name>/migration.sql`). */
export function migrationList(baseDir: string, lockfile: string | null, migrations: Array<{ name: string; sql: string }>): MigrationList {
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
    })),
  };
}
