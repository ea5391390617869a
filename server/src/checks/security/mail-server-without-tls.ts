/** Outgoing (SMTP) servers configured without encryption send credentials and mail in clear text. */
import { isLoopbackHost } from '../support/network.ts';
import { REF } from '../support/references.ts';
import { defineCheck } from '../types.ts';

export const mailServerWithoutTls = defineCheck({
  id: 'security.mail-server-without-tls',
  dimension: 'security',
  severity: 'medium',
  title: 'Outgoing mail server without encryption',
  rationale:
    'With "Connection Encryption" set to None, the SMTP login and password and every e-mail (invoices, password-reset ' +
    'links, personal data) cross the network in clear text and can be read or altered on the way.',
  remediation:
    'Set the server\'s Connection Encryption to TLS (STARTTLS, port 587) or SSL/TLS (port 465) in Settings > Technical > Outgoing Mail Servers, then use "Test Connection". ' +
    'If the relay cannot do TLS, replace it with one that can.',
  effortHours: 0.5,
  references: [
    'https://www.odoo.com/documentation/17.0/applications/general/email_communication/email_servers.html',
    REF.owaspTlsCheatSheet,
  ],
  requires: ['mailServers'],
  evaluate: ({ mailServers }) =>
    mailServers
      .filter((s) => s.active && s.encryption === 'none')
      .map((s) => {
        const local = isLoopbackHost(s.host);
        const where = `${s.host ?? 'no host'}${s.port !== null ? `:${s.port}` : ''}`;
        const credentials = s.hasUser ? ' and signs in with a login, so its password travels unencrypted' : '';
        return {
          object: { kind: 'mail_server' as const, key: String(s.id), label: s.name },
          message: local
            ? `Outgoing mail server "${s.name}" (${where}) uses no encryption${credentials}; the host is this machine, so only the local relay sees it.`
            : `Outgoing mail server "${s.name}" (${where}) uses no encryption${credentials}.`,
          severity: local ? ('low' as const) : s.hasUser ? ('high' as const) : ('medium' as const),
          evidence: { host: s.host, port: s.port, encryption: s.encryption, authentication: s.authentication, hasLogin: s.hasUser },
        };
      }),
});
