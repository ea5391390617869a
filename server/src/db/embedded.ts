/**
 * The embedded database for `odoo-pulse serve` without DATABASE_URL: PGlite (PostgreSQL in wasm)
 * served on a loopback port by pglite-socket, so Prisma, pg-boss and everything else connect to it
 * as to any PostgreSQL. For one machine and small fleets; production uses a real PostgreSQL.
 *
 * Layout of the data folder:
 *   <dataDir>/postgres/          PGlite's data
 *   <dataDir>/odoo-pulse.pid     {"pid", "url"} of the process serving it. PGlite would corrupt a
 *                                folder two processes write to, so a second process does not open
 *                                it: it connects to the running server's url instead.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DatabaseError, errorText } from './errors.ts';

export const DEFAULT_DATA_DIR = '.pulse-data';
/**
 * pglite-socket accepts one connection by default, which breaks any pool. Queries are serialised
 * inside PGlite anyway; the limit only has to exceed every pool added together (Prisma + pg-boss…).
 */
export const DEFAULT_MAX_CONNECTIONS = 40;

const PID_FILE = 'odoo-pulse.pid';

export interface EmbeddedDatabaseOptions {
  /** Folder for the data (created if missing). */
  dataDir: string;
  /** Loopback port; 0 (default) picks a free one. */
  port?: number;
  maxConnections?: number;
}

export interface EmbeddedDatabase {
  /** postgresql:// URL of the served database. */
  url: string;
  dataDir: string;
  /** Closes every connection, shuts PGlite down cleanly and releases the folder. Idempotent. */
  stop(): Promise<void>;
}

interface Holder {
  pid: number;
  url?: string;
}

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  try {
    await mkdir(join(dataDir, 'postgres'), { recursive: true });
  } catch (error) {
    throw new DatabaseError(`Cannot create the embedded database folder ${dataDir}: ${errorText(error)}`, { cause: error });
  }
  const pidFile = await claimFolder(dataDir);
  let db: PGlite | null = null;
  let server: PGLiteSocketServer | null = null;
  let url: string;
  try {
    db = await PGlite.create(join(dataDir, 'postgres'));
    keepSequencesTogether(db);
    server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    });
    await server.start();
    url = `postgresql://postgres@${server.getServerConn()}/postgres`;
    await writeFile(pidFile, `${JSON.stringify({ pid: process.pid, url } satisfies Holder)}\n`);
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    await rm(pidFile, { force: true });
    throw new DatabaseError(`Cannot start the embedded database in ${dataDir}: ${errorText(error)}`, { cause: error });
  }
  let stopping: Promise<void> | null = null;
  const running = { db, server };
  return {
    url,
    dataDir,
    stop() {
      stopping ??= (async () => {
        try {
          await running.server.stop();
          await running.db.close();
        } finally {
          await rm(pidFile, { force: true });
        }
      })();
      return stopping;
    },
  };
}

/** Frontend messages of an extended-query sequence, which a Sync ends: Parse, Bind, Describe, Execute, Close. */
const SEQUENCE_MESSAGES = new Set(['P', 'B', 'D', 'E', 'C']);
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
const ROLLBACK = new Uint8Array([0x51, 0, 0, 0, 13, ...new TextEncoder().encode('ROLLBACK'), 0]);

/**
 * Keeps each connection's extended-query sequence (Parse … Sync) together on the one PGlite backend.
 *
 * pglite-socket queues every protocol message separately and, between two messages of one
 * connection, lets other connections' messages run unless `db.isInTransaction()`. All connections
 * share the backend's unnamed statement and portal, so another connection's Parse landing between
 * one connection's Parse and Bind replaces its statement ("bind message supplies 3 parameters, but
 * prepared statement "" requires 2"). Reporting an open sequence as a transaction makes the queue
 * serve only that connection until its Sync (or a simple Query, which ends the sequence too).
 *
 * When a connection closes while it holds the backend this way, pglite-socket calls
 * `db.exec('ROLLBACK')`. Before that, the abandoned sequence is ended: its unfinished implicit
 * transaction is rolled back (the next connection's Sync would otherwise commit it), then a Sync
 * stops the backend skipping messages, which it does after an error until a Sync (the next
 * connection's queries would get no answer).
 */
export function keepSequencesTogether(db: PGlite): void {
  let sequenceOpen = false;
  const isInTransaction = db.isInTransaction.bind(db);
  const execProtocolRawStream = db.execProtocolRawStream.bind(db);
  const exec = db.exec.bind(db);
  const discard = { onRawData: () => {} };
  db.isInTransaction = () => sequenceOpen || isInTransaction();
  db.execProtocolRawStream = async (message, options) => {
    const type = String.fromCharCode(message[0]);
    if (SEQUENCE_MESSAGES.has(type)) sequenceOpen = true;
    try {
      return await execProtocolRawStream(message, options);
    } finally {
      if (type === 'S' || type === 'Q') sequenceOpen = false;
    }
  };
  db.exec = async (query, options) => {
    if (sequenceOpen) {
      sequenceOpen = false;
      // Skipped after an error, when the implicit transaction is already aborted.
      await db.runExclusive(() => execProtocolRawStream(ROLLBACK, discard));
      await db.runExclusive(() => execProtocolRawStream(SYNC, discard));
    }
    return exec(query, options);
  };
}

/**
 * The URL of the embedded database another live process serves from `dataDir`, or null when none
 * does (so the caller may start it).
 */
export async function runningEmbeddedDatabase(dataDir: string): Promise<{ url: string; pid: number } | null> {
  const holder = await readHolder(join(resolve(dataDir), PID_FILE));
  return holder?.url && isAlive(holder.pid) ? { url: holder.url, pid: holder.pid } : null;
}

async function readHolder(pidFile: string): Promise<Holder | null> {
  try {
    const holder = JSON.parse(await readFile(pidFile, 'utf8')) as Partial<Holder>;
    return Number.isInteger(holder.pid) ? { pid: holder.pid!, url: typeof holder.url === 'string' ? holder.url : undefined } : null;
  } catch {
    return null;
  }
}

/** Creates the pid file atomically, refusing when a live process already holds the folder. */
async function claimFolder(dataDir: string): Promise<string> {
  const pidFile = join(dataDir, PID_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(pidFile, `${JSON.stringify({ pid: process.pid } satisfies Holder)}\n`, { flag: 'wx' });
      return pidFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseError(`Cannot lock the embedded database folder ${dataDir}: ${errorText(error)}`, { cause: error });
      }
    }
    const holder = await readHolder(pidFile);
    if (holder && isAlive(holder.pid)) {
      const who = holder.pid === process.pid ? 'this process' : `process ${holder.pid}`;
      throw new DatabaseError(
        `The embedded database in ${dataDir} is already open in ${who}; stop it, or delete ${pidFile} if that process is not odoo-pulse.`,
      );
    }
    // Left by a process that died (or unreadable): take the folder over.
    await rm(pidFile, { force: true });
  }
  throw new DatabaseError(`Cannot lock the embedded database folder ${dataDir}: another process keeps claiming it.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
