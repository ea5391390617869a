import { defineCheck } from '../types.ts';

/**
 * Odoo's mail cron sends queued mail in batches (`process_email_queue(batch_size=1000)` in 18.0's cron
 * data, up to 10,000 per run in 17.0) and is triggered as mail is queued, so the queue normally
 * empties within minutes: a thousand mails still waiting means it is not draining.
 */
export const BACKLOG_THRESHOLD = 1000;

export const mailQueueBacklog = defineCheck({
  id: 'performance.mail-queue-backlog',
  dimension: 'performance',
  severity: 'medium',
  title: 'Outgoing mail queue backlog',
  rationale:
    `Outgoing mails wait in the queue (state "outgoing") until the mail cron sends them, in batches (1000 per run in 18.0, up to 10,000 in 17.0); the cron is triggered as mail is queued, so the queue normally empties within minutes. ${BACKLOG_THRESHOLD} or more mails waiting means mail is produced faster than it is sent, or the cron is not running: customers get their documents hours late or never, and every mail cron run has more to scan.`,
  remediation:
    'Check that the "Mail: Email Queue Manager" cron is active, runs and succeeds, and that the outgoing server accepts the volume; then watch the queue drain. Find what produces so many mails if the volume itself is unexpected (a loop in an automation, a mass mailing sent through the transactional queue).',
  effortHours: 1,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/addons/mail/models/mail_mail.py',
    'https://github.com/odoo/odoo/blob/18.0/addons/mail/data/ir_cron_data.xml',
  ],
  requires: ['mailQueue'],
  evaluate({ mailQueue }) {
    const outgoing = mailQueue.byState.outgoing ?? 0;
    if (outgoing < BACKLOG_THRESHOLD) return [];
    return [
      {
        object: { kind: 'model', key: 'mail.mail:outgoing', label: 'Outgoing mail queue' },
        message: `${outgoing} e-mails are waiting to be sent: the outgoing queue is not draining.`,
        evidence: { outgoing, byState: mailQueue.byState, threshold: BACKLOG_THRESHOLD },
      },
    ];
  },
});
