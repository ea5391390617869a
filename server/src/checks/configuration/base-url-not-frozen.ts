import { defineCheck } from '../types.ts';
import { paramIsSet, parameterObject } from './parameters.ts';

export const baseUrlNotFrozen = defineCheck({
  id: 'configuration.base-url-not-frozen',
  dimension: 'configuration',
  severity: 'low',
  title: 'web.base.url is not frozen',
  rationale:
    "Unless web.base.url.freeze is set, Odoo rewrites web.base.url with the address of the request each time an administrator logs in through the web. One login through an internal address, an IP, a staging domain or a tunnel is enough to make every e-mail and document link point there, until someone notices.",
  remediation:
    'Add the system parameter web.base.url.freeze = True once web.base.url holds the right public address. It is under Settings > Technical > System Parameters; any non-empty value freezes the URL.',
  effortHours: 0.1,
  references: ['https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/res_users.py'],
  requires: ['configParameters'],
  evaluate({ configParameters }) {
    if (paramIsSet(configParameters, 'web.base.url.freeze')) return [];
    const current = configParameters['web.base.url'] ?? null;
    return [
      {
        object: parameterObject('web.base.url.freeze'),
        message: `web.base.url.freeze is not set, so the next administrator login can overwrite web.base.url${current ? ` (now ${current})` : ''}.`,
        evidence: { webBaseUrl: current },
      },
    ];
  },
});
