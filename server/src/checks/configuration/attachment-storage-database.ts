import { defineCheck } from '../types.ts';
import { parameterObject } from './parameters.ts';

export const attachmentStorageDatabase = defineCheck({
  id: 'configuration.attachment-storage-database',
  dimension: 'configuration',
  severity: 'medium',
  title: 'Attachments configured to be stored in the database',
  rationale:
    "The system parameter ir_attachment.location = db makes Odoo store every new file (documents, images, report PDFs, assets) inside PostgreSQL instead of the filestore. The database then grows with every upload, and backups, restores, replication and VACUUM all slow down with it.",
  remediation:
    "Set ir_attachment.location to 'file' (or delete the parameter) and move the existing files to the filestore. Run `env['ir.attachment'].force_storage()` from an Odoo shell as administrator, after a backup.",
  effortHours: 1,
  references: ['https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_attachment.py'],
  requires: ['configParameters'],
  evaluate({ configParameters }) {
    const location = (configParameters['ir_attachment.location'] ?? '').trim();
    if (location !== 'db') return [];
    return [
      {
        object: parameterObject('ir_attachment.location'),
        message: "ir_attachment.location is 'db': every new attachment is stored inside the database.",
        evidence: { value: location },
      },
    ];
  },
});
