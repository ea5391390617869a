/**
 * A fake OdooSession answering from the recorded fixtures, for unit tests of the API collector
 * without a network. A call recorded with the same domain gets the recorded answer; otherwise the
 * union of the model's recorded records is filtered with a small domain evaluator. Fields no recorded
 * record has are dropped, as the real connector drops fields the series lacks.
 */
import { OdooError, type Domain, type FieldsGetResult, type OdooSession, type SearchReadOptions, type VersionInfo } from '../../../server/src/odoo/types.ts';
import { fixture, fixtureIndex, type Series } from './fixtures.ts';

type Row = Record<string, unknown>;

export interface FakeCall {
  model: string;
  method: string;
  domain: Domain;
  fields?: string[];
}

export interface FixtureSessionOptions {
  uid?: number;
  login?: string;
  /** Models whose every call fails with an access error. */
  deny?: string[];
  /** Models that behave as not installed. */
  missing?: string[];
}

export class FixtureSession implements OdooSession {
  readonly version: VersionInfo;
  readonly uid: number;
  readonly database: string;
  readonly login: string;
  readonly stats = { calls: 0, rounds: 0 };
  readonly calls: FakeCall[] = [];
  private readonly deny: Set<string>;
  private readonly missing: Set<string>;

  constructor(
    readonly series: Series,
    options: FixtureSessionOptions = {},
  ) {
    this.version = fixture(series, 'xmlrpc.common.version.json').response as VersionInfo;
    this.database = fixtureIndex(series).database;
    this.uid = options.uid ?? 2;
    this.login = options.login ?? 'admin';
    this.deny = new Set(options.deny ?? []);
    this.missing = new Set(options.missing ?? []);
  }

  async executeKw<T>(model: string, method: string): Promise<T> {
    this.guard(model, method, []);
    throw new OdooError('fault', `executeKw ${model}.${method} is not faked`);
  }

  async fieldsGet(model: string): Promise<FieldsGetResult> {
    this.guard(model, 'fields_get', []);
    const fields: FieldsGetResult = {};
    for (const row of this.union(model)) for (const name of Object.keys(row)) fields[name] = { type: 'unknown', string: name };
    return fields;
  }

  async searchRead<T = Row>(model: string, domain: Domain, fields: string[], options: SearchReadOptions = {}): Promise<T[]> {
    this.guard(model, 'search_read', domain, fields);
    const exact = this.recorded(model, 'search_read', domain);
    let rows = exact ? (exact as Row[]) : this.union(model).filter((r) => matches(r, domain));
    rows = sortRows(rows, options.order);
    if (options.offset) rows = rows.slice(options.offset);
    if (options.limit) rows = rows.slice(0, options.limit);
    return rows.map((r) => project(r, fields)) as T[];
  }

  async searchCount(model: string, domain: Domain, options: { includeArchived?: boolean } = {}): Promise<number> {
    this.guard(model, 'search_count', domain);
    const recorded = this.recordedFile(model, 'search_count', domain, options.includeArchived ?? false);
    if (recorded !== undefined) return recorded as number;
    const union = this.union(model);
    if (union.length === 0) throw new OdooError('unknown_model', `Object ${model} doesn't exist`, { model });
    return union.filter((r) => matches(r, domain)).length;
  }

  async readGroup<T = Row>(model: string, domain: Domain, _fields: string[], groupBy: string[]): Promise<T[]> {
    this.guard(model, 'read_group', domain);
    const exact = this.recorded(model, 'read_group', domain, groupBy);
    if (exact) return exact as T[];
    const field = groupBy[0];
    const counts = new Map<string, { value: unknown; count: number }>();
    for (const row of this.union(model).filter((r) => matches(r, domain))) {
      const key = JSON.stringify(row[field]);
      const entry = counts.get(key) ?? { value: row[field], count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    return [...counts.values()].map((e) => ({ [field]: e.value, [`${field}_count`]: e.count })) as T[];
  }

  private guard(model: string, method: string, domain: Domain, fields?: string[]): void {
    this.stats.calls += 1;
    this.calls.push({ model, method, domain, ...(fields ? { fields } : {}) });
    if (this.missing.has(model)) throw new OdooError('unknown_model', `Object ${model} doesn't exist`, { model });
    if (this.deny.has(model)) {
      throw new OdooError('access_denied', `You are not allowed to access '${model}' records.`, {
        model,
        detail: `You are not allowed to access '${model}' records.`,
      });
    }
  }

  private objectFiles(model: string, method: string) {
    return fixtureIndex(this.series).files.filter(
      (f) => f.ok && f.request.transport === 'xmlrpc' && f.request.model === model && f.request.model_method === method,
    );
  }

  private recorded(model: string, method: string, domain: Domain, groupBy?: string[]): unknown {
    for (const file of this.objectFiles(model, method)) {
      const args = file.request.model_args ?? [];
      if (JSON.stringify(args[0]) !== JSON.stringify(domain)) continue;
      if (groupBy && JSON.stringify(args[2]) !== JSON.stringify(groupBy)) continue;
      return structuredClone(fixture(this.series, file.file).response);
    }
    return undefined;
  }

  private recordedFile(model: string, method: string, domain: Domain, includeArchived: boolean): unknown {
    for (const file of this.objectFiles(model, method)) {
      const args = file.request.model_args ?? [];
      const context = (file.request.kwargs?.context ?? {}) as { active_test?: boolean };
      if (JSON.stringify(args[0]) !== JSON.stringify(domain)) continue;
      if ((context.active_test === false) !== includeArchived) continue;
      return fixture(this.series, file.file).response;
    }
    return undefined;
  }

  /** Every record of the model in any recorded search_read, merged by id. */
  private union(model: string): Row[] {
    const byId = new Map<unknown, Row>();
    for (const file of this.objectFiles(model, 'search_read')) {
      const response = fixture(this.series, file.file).response;
      if (!Array.isArray(response)) continue;
      for (const row of response as Row[]) byId.set(row.id, { ...(byId.get(row.id) ?? {}), ...structuredClone(row) });
    }
    return [...byId.values()];
  }
}

function project(row: Row, fields: string[]): Row {
  if (fields.length === 0) return row;
  const out: Row = { id: row.id };
  for (const field of fields) if (field in row) out[field] = row[field];
  return out;
}

function sortRows(rows: Row[], order: string | undefined): Row[] {
  if (!order) return rows;
  const [field, direction] = order.trim().split(/\s+/);
  const sign = direction?.toLowerCase() === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[field] as string | number;
    const y = b[field] as string | number;
    return x < y ? -sign : x > y ? sign : 0;
  });
}

function matches(row: Row, domain: Domain): boolean {
  return domain.every((leaf) => {
    if (!Array.isArray(leaf)) throw new Error(`the fake session only evaluates AND-ed leaves, not ${JSON.stringify(leaf)}`);
    const [field, operator, value] = leaf as [string, string, unknown];
    const actual = Array.isArray(row[field]) && (row[field] as unknown[]).length === 2 ? (row[field] as unknown[])[0] : row[field];
    switch (operator) {
      case '=':
        return actual === value;
      case '!=':
        return actual !== value;
      case 'in':
        return (value as unknown[]).includes(actual);
      case 'not in':
        return !(value as unknown[]).includes(actual);
      default:
        throw new Error(`the fake session does not evaluate operator ${operator}`);
    }
  });
}
