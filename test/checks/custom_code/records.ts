/** Server actions, automations and views shaped like the 18.0 fixtures (ir.actions.server / base.automation / ir.ui.view). */
import type { AutomationFact, ServerActionFact, ViewFact } from '../../../server/src/facts/types.ts';

export function action(o: Partial<ServerActionFact> & Pick<ServerActionFact, 'id' | 'name' | 'code'>): ServerActionFact {
  return { model: 'res.partner', state: 'code', usage: 'ir_actions_server', bindingModel: null, automationId: null, writeDate: '2026-12-04 19:28:15', ...o };
}

/** Odoo's own "Website: Analytics" action (website module), the one standard action that calls sudo(). */
export const WEBSITE_ANALYTICS = action({
  id: 325,
  name: 'Website: Analytics',
  model: 'website',
  code: "action = model.env.ref('website.backend_dashboard').sudo().read()[0]",
  writeDate: '2026-12-04 19:24:18',
});

export const DOWNLOAD_VCARD = action({
  id: 84,
  name: 'Download (vCard)',
  bindingModel: 'res.partner',
  code: "\n            action = {\n                'type': 'ir.actions.act_url',\n                'url': '/web/partner/vcard?partner_ids=' + ','.join(map(str, records.ids)),\n                'target': 'download',\n            }\n        ",
  writeDate: '2026-12-04 19:23:54',
});

export const WMS_ACTION = action({
  id: 376,
  name: 'Custom: Sync stock levels from WMS',
  usage: 'ir_cron',
  code: "# custom integration job (deliberately failing)\nraise UserError('WMS endpoint https://wms.example.com/api returned HTTP 503')\n",
  writeDate: '2026-12-04 19:28:10',
});

export const NIGHTLY_ACTION = action({
  id: 377,
  name: 'Custom: Nightly partner cleanup',
  usage: 'ir_cron',
  code: "count = env['res.partner'].search_count([('email', '=', False)])\nlog('nightly cleanup done: %s partners without email' % count, level='info')\n",
  writeDate: '2026-12-04 19:28:11',
});

export const FLAG_PARTNERS = action({
  id: 379,
  name: 'Custom: Flag partners without email',
  bindingModel: 'res.partner',
  code: "for rec in records:\n    if not rec.email:\n        rec.message_post(body='Please add an email address')\n",
});

export const VIP_LOG_ACTION = action({
  id: 380,
  name: 'Execute Code',
  usage: 'base_automation',
  automationId: 1,
  code: "log('VIP partner changed: %s' % records.ids, level='info')\n",
  writeDate: '2026-12-04 19:28:16',
});

export const FIXTURE_ACTIONS_18 = [DOWNLOAD_VCARD, WEBSITE_ANALYTICS, WMS_ACTION, NIGHTLY_ACTION, FLAG_PARTNERS, VIP_LOG_ACTION];

export function automation(o: Partial<AutomationFact> & Pick<AutomationFact, 'id' | 'name'>): AutomationFact {
  return { model: 'res.partner', trigger: 'on_create_or_write', active: true, actionIds: [], lastRun: null, ...o };
}

export const VIP_AUTOMATION = automation({ id: 1, name: 'Custom: Log VIP customer changes', actionIds: [380] });

export function view(o: Partial<ViewFact> & Pick<ViewFact, 'id' | 'name'>): ViewFact {
  return { key: null, type: 'qweb', model: null, inheritId: null, active: true, arch: null, xmlId: null, writeDate: '2026-12-04 19:28:15', ...o };
}

/** The fixture's views without XML id. */
export const FIXTURE_VIEWS_18: ViewFact[] = [
  view({
    id: 1799,
    name: 'x_custom_maintenance_banner',
    key: 'x_custom.maintenance_banner',
    arch: '<t t-name="x_custom.maintenance_banner"><div class="alert alert-warning text-center">Scheduled maintenance: Sunday 02:00-04:00 UTC</div></t>',
  }),
  view({
    id: 1800,
    name: 'x_custom_login_banner',
    key: 'gen_key.0a2ef0',
    inheritId: 192,
    arch: '<xpath expr="." position="inside"><t t-call="x_custom.maintenance_banner"/></xpath>',
  }),
  view({
    id: 1802,
    name: 'x_custom_invoice_footer',
    key: 'x_custom.invoice_footer',
    arch: '<t t-name="x_custom.invoice_footer"><div class="small text-muted"><span t-esc="company.name"/> - IBAN BE00 0000 0000 0000</div></t>',
  }),
  view({
    id: 1803,
    name: 'res.partner.form.x_custom',
    type: 'form',
    model: 'res.partner',
    inheritId: 130,
    arch: '<xpath expr="//field[@name=\'vat\']" position="after"><field name="ref"/></xpath>',
  }),
];
