import { hostScope } from '../support/network.ts';
import { defineCheck } from '../types.ts';
import { baseUrl, parameterObject } from './parameters.ts';

export const baseUrlNotPublic = defineCheck({
  id: 'configuration.base-url-not-public',
  dimension: 'configuration',
  severity: 'medium',
  title: 'web.base.url points to a local or private address',
  rationale:
    "Odoo builds the links in e-mails, portal invitations, password resets, PDF reports and payment callbacks from web.base.url. When it names localhost, a loopback or private IP or an internal host name, every recipient outside that network gets links that lead nowhere, and external services (payment providers, OAuth) cannot call back. It usually happens when an administrator first logs in through an internal address and the parameter is not frozen.",
  remediation:
    'Set web.base.url to the public address users and customers reach and set web.base.url.freeze = True. Freezing stops the next administrator login through another address from overwriting it.',
  effortHours: 0.25,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/res_users.py',
    'https://www.odoo.com/documentation/18.0/administration/on_premise/deploy.html',
  ],
  requires: ['configParameters'],
  evaluate({ configParameters }) {
    const parsed = baseUrl(configParameters);
    if (!parsed) return [];
    const scope = hostScope(parsed.text);
    if (scope === 'public') return [];
    return [
      {
        object: parameterObject('web.base.url'),
        severity: scope === 'loopback' ? undefined : 'low',
        message:
          scope === 'loopback'
            ? `web.base.url is ${parsed.text}, a loopback address: links in e-mails and documents point to the recipient's own machine.`
            : `web.base.url is ${parsed.text}, a private address: links in e-mails and documents only work inside that network.`,
        evidence: { value: parsed.text, scope },
      },
    ];
  },
});
