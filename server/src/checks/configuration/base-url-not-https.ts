import { hostScope } from '../support/network.ts';
import { defineCheck } from '../types.ts';
import { baseUrl, parameterObject } from './parameters.ts';

export const baseUrlNotHttps = defineCheck({
  id: 'configuration.base-url-not-https',
  dimension: 'configuration',
  severity: 'medium',
  title: 'web.base.url is not https',
  rationale:
    'Odoo builds every absolute link it sends out from the web.base.url system parameter: links in e-mails (invitations, password resets, portal documents), in PDF reports, payment provider callbacks and OAuth redirects. With http:// those links travel unencrypted (session cookies and reset tokens included) or depend on a redirect, and payment providers reject non-https return URLs.',
  remediation:
    'Set web.base.url to the https:// address users reach and freeze it with web.base.url.freeze = True. Make sure the reverse proxy passes the scheme and Odoo runs with proxy_mode = True.',
  effortHours: 0.25,
  references: [
    'https://www.odoo.com/documentation/18.0/administration/on_premise/deploy.html',
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/res_users.py',
  ],
  requires: ['configParameters'],
  evaluate({ configParameters }) {
    const parsed = baseUrl(configParameters);
    // Loopback and private addresses are reported by configuration.base-url-not-public.
    if (!parsed || parsed.url.protocol !== 'http:' || hostScope(parsed.text) !== 'public') return [];
    return [
      {
        object: parameterObject('web.base.url'),
        message: `web.base.url is ${parsed.text}: links Odoo sends in e-mails and documents use plain http.`,
        evidence: { value: parsed.text },
      },
    ];
  },
});
