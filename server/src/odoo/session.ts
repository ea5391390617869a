/**
 * An authenticated connection to one Odoo database: the reads collectors need, adapted to the series.
 */
import { invalidFieldOf } from './errors.ts';
import type { RpcRunner } from './rpc-runner.ts';
import {
  OdooError,
  type Domain, type FieldsGetResult, type OdooSession, type SearchReadOptions, type VersionInfo,
} from './types.ts';

const FIELD_ATTRIBUTES = ['type', 'string', 'relation'];

export class Session implements OdooSession {
  private readonly fieldsCache = new Map<string, Promise<FieldsGetResult>>();

  constructor(
    private readonly runner: RpcRunner,
    readonly version: VersionInfo,
    readonly uid: number,
  ) {}

  get database(): string {
    return this.runner.context.database;
  }

  get login(): string {
    return this.runner.context.login;
  }

  get stats(): { calls: number; rounds: number } {
    return this.runner.stats;
  }

  executeKw<T = unknown>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
    const { database, secret } = this.runner.context;
    return this.runner.call('object', 'execute_kw', [database, this.uid, secret, model, method, args, kwargs], {
      call: `${model}.${method}`,
      model,
    }) as Promise<T>;
  }

  fieldsGet(model: string): Promise<FieldsGetResult> {
    let cached = this.fieldsCache.get(model);
    if (!cached) {
      cached = this.executeKw<FieldsGetResult>(model, 'fields_get', [], { attributes: FIELD_ATTRIBUTES });
      this.fieldsCache.set(model, cached);
      // a failure is not cached: the next caller asks again
      cached.catch(() => this.fieldsCache.delete(model));
    }
    return cached;
  }

  /**
   * One field list serves every series: fields this server lacks are dropped using fields_get. It is
   * fetched when Odoo first reports an invalid field on the model (or reused if already known), so a
   * list that fits costs no extra call.
   */
  async searchRead<T = Record<string, unknown>>(model: string, domain: Domain, fields: string[], options: SearchReadOptions = {}): Promise<T[]> {
    const kwargs: Record<string, unknown> = {
      ...(options.offset !== undefined && { offset: options.offset }),
      ...(options.limit !== undefined && { limit: options.limit }),
      ...(options.order !== undefined && { order: options.order }),
      ...(options.includeArchived && { context: { active_test: false } }),
    };
    const read = (list: string[]) => this.executeKw<T[]>(model, 'search_read', [domain], { fields: list, ...kwargs });
    const wanted = this.fieldsCache.has(model) ? await this.keepExisting(model, fields) : fields;
    try {
      return await read(wanted);
    } catch (error) {
      const invalid = error instanceof OdooError && error.kind === 'unknown_field' ? invalidFieldOf(error) : null;
      if (!invalid || invalid.model !== model || !wanted.includes(invalid.field)) throw error;
      const kept = await this.keepExisting(model, wanted);
      if (kept.length === wanted.length) throw error;
      return read(kept);
    }
  }

  private async keepExisting(model: string, fields: string[]): Promise<string[]> {
    if (fields.length === 0) return fields;
    const known = await this.fieldsGet(model);
    const kept = fields.filter((f) => f === 'id' || f in known);
    // an empty list would mean "every field" to Odoo
    return kept.length > 0 ? kept : ['id'];
  }

  searchCount(model: string, domain: Domain, options: { includeArchived?: boolean } = {}): Promise<number> {
    return this.executeKw<number>(model, 'search_count', [domain], options.includeArchived ? { context: { active_test: false } } : {});
  }

  readGroup<T = Record<string, unknown>>(model: string, domain: Domain, fields: string[], groupBy: string[]): Promise<T[]> {
    return this.executeKw<T[]>(model, 'read_group', [domain, fields, groupBy], { lazy: true });
  }
}
