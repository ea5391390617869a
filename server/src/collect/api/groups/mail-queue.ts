/** mail.mail: the outgoing mail queue by state, and the most recent failures. */
import type { MailQueueFacts } from '../../../facts/types.ts';
import { countsByGroup } from '../read-group.ts';
import { nonEmptyStr, num, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const RECENT_EXCEPTIONS_LIMIT = 50;
export const MAIL_EXCEPTION_FIELDS = ['subject', 'failure_type', 'failure_reason', 'date'];

export function mapMailQueue(byStateRows: OdooRecord[], exceptionRows: OdooRecord[]): MailQueueFacts {
  const byState = countsByGroup(byStateRows, 'state');
  return {
    byState,
    exception: byState.exception ?? 0,
    recentExceptions: exceptionRows.map((r) => ({
      id: num(r.id) ?? 0,
      subject: nonEmptyStr(r.subject),
      failureType: nonEmptyStr(r.failure_type),
      failureReason: nonEmptyStr(r.failure_reason),
      date: nonEmptyStr(r.date),
    })),
  };
}

export const mailQueueReader = defineReader({
  key: 'mailQueue',
  model: 'mail.mail',
  read: async ({ session }) => {
    const [byState, exceptions] = await Promise.all([
      session.readGroup('mail.mail', [], ['state'], ['state']),
      session.searchRead('mail.mail', [['state', '=', 'exception']], MAIL_EXCEPTION_FIELDS, {
        order: 'id desc',
        limit: RECENT_EXCEPTIONS_LIMIT,
      }),
    ]);
    return mapMailQueue(byState, exceptions);
  },
});
