/** Incoming (IMAP/POP) servers fetched without SSL expose the mailbox password and the mail. */
import { isLoopbackHost } from '../support/network.ts';
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const incomingMailServerWithoutTls = defineCheck({
  id: 'security.incoming-mail-server-without-tls',
  dimension: 'security',
  severity: 'high',
  title: 'Incoming mail server fetched without SSL/TLS',
  rationale:
    'An IMAP or POP server fetched without SSL/TLS sends the mailbox password and every incoming message in clear text.',
  remediation:
    'Tick "SSL/TLS" on the incoming mail server (Settings > Technical > Incoming Mail Servers) and use the secure port (IMAPS 993, POP3S 995). ' +
    'Then use "Test & Confirm" to check the connection.',
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/17.0/applications/general/email_communication/email_servers.html',
    REF.owaspTlsCheatSheet,
  ],
  requires: ['incomingMailServers'],
  evaluate: ({ incomingMailServers }) =>
    incomingMailServers
      // Local (on-server) delivery has no network leg; only IMAP and POP connect to a host.
      .filter((s) => s.active && s.isSsl === false && (s.serverType === 'imap' || s.serverType === 'pop'))
      .map((s) => {
        const local = isLoopbackHost(s.host);
        return {
          object: { kind: 'mail_server' as const, key: `incoming:${s.id}`, label: s.name },
          message: `Incoming ${s.serverType?.toUpperCase()} server "${s.name}" (${s.host ?? 'no host'}${s.port !== null ? `:${s.port}` : ''}) is fetched without SSL/TLS${local ? ' (from this machine)' : ''}.`,
          severity: local ? ('low' as const) : ('high' as const),
          evidence: { host: s.host, port: s.port, type: s.serverType, state: s.state },
        };
      }),
});
