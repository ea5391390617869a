import { defineCheck } from '../types.ts';

export const noOutgoingMailServer = defineCheck({
  id: 'configuration.no-outgoing-mail-server',
  dimension: 'configuration',
  severity: 'low',
  title: 'No outgoing mail server configured',
  rationale:
    "Without an active outgoing mail server record, an on-premise Odoo sends mail through the smtp_server of its configuration file, localhost:25 by default. Unless a local mail relay was set up deliberately, mail either fails (and piles up in exception) or leaves from a server without the SPF/DKIM alignment of the company's domain and lands in spam. (On Odoo.sh the platform configures that fallback itself: accept the finding there.)",
  remediation:
    "Configure the company's SMTP relay in Settings > Technical > Outgoing Mail Servers and test the connection. Use TLS and authentication; if a local relay is intended, document it and check that mail actually gets delivered.",
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/18.0/applications/general/email_communication.html',
    'https://www.odoo.com/documentation/18.0/developer/reference/cli.html',
  ],
  requires: ['mailServers', 'server'],
  evaluate({ mailServers, server }) {
    // Odoo Online (saas builds) sends mail through Odoo's own servers.
    if (server.saas || mailServers.some((s) => s.active)) return [];
    const archived = mailServers.length;
    return [
      {
        object: { kind: 'mail_server', key: 'outgoing', label: 'Outgoing mail' },
        message:
          archived > 0
            ? `No outgoing mail server is active (${archived} archived): Odoo falls back to the smtp_server of its configuration file.`
            : 'No outgoing mail server is configured: Odoo falls back to the smtp_server of its configuration file (localhost:25 by default).',
        evidence: { archivedServers: mailServers.map((s) => ({ id: s.id, name: s.name, host: s.host })) },
      },
    ];
  },
});
