/** ir.cron: scheduled actions, inactive ones included. */
import type { CronFact } from '../../../facts/types.ts';
import { bool, m2oId, m2oName, nonEmptyStr, num, optionalNum, str, type OdooRecord } from '../values.ts';
import { defineReader, readAllWithModelNames } from '../reader.ts';

// Up to 17.0 crons have numbercall; 18.0 replaced it with failure_count / first_failure_date. Asking
// for both in one call is a fault on every series, so the connector drops the ones this series lacks.
export const CRON_FIELDS = [
  'name', 'cron_name', 'active', 'interval_number', 'interval_type', 'nextcall', 'lastcall', 'priority', 'user_id',
  'model_id', 'code', 'ir_actions_server_id', 'numbercall', 'failure_count', 'first_failure_date',
];

export function mapCron(record: OdooRecord, modelNames: Map<number, string>): CronFact {
  const modelId = m2oId(record.model_id);
  return {
    id: num(record.id) ?? 0,
    name: nonEmptyStr(record.cron_name) ?? str(record.name) ?? '',
    active: bool(record.active),
    intervalNumber: num(record.interval_number) ?? 0,
    intervalType: str(record.interval_type) ?? '',
    nextcall: nonEmptyStr(record.nextcall),
    lastcall: nonEmptyStr(record.lastcall),
    priority: num(record.priority),
    userId: m2oId(record.user_id),
    userName: m2oName(record.user_id),
    model: modelId === null ? null : (modelNames.get(modelId) ?? null),
    code: nonEmptyStr(record.code),
    failureCount: optionalNum(record, 'failure_count'),
    firstFailureDate: nonEmptyStr(record.first_failure_date),
    numbercall: optionalNum(record, 'numbercall'),
    serverActionId: m2oId(record.ir_actions_server_id),
  };
}

export const cronsReader = defineReader({
  key: 'crons',
  model: 'ir.cron',
  read: (context) => readAllWithModelNames(context, 'ir.cron', CRON_FIELDS, mapCron),
});
