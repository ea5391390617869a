import { defineCheck } from '../types.ts';

/** Models written by most business flows (posting an invoice writes the partner's rank, etc.). */
export const HOT_MODELS: ReadonlySet<string> = new Set([
  'res.partner',
  'res.users',
  'product.product',
  'product.template',
  'account.move',
  'account.move.line',
  'account.payment',
  'sale.order',
  'sale.order.line',
  'purchase.order',
  'purchase.order.line',
  'stock.move',
  'stock.move.line',
  'stock.picking',
  'stock.quant',
  'mrp.production',
  'crm.lead',
  'project.task',
  'mail.message',
  'mail.mail',
  'pos.order',
  'pos.order.line',
  'hr.attendance',
]);

/** Triggers that run on every save of a record (creation included or not). */
const WRITE_TRIGGERS: ReadonlySet<string> = new Set(['on_write', 'on_create_or_write']);

export const automationOnHotModel = defineCheck({
  id: 'custom_code.automation-on-every-write',
  dimension: 'custom_code',
  severity: 'low',
  title: 'Automation rule runs on every save of a busy model',
  rationale:
    "An automation rule triggered \"on save\" runs inside every write of its model: Odoo evaluates its domain and runs its actions in the same transaction, for imports, cron jobs and every other module's writes too. On models such as contacts, products, invoices or stock moves, which most business flows write to (posting an invoice updates the customer's rank), a rule without trigger fields multiplies the cost of every operation and makes any error in its code block them.",
  remediation:
    "Set the rule's trigger fields to the fields whose change matters. Add a \"Before Update\" domain as well, or replace the rule with code in a module that hooks the one business event it needs.",
  effortHours: 1,
  references: [
    'https://www.odoo.com/documentation/18.0/applications/studio/automated_actions.html',
    'https://github.com/odoo/odoo/blob/18.0/addons/base_automation/models/base_automation.py',
  ],
  requires: ['automations'],
  evaluate({ automations }) {
    return automations
      .filter((a) => a.active && a.trigger !== null && WRITE_TRIGGERS.has(a.trigger) && a.model !== null && HOT_MODELS.has(a.model))
      // With trigger fields the rule only runs when those fields change.
      .filter((a) => a.triggerFieldIds === undefined || a.triggerFieldIds.length === 0)
      .map((automation) => ({
        object: { kind: 'automation' as const, key: String(automation.id), label: automation.name },
        message:
          `Automation rule '${automation.name}' runs on every ${automation.trigger === 'on_write' ? 'update' : 'creation and update'} of ${automation.model}` +
          (automation.triggerFieldIds === undefined ? ' (its trigger fields were not collected)' : ', with no trigger fields') +
          `, ${automation.actionIds.length} action${automation.actionIds.length === 1 ? '' : 's'} each time.`,
        evidence: {
          model: automation.model,
          trigger: automation.trigger,
          actionIds: automation.actionIds,
          triggerFieldIds: automation.triggerFieldIds ?? null,
          filterDomain: automation.filterDomain ?? null,
          lastRun: automation.lastRun,
        },
      }));
  },
});
