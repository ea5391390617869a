/**
 * Odoo's own crons that must stay active, recognised by the method they call: cron names are
 * translatable and can be renamed, the method in their code cannot.
 */
import type { CronFact } from '../../facts/types.ts';
import type { Severity } from '../types.ts';

export interface EssentialCron {
  /** Stable key for findings about a missing cron (the XML id Odoo gives the cron). */
  xmlId: string;
  /** English name Odoo ships, for messages. */
  name: string;
  /** The method the cron's code calls. */
  methodName: string;
  method: RegExp;
  severity: Severity;
  /** What stops when it is off. */
  consequence: string;
  /** Shipped by `base`: present on every database, so its absence is itself a problem. */
  alwaysPresent: boolean;
}

export const ESSENTIAL_CRONS: readonly EssentialCron[] = [
  {
    xmlId: 'base.autovacuum_job',
    name: 'Base: Auto-vacuum internal data',
    methodName: '_run_vacuum_cleaner',
    method: /\b_run_vacuum_cleaner\s*\(/,
    severity: 'medium',
    consequence:
      'Odoo no longer runs its @api.autovacuum clean-ups (transient wizard records, old bus notifications, files of deleted attachments in the filestore, old login records…), so tables and the filestore grow without bound',
    alwaysPresent: true,
  },
  {
    xmlId: 'mail.ir_cron_mail_scheduler_action',
    name: 'Mail: Email Queue Manager',
    methodName: 'process_email_queue',
    method: /\bprocess_email_queue\s*\(/,
    severity: 'high',
    consequence: 'queued outgoing e-mails are never sent (Odoo ignores triggers for an inactive cron)',
    alwaysPresent: false,
  },
];

export function cronsCalling(crons: readonly CronFact[], method: RegExp): CronFact[] {
  return crons.filter((c) => c.code !== null && method.test(c.code));
}
