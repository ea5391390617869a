/** Cron records shaped like the 18.0 / 17.0 fixtures (xmlrpc.object.ir.cron.search_read.json of test/fixtures/odoo). */
import type { CronFact, LogEntryFact } from '../../../server/src/facts/types.ts';
import { cron } from '../support/records.ts';

export { cron };

/** 18.0 "Custom: Sync stock levels from WMS" as recorded: every minute, 6 failures, run as Mitchell Admin. */
export const WMS_18: CronFact = cron({
  id: 26,
  name: 'Custom: Sync stock levels from WMS',
  intervalType: 'minutes',
  nextcall: '2026-12-04 19:34:10',
  lastcall: '2026-12-04 19:33:53',
  userId: 2,
  userName: 'Mitchell Admin',
  model: 'res.partner',
  code: "# custom integration job (deliberately failing)\nraise UserError('WMS endpoint https://wms.example.com/api returned HTTP 503')\n",
  failureCount: 6,
  firstFailureDate: '2026-12-04 19:28:53',
  serverActionId: 376,
});

/** The same job on 17.0: no failure counter, numbercall -1. */
export const WMS_17: CronFact = {
  ...WMS_18,
  id: 23,
  nextcall: '2026-12-04 19:34:26',
  lastcall: '2026-12-04 19:33:48',
  failureCount: null,
  firstFailureDate: null,
  numbercall: -1,
  serverActionId: 357,
};

export const AUTOVACUUM: CronFact = cron({
  id: 1,
  name: 'Base: Auto-vacuum internal data',
  priority: 3,
  model: 'ir.autovacuum',
  code: 'model._run_vacuum_cleaner()',
  nextcall: '2026-12-05 19:23:15',
  lastcall: '2026-12-04 19:26:51',
  serverActionId: 35,
});

export const MAIL_QUEUE: CronFact = cron({
  id: 3,
  name: 'Mail: Email Queue Manager',
  intervalType: 'hours',
  priority: 6,
  model: 'mail.mail',
  code: 'model.process_email_queue(batch_size=1000)',
  nextcall: '2026-12-05 19:23:34',
  lastcall: '2026-12-04 19:26:53',
  serverActionId: 132,
});

export const NIGHTLY_CLEANUP: CronFact = cron({
  id: 27,
  name: 'Custom: Nightly partner cleanup',
  priority: 10,
  userId: 2,
  userName: 'Mitchell Admin',
  model: 'res.partner',
  code: "count = env['res.partner'].search_count([('email', '=', False)])\nlog('nightly cleanup done: %s partners without email' % count, level='info')\n",
  nextcall: '2026-12-05 19:28:11',
  lastcall: '2026-12-04 19:28:53',
  serverActionId: 377,
});

export const NOTIFICATIONS_HOURLY: CronFact = cron({
  id: 8,
  name: 'Notification: Notify scheduled messages',
  intervalType: 'hours',
  model: 'mail.scheduled.message',
  code: 'model._send_notifications_cron()',
  nextcall: '2026-12-04 20:23:34',
  lastcall: '2026-12-04 19:26:51',
  serverActionId: 137,
});

/** An ERROR row as 18.0's ir_cron writes it when a job's server action raises. */
export function failure18(id: number, createDate: string, o: Partial<LogEntryFact> = {}): LogEntryFact {
  return {
    id,
    createDate,
    name: 'odoo.addons.base.models.ir_cron',
    type: 'server',
    level: 'ERROR',
    message:
      "Job 'Custom: Sync stock levels from WMS' (26) server action #376 failed\nTraceback (most recent call last):\n  File \"/opt/odoo-src/18.0/odoo/addons/base/models/ir_cron.py\", line 570, in _callback\n    self.env['ir.actions.server'].browse(server_action_id).run()\n  File \"/opt/odoo-src/18.0/odoo/addons/ba",
    path: '/opt/odoo-src/18.0/odoo/addons/base/models/ir_cron.py',
    func: '_callback',
    line: '580',
    ...o,
  };
}

/** The same for 17.0 ("Call from cron … failed in Job #23"). */
export function failure17(id: number, createDate: string, o: Partial<LogEntryFact> = {}): LogEntryFact {
  return {
    ...failure18(id, createDate),
    message:
      "Call from cron Custom: Sync stock levels from WMS for server action #357 failed in Job #23\nTraceback (most recent call last):\n  File \"/opt/odoo-src/17.0/odoo/addons/base/models/ir_cron.py\", line 393, in _callback\n    self.env['ir.actions.server'].browse(server_action_id).run()\n  File \"/opt/odoo-src/",
    path: '/opt/odoo-src/17.0/odoo/addons/base/models/ir_cron.py',
    line: '402',
    ...o,
  };
}
