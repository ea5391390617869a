/** The 18.0 fixture's mail queue: 15 mails in exception, all "111\nConnection refused". */
import type { MailQueueFacts } from '../../../server/src/facts/types.ts';

export function mailQueue18(): MailQueueFacts {
  const recentExceptions = Array.from({ length: 15 }, (_, i) => ({
    id: 15 - i,
    subject: i < 3 ? `Invoice reminder #${3 - i}` : `"Draft Invoice: Task ${i}" assigned to you`,
    failureType: null,
    failureReason: '111\nConnection refused',
    date: i < 3 ? '2026-12-04 19:28:15' : '2026-12-04 19:24:16',
  }));
  return { byState: { exception: 15 }, exception: 15, recentExceptions };
}

export const EMPTY_QUEUE: MailQueueFacts = { byState: { sent: 40 }, exception: 0, recentExceptions: [] };
