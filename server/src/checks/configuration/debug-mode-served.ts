import { defineCheck } from '../types.ts';

export const debugModeServed = defineCheck({
  id: 'configuration.debug-mode-served',
  dimension: 'configuration',
  severity: 'medium',
  title: 'Pages served in debug (assets) mode',
  rationale:
    "The public pages were served with Odoo's debug assets although the probe did not ask for debug mode: something (a custom module, a proxy rewriting URLs, a development setting left on) enables it for everyone. Debug assets are unminified and uncached bundles, several times larger and slower for every visitor, and debug mode exposes technical menus and information in the interface.",
  remediation:
    'Find what enables debug mode for every request and remove it. Look for an addon forcing it, a proxy appending ?debug= or a --dev option on a production server; debug mode should only be turned on per user, when needed.',
  effortHours: 1,
  references: [
    'https://www.odoo.com/documentation/18.0/applications/general/developer_mode.html',
    'https://www.odoo.com/documentation/18.0/developer/reference/cli.html',
  ],
  requires: ['http'],
  evaluate({ http }) {
    const pages = (['login', 'root'] as const).filter((name) => http.endpoints[name]?.markers.includes('debug-assets'));
    if (pages.length === 0) return [];
    return [
      {
        object: { kind: 'endpoint', key: http.endpoints[pages[0]].path, label: 'Debug mode' },
        message: `${pages.map((p) => http.endpoints[p].path).join(' and ')} ${pages.length === 1 ? 'was' : 'were'} served with debug assets to an anonymous visitor who did not ask for debug mode.`,
        evidence: { pages: pages.map((p) => ({ path: http.endpoints[p].path, status: http.endpoints[p].status, markers: http.endpoints[p].markers })) },
      },
    ];
  },
});
