/** ir.attachment: how attachments are stored (database vs filestore), public ones, URLs. */
import type { AttachmentFacts } from '../../../facts/types.ts';
import type { Domain } from '../../../odoo/types.ts';
import { defineReader } from '../reader.ts';

// Odoo hides field attachments (res_field set) from any search that does not mention res_field, so
// `total` counts the documents users attached, and fieldAttachments the binary fields stored as attachments.
export const ATTACHMENT_DOMAINS = {
  total: [],
  storedInDb: [['db_datas', '!=', false]],
  storedInFilestore: [['store_fname', '!=', false]],
  url: [['type', '=', 'url']],
  public: [['public', '=', true]],
  fieldAttachments: [['res_field', '!=', false]],
} satisfies Record<keyof AttachmentFacts, Domain>;

export const attachmentsReader = defineReader({
  key: 'attachments',
  model: 'ir.attachment',
  read: async ({ session }) => {
    const count = (domain: Domain) => session.searchCount('ir.attachment', domain);
    const d = ATTACHMENT_DOMAINS;
    const [total, storedInDb, storedInFilestore, url, isPublic, fieldAttachments] = await Promise.all([
      count(d.total), count(d.storedInDb), count(d.storedInFilestore), count(d.url), count(d.public), count(d.fieldAttachments),
    ]);
    const facts: AttachmentFacts = { total, storedInDb, storedInFilestore, url, public: isPublic, fieldAttachments };
    return facts;
  },
});
