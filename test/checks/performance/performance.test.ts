import { describe, expect, it } from 'vitest';
import { attachmentsInDatabase } from '../../../server/src/checks/performance/attachments-in-database.ts';
import { largeLogTable } from '../../../server/src/checks/performance/large-log-table.ts';
import { mailQueueBacklog } from '../../../server/src/checks/performance/mail-queue-backlog.ts';
import { mailQueueExceptions } from '../../../server/src/checks/performance/mail-queue-exceptions.ts';
import { verboseDatabaseLogging } from '../../../server/src/checks/performance/verbose-database-logging.ts';
import type { AttachmentFacts, LogFacts } from '../../../server/src/facts/types.ts';
import { factsWith } from '../../support/facts.ts';
import { run } from '../support/records.ts';
import { EMPTY_QUEUE, mailQueue18 } from './mail-queue.ts';

/** 18.0 fixture counts: 232 attachments, 11 binary in the filestore, none in the database. */
const ATTACHMENTS_18: AttachmentFacts = { total: 232, storedInDb: 0, storedInFilestore: 11, url: 221, public: 165, fieldAttachments: 839 };
/** 18.0 fixture log: 27 rows. */
const LOGS_18: LogFacts = { total: 27, byLevel: { ERROR: 12, WARNING: 14, info: 1 }, recent: [] };

describe('performance.mail-queue-exceptions', () => {
  it('reports the 15 failed mails of the fixture with their shared reason', () => {
    const [finding] = run(mailQueueExceptions, factsWith({ mailQueue: mailQueue18() })).findings;
    expect(finding.object).toEqual({ kind: 'model', key: 'mail.mail', label: 'Outgoing mail queue' });
    expect(finding.severity).toBe('medium');
    expect(finding.message).toBe("15 outgoing e-mails are in exception (not sent), the latest from 2026-12-04 19:28 UTC; all recent failures say '111 Connection refused'.");
    expect(finding.evidence.reasons).toEqual([{ reason: '111 Connection refused', count: 15, latest: '2026-12-04 19:28:15' }]);
  });

  it('becomes high from 100 failed mails, and passes with none', () => {
    const many = { ...mailQueue18(), exception: 250, byState: { exception: 250 } };
    expect(run(mailQueueExceptions, factsWith({ mailQueue: many })).findings[0].severity).toBe('high');
    expect(run(mailQueueExceptions, factsWith({ mailQueue: EMPTY_QUEUE })).status).toBe('passed');
  });
});

describe('performance.mail-queue-backlog', () => {
  it('reports a thousand or more queued mails', () => {
    const [finding] = run(mailQueueBacklog, factsWith({ mailQueue: { ...EMPTY_QUEUE, byState: { outgoing: 4200, sent: 10 } } })).findings;
    expect(finding.message).toBe('4200 e-mails are waiting to be sent: the outgoing queue is not draining.');
  });

  it('passes for a queue that drains', () => {
    expect(run(mailQueueBacklog, factsWith({ mailQueue: { ...EMPTY_QUEUE, byState: { outgoing: 999 } } })).status).toBe('passed');
    expect(run(mailQueueBacklog, factsWith({ mailQueue: mailQueue18() })).status).toBe('passed');
  });
});

describe('performance.attachments-in-database', () => {
  it('reports attachments stored in the database, medium from 1000', () => {
    const some = run(attachmentsInDatabase, factsWith({ attachments: { ...ATTACHMENTS_18, storedInDb: 33 } })).findings[0];
    expect(some.message).toBe('33 attachments are stored in the database instead of the filestore (75% of stored files).');
    expect(some.severity).toBe('low');
    const many = run(attachmentsInDatabase, factsWith({ attachments: { ...ATTACHMENTS_18, storedInDb: 5000 } })).findings[0];
    expect(many.severity).toBe('medium');
  });

  it('passes on the fixture (everything in the filestore)', () => {
    expect(run(attachmentsInDatabase, factsWith({ attachments: ATTACHMENTS_18 })).status).toBe('passed');
  });
});

describe('performance.large-log-table', () => {
  it('reports a log table of 100,000 rows or more', () => {
    const big = { total: 2_345_678, byLevel: { WARNING: 2_000_000, ERROR: 345_678 }, recent: [] };
    const [finding] = run(largeLogTable, factsWith({ logs: big })).findings;
    expect(finding.message).toBe('The database log (ir.logging) holds 2,345,678 rows (2,000,000 WARNING, 345,678 ERROR).');
    expect(finding.severity).toBe('medium');
  });

  it('passes on the fixture log', () => {
    expect(run(largeLogTable, factsWith({ logs: LOGS_18 })).status).toBe('passed');
  });
});

describe('performance.verbose-database-logging', () => {
  it('reports server INFO/DEBUG lines written to the database', () => {
    const verbose = { total: 90_000, byLevel: { INFO: 85_000, WARNING: 4_000, DEBUG: 1_000 }, recent: [] };
    const [finding] = run(verboseDatabaseLogging, factsWith({ logs: verbose })).findings;
    expect(finding.message).toBe('The database log holds 85,000 INFO and 1,000 DEBUG rows from the server: it logs below warning level into the database.');
  });

  it("passes on the fixture, whose lower-case 'info' rows come from server actions' log()", () => {
    expect(run(verboseDatabaseLogging, factsWith({ logs: LOGS_18 })).status).toBe('passed');
    expect(run(verboseDatabaseLogging, factsWith({ logs: { total: 5000, byLevel: { info: 5000 }, recent: [] } })).status).toBe('passed');
  });
});
