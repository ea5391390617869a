import { hostScope } from '../support/network.ts';
import { defineCheck } from '../types.ts';
import { baseUrl, parameterObject } from './parameters.ts';

export const baseUrlMismatch = defineCheck({
  id: 'configuration.base-url-mismatch',
  dimension: 'configuration',
  severity: 'low',
  title: 'web.base.url differs from the scanned address',
  rationale:
    "The instance was registered (and scanned) at one address while Odoo builds its links from another: links in e-mails and documents, portal and payment URLs may lead to an old domain, a staging copy or an address customers cannot reach. Sometimes both addresses are valid (an internal and a public name), but it is worth confirming.",
  remediation:
    'Confirm which address customers should use and set web.base.url to it, with web.base.url.freeze = True. If the scanned address is an internal one, register the public address for scanning instead.',
  effortHours: 0.25,
  references: [
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/res_users.py',
    'https://www.odoo.com/documentation/18.0/administration/on_premise/deploy.html',
  ],
  requires: ['configParameters', 'http'],
  evaluate({ configParameters, http }) {
    const parsed = baseUrl(configParameters);
    if (!parsed) return [];
    let scanned: URL;
    try {
      scanned = new URL(http.baseUrl);
    } catch {
      return [];
    }
    // Same host with another scheme is configuration.base-url-not-https's; a local host, -not-public's.
    if (parsed.url.hostname.toLowerCase() === scanned.hostname.toLowerCase() || hostScope(parsed.text) !== 'public') return [];
    return [
      {
        object: parameterObject('web.base.url'),
        message: `web.base.url names ${parsed.url.hostname} but the instance was scanned at ${scanned.hostname}.`,
        evidence: { webBaseUrl: parsed.text, scannedUrl: http.baseUrl },
      },
    ];
  },
});
