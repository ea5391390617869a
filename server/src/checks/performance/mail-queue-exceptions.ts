import { defineCheck } from '../types.ts';
import { failureReasons } from './mail-failures.ts';

/** From this many failed mails the backlog is an incident rather than a few bounces. */
export const MANY_FAILED_MAILS = 100;

export const mailQueueExceptions = defineCheck({
  id: 'performance.mail-queue-exceptions',
  dimension: 'performance',
  severity: 'medium',
  title: 'Outgoing e-mails failed',
  rationale:
    'Mails in the "exception" state were not delivered and Odoo does not retry them on its own: invoices, quotations, password resets and notifications never reached their recipients, and nobody is warned except in the (rarely checked) Settings > Technical > Emails list. A growing count also means a growing mail queue to scan on every run of the mail cron.',
  remediation:
    'Fix the cause given in the failure reason, then retry the failed mails. The cause is usually the outgoing mail server (host, port, credentials, TLS, accepted sender address); retry from Settings > Technical > Emails and cancel the mails no longer worth sending.',
  effortHours: 1,
  references: [
    'https://www.odoo.com/documentation/18.0/applications/general/email_communication.html',
    'https://github.com/odoo/odoo/blob/18.0/addons/mail/models/mail_mail.py',
  ],
  requires: ['mailQueue'],
  evaluate({ mailQueue }) {
    const failed = mailQueue.exception;
    if (failed <= 0) return [];
    const reasons = failureReasons(mailQueue);
    const latest = mailQueue.recentExceptions
      .map((m) => m.date)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1);
    const top = reasons[0];
    const reasonText = top
      ? `; ${top.count === mailQueue.recentExceptions.length ? 'all' : `${top.count} of the ${mailQueue.recentExceptions.length}`} recent failures say '${top.reason}'`
      : '';
    return [
      {
        object: { kind: 'model', key: 'mail.mail', label: 'Outgoing mail queue' },
        severity: failed >= MANY_FAILED_MAILS ? 'high' : undefined,
        message: `${failed} outgoing e-mail${failed === 1 ? ' is' : 's are'} in exception (not sent)${latest ? `, the latest from ${latest.slice(0, 16)} UTC` : ''}${reasonText}.`,
        evidence: {
          exception: failed,
          byState: mailQueue.byState,
          reasons,
          recent: mailQueue.recentExceptions.slice(0, 10).map((m) => ({ id: m.id, subject: m.subject, date: m.date, failureType: m.failureType })),
        },
      },
    ];
  },
});
