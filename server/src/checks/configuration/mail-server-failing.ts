import { defineCheck } from '../types.ts';
import { CONNECTION_FAILURE_RE, failureReasons } from '../performance/mail-failures.ts';

export const mailServerFailing = defineCheck({
  id: 'configuration.mail-server-failing',
  dimension: 'configuration',
  severity: 'medium',
  title: 'Outgoing mail server unreachable or refusing the login',
  rationale:
    "When the failed outgoing mails all say the SMTP server could not be reached or refused the credentials (connection refused, time-out, unknown host, TLS or authentication error), the problem is the mail server configuration itself, not individual recipients: every mail Odoo sends fails the same way until the host, port, encryption or credentials are fixed.",
  remediation:
    "Correct the outgoing server's host, port, encryption and credentials, then retry the failed mails. Use Test Connection in Settings > Technical > Outgoing Mail Servers to check that Odoo can reach the server from its own network.",
  effortHours: 1,
  references: [
    'https://www.odoo.com/documentation/18.0/applications/general/email_communication.html',
    'https://github.com/odoo/odoo/blob/18.0/odoo/addons/base/models/ir_mail_server.py',
  ],
  requires: ['mailServers', 'mailQueue'],
  evaluate({ mailServers, mailQueue }) {
    const connectionFailures = failureReasons(mailQueue).filter((r) => CONNECTION_FAILURE_RE.test(r.reason));
    const failed = connectionFailures.reduce((sum, r) => sum + r.count, 0);
    if (failed === 0) return [];
    const active = mailServers.filter((s) => s.active);
    const reasons = connectionFailures.map((r) => `'${r.reason}' (${r.count})`).join(', ');
    // The failed mails do not say which server they used: name it when there is only one.
    if (active.length === 1) {
      const server = active[0];
      return [
        {
          object: { kind: 'mail_server', key: String(server.id), label: server.name },
          message: `Outgoing mail server '${server.name}' (${server.host ?? 'no host'}:${server.port ?? '?'}, ${server.encryption}) fails to deliver: ${failed} recent failed mail${failed === 1 ? '' : 's'} say ${reasons}.`,
          evidence: { host: server.host, port: server.port, encryption: server.encryption, reasons: connectionFailures },
        },
      ];
    }
    return [
      {
        object: { kind: 'mail_server', key: 'outgoing', label: 'Outgoing mail' },
        message:
          `${failed} recent failed mail${failed === 1 ? '' : 's'} could not reach an SMTP server: ${reasons}` +
          (active.length === 0 ? ' (no outgoing server is configured, so Odoo used the one of its configuration file).' : ` (${active.length} active servers).`),
        evidence: { activeServers: active.map((s) => ({ id: s.id, name: s.name, host: s.host, port: s.port })), reasons: connectionFailures },
      },
    ];
  },
});
