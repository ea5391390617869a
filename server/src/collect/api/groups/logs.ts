/** ir.logging: database log rows (server warnings/errors when log_db is set, and what code logs there). */
import type { LogEntryFact, LogFacts } from '../../../facts/types.ts';
import { countsByGroup } from '../read-group.ts';
import { cut, nonEmptyStr, num, str, type OdooRecord } from '../values.ts';
import { defineReader } from '../reader.ts';

export const RECENT_LOGS_LIMIT = 200;
export const LOG_MESSAGE_MAX = 500;
export const LOG_FIELDS = ['create_date', 'name', 'type', 'level', 'message', 'path', 'func', 'line'];

export function mapLogEntry(record: OdooRecord): LogEntryFact {
  return {
    id: num(record.id) ?? 0,
    createDate: nonEmptyStr(record.create_date),
    name: str(record.name) ?? '',
    type: str(record.type) ?? '',
    level: str(record.level) ?? '',
    message: cut(str(record.message) ?? '', LOG_MESSAGE_MAX),
    path: nonEmptyStr(record.path),
    func: nonEmptyStr(record.func),
    line: nonEmptyStr(record.line),
  };
}

export function mapLogs(total: number, byLevelRows: OdooRecord[], recentRows: OdooRecord[]): LogFacts {
  return { total, byLevel: countsByGroup(byLevelRows, 'level'), recent: recentRows.map(mapLogEntry) };
}

export const logsReader = defineReader({
  key: 'logs',
  model: 'ir.logging',
  read: async ({ session }) => {
    const [total, byLevel, recent] = await Promise.all([
      session.searchCount('ir.logging', []),
      session.readGroup('ir.logging', [], ['level'], ['level']),
      session.searchRead('ir.logging', [], LOG_FIELDS, { order: 'id desc', limit: RECENT_LOGS_LIMIT }),
    ]);
    return mapLogs(total, byLevel, recent);
  },
});
