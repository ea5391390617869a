import { defineCheck } from '../types.ts';

/** From this many attachments in the database the table weighs on backups and restores. */
export const MANY_DB_ATTACHMENTS = 1000;

export const attachmentsInDatabase = defineCheck({
  id: 'performance.attachments-in-database',
  dimension: 'performance',
  severity: 'low',
  title: 'Attachments stored in the database',
  rationale:
    "Odoo stores attachment contents in the filestore by default and keeps only a reference in PostgreSQL. Contents stored in the database (ir_attachment.location = db, or left over from an old configuration or a migration) bloat the ir_attachment table: every backup, restore, dump and VACUUM handles those bytes, and reading a file goes through the database connection pool instead of the disk.",
  remediation:
    "Move the attachments to the filestore with `env['ir.attachment'].force_storage()` after setting ir_attachment.location to 'file'. Run it from an Odoo shell as administrator, after a backup, outside business hours on large databases.",
  effortHours: 1,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_attachment.py',
    'https://www.odoo.com/documentation/18.0/administration/on_premise/deploy.html',
  ],
  requires: ['attachments'],
  evaluate({ attachments }) {
    const inDb = attachments.storedInDb;
    if (inDb <= 0) return [];
    const binary = inDb + attachments.storedInFilestore;
    const share = binary > 0 ? Math.round((inDb / binary) * 100) : 100;
    return [
      {
        object: { kind: 'model', key: 'ir.attachment', label: 'Attachments' },
        severity: inDb >= MANY_DB_ATTACHMENTS ? 'medium' : undefined,
        message: `${inDb} attachment${inDb === 1 ? ' is' : 's are'} stored in the database instead of the filestore (${share}% of stored files).`,
        evidence: { storedInDb: inDb, storedInFilestore: attachments.storedInFilestore, total: attachments.total },
      },
    ];
  },
});
