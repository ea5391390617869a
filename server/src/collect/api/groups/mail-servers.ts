/**
 * ir.mail_server: outgoing mail servers. The field list leaves out smtp_pass and every OAuth token
 * field, so no credential is ever read; smtp_user is read only to say whether a login is set.
 */
import type { MailServerFact } from '../../../facts/types.ts';
import { bool, nonEmptyStr, num, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const MAIL_SERVER_FIELDS = ['name', 'smtp_host', 'smtp_port', 'smtp_encryption', 'smtp_authentication', 'smtp_user', 'active'];

export function mapMailServer(record: OdooRecord): MailServerFact {
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    host: nonEmptyStr(record.smtp_host),
    port: num(record.smtp_port),
    encryption: nonEmptyStr(record.smtp_encryption) ?? 'none',
    authentication: nonEmptyStr(record.smtp_authentication),
    active: bool(record.active),
    hasUser: nonEmptyStr(record.smtp_user) !== null,
  };
}

export const mailServersReader = defineReader({
  key: 'mailServers',
  model: 'ir.mail_server',
  read: async ({ session }) =>
    (await session.searchRead('ir.mail_server', [], MAIL_SERVER_FIELDS, { order: 'id', includeArchived: true })).map(mapMailServer),
});
