/**
 * The Prisma client over `@prisma/adapter-pg`. The generated client lives in prisma/generated/
 * (not committed; `npm install` regenerates it through the postinstall script).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../../prisma/generated/client/client.ts';

// Models, enums (ScanStatus, Severity…) and the Prisma namespace, for the rest of the server.
export * from '../../../prisma/generated/client/client.ts';

/**
 * Left out of every result unless a query asks with `omit: { secret: false }` / `{ facts: false }`:
 * the encrypted instance secret (only the scan worker needs it; the API must never return it), the
 * compressed facts snapshot and the full report (large; read them when needed), and a code source's
 * archive bytes (large) and encrypted git credentials (like the instance secret).
 */
export const OMITTED_BY_DEFAULT = {
  instance: { secret: true },
  scan: { facts: true, report: true },
  codeSource: { archive: true, gitCredentials: true },
} as const;

export interface DbOptions {
  /** Connections in the pool (default 10). Keep the sum of all pools under the embedded server's limit. */
  maxConnections?: number;
}

/** A Prisma client for `databaseUrl`; connects lazily. Call `$disconnect()` when done. */
export function createDb(databaseUrl: string, options: DbOptions = {}) {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter, omit: OMITTED_BY_DEFAULT });
}

export type Db = ReturnType<typeof createDb>;
