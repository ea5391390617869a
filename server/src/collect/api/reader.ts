/**
 * The shape of one fact group's reader. Each reader reads what it needs through the session and maps
 * Odoo records to fact types; it may wait on another group's value (e.g. access rules resolve model
 * ids through the models group) without reading it twice.
 */
import type { FactKey, FactValue } from '../../facts/types.ts';
import type { OdooSession } from '../../odoo/types.ts';
import type { OdooRecord } from './values.ts';

/** Fact groups the API collector fills (every group but the HTTP probe's). */
export type ApiFactKey = Exclude<FactKey, 'http'>;

export interface ApiReadContext {
  session: OdooSession;
  /** How the scanning user authenticated. */
  authMethod: 'password' | 'api_key';
  /** Another group's value, or null when that group could not be collected. Each group is read once. */
  fact<K extends ApiFactKey>(key: K): Promise<FactValue<K> | null>;
}

export interface ApiFactReader<K extends ApiFactKey = ApiFactKey> {
  key: K;
  /** The model the group is mainly read from, named in progress steps and gap reasons. */
  model: string;
  read(context: ApiReadContext): Promise<FactValue<K>>;
}

/** A reader of any one group (the union keeps each reader's key tied to its value type). */
export type AnyApiFactReader = { [K in ApiFactKey]: ApiFactReader<K> }[ApiFactKey];

/** Declares a reader with its key and value type tied together. */
export function defineReader<K extends ApiFactKey>(reader: ApiFactReader<K>): ApiFactReader<K> {
  return reader;
}

/** ir.model id → technical model name, from the models group (empty when it was not collected). */
export async function modelNamesById(context: ApiReadContext): Promise<Map<number, string>> {
  const models = await context.fact('models');
  return new Map((models ?? []).map((m) => [m.id, m.model]));
}

/**
 * Every record of `model`, archived ones included, in id order, each mapped with the models group's
 * technical names (for groups whose records point at a model by id).
 */
export async function readAllWithModelNames<T>(
  context: ApiReadContext,
  model: string,
  fields: string[],
  map: (record: OdooRecord, modelNames: Map<number, string>) => T,
): Promise<T[]> {
  const [rows, modelNames] = await Promise.all([
    context.session.searchRead(model, [], fields, { order: 'id', includeArchived: true }),
    modelNamesById(context),
  ]);
  return rows.map((row) => map(row, modelNames));
}
