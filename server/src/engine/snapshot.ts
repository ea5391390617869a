/**
 * Reading a saved facts snapshot back (replay): the file may come from another version of the tool,
 * from a person's editor, or be something else entirely, so its shape is checked before any check
 * runs on it and every problem is one sentence naming what is wrong.
 */
import { FACT_KEYS, FACTS_SCHEMA_VERSION, type FactKey, type Facts } from '../facts/types.ts';

/** The facts schema versions this build can replay. */
export const SUPPORTED_FACTS_SCHEMA_VERSIONS: readonly number[] = [FACTS_SCHEMA_VERSION];

export class FactsSnapshotError extends Error {
  override name = 'FactsSnapshotError';
}

/** Groups whose collected value is a list; every other group holds one object. */
const LIST_GROUPS: ReadonlySet<FactKey> = new Set<FactKey>([
  'modules', 'moduleDependencies', 'users', 'groups', 'apiKeys', 'models', 'accessRules', 'recordRules',
  'crons', 'mailServers', 'incomingMailServers', 'serverActions', 'automations', 'customViews', 'companies',
  'languages',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function checkGroup(key: FactKey, group: unknown): void {
  if (!isRecord(group)) {
    throw new FactsSnapshotError(`the "${key}" fact group is ${describe(group)}, expected an object with a status`);
  }
  if (group.status === 'not_collected') {
    if (typeof group.reason !== 'string') {
      throw new FactsSnapshotError(`the "${key}" fact group is not collected but gives no reason (a string)`);
    }
    return;
  }
  if (group.status !== 'collected') {
    throw new FactsSnapshotError(
      `the "${key}" fact group has status ${JSON.stringify(group.status)}, expected "collected" or "not_collected"`,
    );
  }
  const value = group.value;
  if (LIST_GROUPS.has(key) ? !Array.isArray(value) : !isRecord(value)) {
    throw new FactsSnapshotError(
      `the "${key}" fact group's value is ${describe(value)}, expected ${LIST_GROUPS.has(key) ? 'a list' : 'an object'}`,
    );
  }
}

/** The server group drives series applicability, so its two strings must really be strings. */
function checkServer(server: Record<string, unknown>): void {
  if (server.status !== 'collected') return;
  const value = server.value as Record<string, unknown>;
  for (const field of ['series', 'serverVersion'] as const) {
    if (typeof value[field] !== 'string') {
      throw new FactsSnapshotError(`the server fact's "${field}" is ${describe(value[field])}, expected a string`);
    }
  }
}

/**
 * Returns the input as Facts when it is a facts snapshot of a supported schema version, or throws a
 * FactsSnapshotError saying what is wrong.
 */
export function parseFactsSnapshot(input: unknown): Facts {
  if (!isRecord(input)) {
    throw new FactsSnapshotError(`not an odoo-pulse facts snapshot: the JSON is ${describe(input)}, not an object`);
  }
  if ('pulse' in input && !('server' in input)) {
    throw new FactsSnapshotError(
      'this is a scan report, not a facts snapshot; save facts with "odoo-pulse scan … --save-facts FILE"',
    );
  }
  if (!('schemaVersion' in input)) {
    throw new FactsSnapshotError('not an odoo-pulse facts snapshot: it has no "schemaVersion"');
  }
  if (typeof input.schemaVersion !== 'number' || !SUPPORTED_FACTS_SCHEMA_VERSIONS.includes(input.schemaVersion)) {
    throw new FactsSnapshotError(
      `facts snapshot schemaVersion ${JSON.stringify(input.schemaVersion)} is not supported ` +
        `(this odoo-pulse reads version ${SUPPORTED_FACTS_SCHEMA_VERSIONS.join(', ')})`,
    );
  }
  if (typeof input.collectedAt !== 'string' || Number.isNaN(Date.parse(input.collectedAt))) {
    throw new FactsSnapshotError(`the snapshot's "collectedAt" is ${describe(input.collectedAt)}, expected an ISO 8601 date`);
  }
  const target = input.target;
  if (!isRecord(target) || typeof target.url !== 'string') {
    throw new FactsSnapshotError('the snapshot\'s "target" is missing or has no "url"');
  }
  if (!Array.isArray(input.collectors)) {
    throw new FactsSnapshotError('the snapshot\'s "collectors" is missing or not a list');
  }
  const missing = FACT_KEYS.filter((key) => !(key in input));
  if (missing.length > 0) {
    throw new FactsSnapshotError(`the snapshot lacks the fact group${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  for (const key of FACT_KEYS) checkGroup(key, input[key]);
  checkServer(input.server as Record<string, unknown>);
  return input as unknown as Facts;
}
