import type { CheckDefinition } from '../types.ts';
import { attachmentsInDatabase } from './attachments-in-database.ts';
import { largeLogTable } from './large-log-table.ts';
import { mailQueueBacklog } from './mail-queue-backlog.ts';
import { mailQueueExceptions } from './mail-queue-exceptions.ts';
import { verboseDatabaseLogging } from './verbose-database-logging.ts';

/** The performance dimension's checks, one module each. */
export const performanceChecks: readonly CheckDefinition[] = [
  mailQueueExceptions,
  mailQueueBacklog,
  attachmentsInDatabase,
  verboseDatabaseLogging,
  largeLogTable,
];
