/** fetchmail.server: incoming mail servers (no password field is read). */
import type { IncomingMailServerFact } from '../../../facts/types.ts';
import { bool, nonEmptyStr, num, optionalBool, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const INCOMING_MAIL_SERVER_FIELDS = ['name', 'server', 'port', 'server_type', 'is_ssl', 'active', 'state'];

export function mapIncomingMailServer(record: OdooRecord): IncomingMailServerFact {
  return {
    id: num(record.id) ?? 0,
    name: str(record.name) ?? '',
    host: nonEmptyStr(record.server),
    port: num(record.port),
    serverType: nonEmptyStr(record.server_type),
    isSsl: optionalBool(record, 'is_ssl'),
    active: bool(record.active),
    state: nonEmptyStr(record.state),
  };
}

export const incomingMailServersReader = defineReader({
  key: 'incomingMailServers',
  model: 'fetchmail.server',
  read: async ({ session }) =>
    (await session.searchRead('fetchmail.server', [], INCOMING_MAIL_SERVER_FIELDS, { order: 'id' })).map(
      mapIncomingMailServer,
    ),
});
