import { defineCheck } from '../types.ts';
import { paramIsSet, parameterObject } from './parameters.ts';

export const catchallDomainMissing = defineCheck({
  id: 'configuration.catchall-domain-missing',
  dimension: 'configuration',
  severity: 'low',
  title: 'No catch-all e-mail domain',
  rationale:
    "Up to Odoo 16.0 the mail.catchall.domain parameter is the domain of the reply-to, bounce and alias addresses Odoo puts on outgoing mail. Without it, replies to quotations, invoices and chatter messages are not routed back to their documents, bounces are not detected, and mail aliases (sales@, jobs@) do not work. (From 17.0 alias domains are records, configured per company.)",
  remediation:
    "Set the alias domain in the General Settings (Discuss section) and route that domain's mail to Odoo. The setting stores mail.catchall.domain; an incoming mail server or a mail gateway must deliver replies to Odoo.",
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/16.0/applications/general/email_communication/email_servers.html',
    'https://github.com/odoo/odoo/blob/16.0/addons/mail/models/mail_alias.py',
  ],
  series: { max: '16.0' },
  requires: ['configParameters', 'modules'],
  evaluate({ configParameters, modules }) {
    const mail = modules.find((m) => m.name === 'mail');
    if (!mail || mail.state !== 'installed') return [];
    if (paramIsSet(configParameters, 'mail.catchall.domain')) return [];
    return [
      {
        object: parameterObject('mail.catchall.domain'),
        message: 'mail.catchall.domain is not set: replies and bounces to the mail Odoo sends are not routed back to Odoo.',
        evidence: { 'mail.catchall.alias': configParameters['mail.catchall.alias'] ?? null, 'mail.bounce.alias': configParameters['mail.bounce.alias'] ?? null },
      },
    ];
  },
});
