/**
 * Which database a command uses: DATABASE_URL (or --database-url) when given, otherwise the embedded
 * PGlite database in PULSE_DATA_DIR (or --data-dir), default ./.pulse-data/: started here, or the
 * one another odoo-pulse process (serve) is already serving from that folder.
 */
import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR, runningEmbeddedDatabase, startEmbeddedDatabase } from './embedded.ts';
import { DatabaseError, describeDatabaseUrl } from './errors.ts';

export const DATABASE_URL_ENV = 'DATABASE_URL';
export const DATA_DIR_ENV = 'PULSE_DATA_DIR';

export interface DatabaseTargetOptions {
  databaseUrl?: string | null;
  dataDir?: string | null;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Connect to the embedded database another process already serves from the folder (default true:
   * right for short commands). `serve` passes false: it must own its database, not borrow one.
   */
  shareRunning?: boolean;
}

export interface DatabaseTarget {
  url: string;
  kind: 'postgres' | 'embedded';
  /** For messages: where the data is (never a password). */
  description: string;
  /** The embedded database's data folder; null for PostgreSQL. */
  dataDir: string | null;
  /** Stops the embedded database; nothing to do for PostgreSQL. */
  close(): Promise<void>;
}

/** Whether a command with these options uses PostgreSQL (DATABASE_URL or --database-url) rather than the embedded database. */
export function usesPostgres(options: Pick<DatabaseTargetOptions, 'databaseUrl' | 'env'>): boolean {
  return Boolean(options.databaseUrl || options.env[DATABASE_URL_ENV]);
}

export async function openDatabaseTarget(options: DatabaseTargetOptions): Promise<DatabaseTarget> {
  const databaseUrl = options.databaseUrl || options.env[DATABASE_URL_ENV];
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new DatabaseError(`${DATABASE_URL_ENV} (or --database-url) must be a postgresql:// connection string.`);
    }
    return {
      url: databaseUrl,
      kind: 'postgres',
      description: `PostgreSQL at ${describeDatabaseUrl(databaseUrl)}`,
      dataDir: null,
      close: async () => {},
    };
  }
  const dataDir = resolve(options.cwd, options.dataDir || options.env[DATA_DIR_ENV] || DEFAULT_DATA_DIR);
  // `serve` may already be serving this folder: share its server rather than open the files twice.
  const running = options.shareRunning === false ? null : await runningEmbeddedDatabase(dataDir);
  if (running) {
    return {
      url: running.url,
      kind: 'embedded',
      description: `embedded database in ${dataDir} (served by process ${running.pid})`,
      dataDir,
      close: async () => {},
    };
  }
  const embedded = await startEmbeddedDatabase({ dataDir });
  return {
    url: embedded.url,
    kind: 'embedded',
    description: `embedded database in ${embedded.dataDir}`,
    dataDir: embedded.dataDir,
    close: () => embedded.stop(),
  };
}
