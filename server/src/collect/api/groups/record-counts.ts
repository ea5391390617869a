/** Sizing counts. Each count is independent: one the user may not read (e.g. mail.message) is left out. */
import type { RecordCounts } from '../../../facts/types.ts';
import type { Domain } from '../../../odoo/types.ts';
import { defineReader } from '../reader.ts';

interface CountSpec {
  model: string;
  domain: Domain;
  includeArchived?: boolean;
}

export const RECORD_COUNTS: Record<string, CountSpec> = {
  'res.partner': { model: 'res.partner', domain: [] },
  'res.partner:all': { model: 'res.partner', domain: [], includeArchived: true },
  'res.users:internal': { model: 'res.users', domain: [['share', '=', false]] },
  'ir.ui.view': { model: 'ir.ui.view', domain: [] },
  'ir.ui.view:archived': { model: 'ir.ui.view', domain: [['active', '=', false]] },
  'ir.attachment': { model: 'ir.attachment', domain: [] },
  'mail.message': { model: 'mail.message', domain: [] },
};

export const recordCountsReader = defineReader({
  key: 'recordCounts',
  model: 'res.partner',
  read: async ({ session }) => {
    const entries = Object.entries(RECORD_COUNTS);
    const results = await Promise.allSettled(
      entries.map(([, spec]) => session.searchCount(spec.model, spec.domain, { includeArchived: spec.includeArchived })),
    );
    const counts: RecordCounts = {};
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') counts[entries[i][0]] = result.value;
    });
    const firstFailure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (Object.keys(counts).length === 0 && firstFailure) throw firstFailure.reason;
    return counts;
  },
});
