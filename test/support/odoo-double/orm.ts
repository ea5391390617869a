/**
 * The ORM methods the double answers (search_read, search_count, read, read_group, fields_get),
 * evaluated on the double's mutable records the way Odoo does, or answered from the exact recorded
 * call. Whatever it cannot answer faithfully throws CannotAnswer; Odoo's own errors throw FaultError.
 */
import { activeTestOf, specForAddedModel, type Catalog, type ModelSpec, type RecordedAnswer } from './catalog.ts';
import {
  CannotAnswer, domainFields, evaluate, implies, normalizeDomain, parseDomain, withActiveTest,
  type DomainNode, type OdooRecord,
} from './domain.ts';
import { FaultError, type Faults } from './faults.ts';
import { PyFloat } from './wire.ts';

/** Records per model; tests change them between scans. */
export type DoubleData = Record<string, OdooRecord[]>;

type Kwargs = Record<string, unknown>;

const RECORDED_ATTRIBUTES = ['relation', 'string', 'type'];

const SIGNATURES: Record<string, string[]> = {
  search_read: ['domain', 'fields', 'offset', 'limit', 'order'],
  search_count: ['domain', 'limit'],
  read: ['ids', 'fields', 'load'],
  read_group: ['domain', 'fields', 'groupby', 'offset', 'limit', 'orderby', 'lazy'],
  fields_get: ['allfields', 'attributes'],
};

/** Binds positional and keyword arguments like Python would; `context` is kept aside. */
function bind(method: string, args: unknown[], kwargs: Kwargs): Kwargs {
  const names = SIGNATURES[method];
  if (args.length > names.length) throw new CannotAnswer(`${method} got ${args.length} positional arguments`);
  const bound: Kwargs = {};
  args.forEach((value, i) => (bound[names[i]] = value));
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'context') continue;
    if (!names.includes(key)) throw new CannotAnswer(`${method} got an unexpected keyword argument '${key}'`);
    if (key in bound) throw new CannotAnswer(`${method} got multiple values for argument '${key}'`);
    bound[key] = value;
  }
  return bound;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function fieldList(value: unknown, what: string): string[] {
  if (value === undefined || value === null || value === false) return [];
  if (!Array.isArray(value) || !value.every((f) => typeof f === 'string')) throw new CannotAnswer(`${what} must be a list of field names`);
  return value;
}

interface OrderTerm {
  field: string;
  desc: boolean;
  nullsFirst: boolean;
}

function parseOrder(order: unknown, spec: ModelSpec): OrderTerm[] {
  if (order === undefined || order === null || order === false || order === '') return [];
  if (typeof order !== 'string') throw new CannotAnswer(`order must be a string, got ${JSON.stringify(order)}`);
  return order.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    const [field, direction = 'asc', ...rest] = words;
    const desc = direction.toLowerCase() === 'desc';
    if (!['asc', 'desc'].includes(direction.toLowerCase()) || !spec.knownFields.includes(field)) {
      throw new CannotAnswer(`the order '${order}' (Odoo's error for it was not recorded)`);
    }
    const nulls = rest.join(' ').toLowerCase();
    return { field, desc, nullsFirst: nulls === 'nulls first' ? true : nulls === 'nulls last' ? false : desc };
  });
}

function sortRecords(records: OdooRecord[], terms: OrderTerm[], model: string): OdooRecord[] {
  if (terms.length === 0) return records;
  for (const { field } of terms) {
    for (const record of records) {
      if (!(field in record)) throw new CannotAnswer(`no recorded value of field '${field}' for ${model} id ${String(record.id)} (needed to sort)`);
      const value = record[field];
      if (Array.isArray(value)) throw new CannotAnswer(`ordering ${model} by the relational field '${field}' (the related model's order is not recorded)`);
    }
  }
  const booleanField = new Set(terms.filter((t) => records.some((r) => r[t.field] === true)).map((t) => t.field));
  const isNull = (field: string, value: unknown) => value === null || value === undefined || (value === false && !booleanField.has(field));
  return [...records].sort((a, b) => {
    for (const { field, desc, nullsFirst } of terms) {
      const va = a[field];
      const vb = b[field];
      const na = isNull(field, va);
      const nb = isNull(field, vb);
      if (na || nb) {
        if (na && nb) continue;
        return na === nullsFirst ? -1 : 1;
      }
      const x = typeof va === 'boolean' ? Number(va) : va;
      const y = typeof vb === 'boolean' ? Number(vb) : vb;
      if (typeof x !== typeof y) throw new CannotAnswer(`cannot order ${model} by '${field}': mixed value types`);
      if (x === y) continue;
      const less = (x as number | string) < (y as number | string);
      return (less ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
}

export class Orm {
  private readonly addedSpecs = new Map<string, ModelSpec>();

  constructor(
    private readonly catalog: Catalog,
    private readonly data: DoubleData,
    private readonly faults: Faults,
  ) {}

  /** Whether `method` is one the double computes (others are answered only from an identical recording). */
  serves(method: string): boolean {
    return method in SIGNATURES;
  }

  /** The model's spec, or null when the model is unknown (not recorded, not added by a test). */
  spec(model: string): ModelSpec | null {
    const recorded = this.catalog.models.get(model);
    if (recorded) return recorded;
    const added = this.data[model];
    if (!added) return null;
    const spec = specForAddedModel(model, added);
    this.addedSpecs.set(model, spec);
    return spec;
  }

  call(model: string, method: string, args: unknown[], kwargs: Kwargs): unknown {
    const spec = this.spec(model);
    if (!spec) throw new FaultError(this.faults.unknownModel(model));
    const context = (kwargs.context ?? {}) as Kwargs;
    if (typeof context !== 'object' || Array.isArray(context)) throw new CannotAnswer(`the context ${JSON.stringify(context)} is not a dict`);
    switch (method) {
      case 'search_read': return this.searchRead(spec, bind(method, args, kwargs), kwargs);
      case 'search_count': return this.searchCount(spec, bind(method, args, kwargs), kwargs);
      case 'read': return this.read(spec, bind(method, args, kwargs));
      case 'read_group': return this.readGroup(spec, bind(method, args, kwargs), kwargs);
      case 'fields_get': return this.fieldsGet(spec, bind(method, args, kwargs));
      default: throw new CannotAnswer(`the method '${method}' is not served by the double`);
    }
  }

  private records(spec: ModelSpec): OdooRecord[] {
    return this.data[spec.name] ?? [];
  }

  private requireFieldsKnown(spec: ModelSpec): void {
    if (spec.knownFields.length === 0) {
      throw new CannotAnswer(`no records of ${spec.name} were recorded, only counts for some domains`);
    }
  }

  /** The effective domain if the double holds every record it selects; null otherwise. */
  private coveredDomain(spec: ModelSpec, domain: unknown, activeTest: boolean): DomainNode | null {
    if (spec.knownFields.length === 0) return null;
    const node = parseDomain(domain ?? []);
    if (!domainFields(node).every((f) => spec.knownFields.includes(f) && !spec.unsearchable.has(f))) return null;
    const effective = withActiveTest(node, spec.hasActive, activeTest);
    const covered = spec.coverages.some((c) => implies(effective, withActiveTest(c.domain, spec.hasActive, c.activeTest)));
    return covered ? effective : null;
  }

  private uncovered(spec: ModelSpec, domain: unknown, activeTest: boolean): CannotAnswer {
    const unknown = domainFields(parseDomain(domain ?? [])).filter((f) => !spec.knownFields.includes(f));
    if (spec.knownFields.length > 0 && unknown.length > 0) {
      return new CannotAnswer(`the domain uses field(s) ${unknown.join(', ')} that ${spec.name} has no recorded values for`);
    }
    const recorded = spec.coverages.map((c) => c.source).join(', ') || 'none';
    return new CannotAnswer(
      `not every ${spec.name} record matching ${JSON.stringify(domain ?? [])}${activeTest ? '' : ' (active_test off)'} was recorded (records recorded from: ${recorded})`,
    );
  }

  private project(spec: ModelSpec, record: OdooRecord, fields: string[]): OdooRecord {
    const names = fields.length > 0 ? ['id', ...fields.filter((f) => f !== 'id')] : spec.knownFields;
    const out: OdooRecord = {};
    for (const name of names) {
      if (!(name in record)) throw new CannotAnswer(`the value of ${spec.name}.${name} was not recorded for id ${String(record.id)}`);
      const value = record[name];
      out[name] = typeof value === 'number' && spec.floatFields.has(name) ? new PyFloat(value) : value;
    }
    return out;
  }

  private searchRead(spec: ModelSpec, params: Kwargs, kwargs: Kwargs): OdooRecord[] {
    this.requireFieldsKnown(spec);
    const fields = fieldList(params.fields, 'fields');
    const activeTest = activeTestOf(kwargs);
    const unknownInDomain = domainFields(parseDomain(params.domain ?? [])).filter((f) => !spec.knownFields.includes(f));
    if (unknownInDomain.length > 0) throw this.uncovered(spec, params.domain, activeTest);
    // Odoo checks the requested field names before reading anything: this fault needs no records
    const invalid = fields.find((f) => !spec.knownFields.includes(f));
    if (invalid) throw new FaultError(this.faults.unknownField(spec.name, invalid));
    const effective = this.coveredDomain(spec, params.domain, activeTest);
    if (!effective) {
      const recorded = this.recordedAnswer(spec.searchReads, 'search_read', params, activeTest);
      if (recorded) return (recorded as OdooRecord[]).map((r) => this.project(spec, r, Object.keys(r)));
      throw this.uncovered(spec, params.domain, activeTest);
    }
    const matching = this.records(spec).filter((r) => evaluate(effective, r));
    const sorted = sortRecords(matching, parseOrder(params.order, spec), spec.name);
    const offset = typeof params.offset === 'number' ? params.offset : 0;
    const limit = typeof params.limit === 'number' && params.limit > 0 ? params.limit : undefined;
    return sorted.slice(offset, limit === undefined ? undefined : offset + limit).map((r) => this.project(spec, r, fields));
  }

  private searchCount(spec: ModelSpec, params: Kwargs, kwargs: Kwargs): number {
    const activeTest = activeTestOf(kwargs);
    const limit = typeof params.limit === 'number' && params.limit > 0 ? params.limit : Infinity;
    const effective = this.coveredDomain(spec, params.domain, activeTest);
    if (effective) return Math.min(limit, this.records(spec).filter((r) => evaluate(effective, r)).length);
    const recorded = spec.counts.find((c) => deepEqual(c.domain, params.domain ?? []) && c.activeTest === activeTest);
    if (recorded && limit === Infinity) return recorded.count;
    const known = spec.counts.map((c) => `${JSON.stringify(c.domain)}${c.activeTest ? '' : ' (active_test off)'}`).join(', ');
    throw new CannotAnswer(
      `${spec.name} search_count on ${JSON.stringify(params.domain ?? [])}${activeTest ? '' : ' (active_test off)'} was not recorded` +
        (known ? ` (recorded counts: ${known})` : ''),
    );
  }

  private read(spec: ModelSpec, params: Kwargs): OdooRecord[] {
    this.requireFieldsKnown(spec);
    const ids = typeof params.ids === 'number' ? [params.ids] : params.ids;
    if (!Array.isArray(ids)) throw new CannotAnswer(`read needs a list of ids, got ${JSON.stringify(params.ids)}`);
    const fields = fieldList(params.fields, 'fields');
    const invalid = fields.find((f) => !spec.knownFields.includes(f));
    if (invalid) throw new CannotAnswer(`read of the unknown field '${invalid}' on ${spec.name} (Odoo's error for it was not recorded)`);
    const records = this.records(spec);
    return ids.map((id) => {
      const record = records.find((r) => r.id === id);
      if (!record) throw new CannotAnswer(`${spec.name} id ${JSON.stringify(id)} was not recorded`);
      return this.project(spec, record, fields);
    });
  }

  private readGroup(spec: ModelSpec, params: Kwargs, kwargs: Kwargs): OdooRecord[] {
    const domain = (params.domain ?? []) as unknown[];
    const groupBy = typeof params.groupby === 'string' ? [params.groupby] : fieldList(params.groupby, 'groupby');
    const lazy = params.lazy ?? true;
    const activeTest = activeTestOf(kwargs);
    const evaluated = this.evaluateReadGroup(spec, params, domain, groupBy, lazy, activeTest);
    if (evaluated) return evaluated;
    const recorded = this.recordedAnswer(spec.readGroups, 'read_group', params, activeTest);
    if (recorded) return recorded as OdooRecord[];
    throw new CannotAnswer(`${spec.name} read_group by ${groupBy.join(', ')} on ${JSON.stringify(domain)} was neither recorded nor computable from recorded records`);
  }

  /** The recorded answer to the very same call (same arguments once defaults are applied), if any. */
  private recordedAnswer(answers: RecordedAnswer[], method: string, params: Kwargs, activeTest: boolean): unknown {
    const defaults: Kwargs = method === 'read_group'
      ? { domain: [], offset: 0, limit: null, orderby: false, lazy: true }
      : { domain: [], fields: [], offset: 0, limit: null, order: null };
    const key = (bound: Kwargs, test: boolean) =>
      JSON.stringify([SIGNATURES[method].map((name) => bound[name] ?? defaults[name] ?? null), test]);
    const wanted = key(params, activeTest);
    return answers.find((a) => key(bind(method, a.modelArgs, a.kwargs), activeTestOf(a.kwargs)) === wanted)?.response;
  }

  /** Computes a lazy single-field grouping when the double holds every selected record; null when it cannot. */
  private evaluateReadGroup(spec: ModelSpec, params: Kwargs, domain: unknown[], groupBy: string[], lazy: unknown, activeTest: boolean): OdooRecord[] | null {
    if (groupBy.length !== 1 || lazy !== true || params.offset || params.limit || params.orderby) return null;
    const field = groupBy[0];
    const fields = fieldList(params.fields, 'fields');
    if (!spec.knownFields.includes(field) || !fields.every((f) => f === field || f === '__count')) return null;
    const effective = this.coveredDomain(spec, domain, activeTest);
    if (!effective) return null;
    const matching = this.records(spec).filter((r) => evaluate(effective, r));
    const counts = new Map<string | number | boolean, number>();
    for (const record of matching) {
      if (!(field in record)) return null;
      const value = record[field];
      // relational and date groupings have Odoo-side formatting and ordering the double does not know
      if (Array.isArray(value) || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value))) return null;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && value !== null) return null;
      const key = value ?? false;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const values = [...counts.keys()].sort((a, b) => {
      if (a === false) return 1;
      if (b === false) return -1;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    return values.map((value) => ({
      [field]: value,
      [`${field}_count`]: counts.get(value) ?? 0,
      // Odoo: expression.AND([domain, [(field, '=', value)]])
      __domain: domain.length === 0 ? [[field, '=', value]] : ['&', ...normalizeDomain(domain), [field, '=', value]],
    }));
  }

  private fieldsGet(spec: ModelSpec, params: Kwargs): Record<string, unknown> {
    const attributes = fieldList(params.attributes, 'attributes');
    const only = fieldList(params.allfields, 'allfields');
    // res.users adds attributes of its own to some fields whatever is asked: only the recorded request is answered
    if (JSON.stringify([...attributes].sort()) !== JSON.stringify(RECORDED_ATTRIBUTES)) {
      throw new CannotAnswer(`fields_get with attributes ${JSON.stringify(attributes)} (only ${JSON.stringify(RECORDED_ATTRIBUTES)} was recorded)`);
    }
    const source = spec.fieldsGet ?? this.synthesizedFieldsGet(spec);
    return only.length === 0 ? source : Object.fromEntries(Object.entries(source).filter(([name]) => only.includes(name)));
  }

  /**
   * Models recorded without fields_get: the field names the double knows, with the type read off the
   * recorded values ('unknown' when they do not tell) and the name as label. Documented in README.
   */
  private synthesizedFieldsGet(spec: ModelSpec): Record<string, Record<string, unknown>> {
    this.requireFieldsKnown(spec);
    const records = this.records(spec);
    const out: Record<string, Record<string, unknown>> = {};
    for (const name of spec.knownFields) {
      if (name === 'id') continue;
      out[name] = { type: inferType(name, records, spec), string: name };
    }
    return out;
  }
}

function inferType(field: string, records: OdooRecord[], spec: ModelSpec): string {
  if (spec.floatFields.has(field)) return 'float';
  for (const record of records) {
    const value = record[field];
    if (value === true) return 'boolean';
    if (typeof value === 'number') return 'integer';
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string') return 'many2one';
    if (Array.isArray(value) && value.length > 0) return 'many2many';
    if (typeof value === 'string') {
      if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return 'datetime';
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
      return 'char';
    }
  }
  return 'unknown';
}

/** An answer as plain JSON (Python floats as numbers), to compare with recorded responses. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v instanceof PyFloat ? v.value : v)));
}

function sameRecords(actual: unknown, expected: unknown): boolean {
  const key = (list: unknown) => (Array.isArray(list) ? list.map((r) => JSON.stringify(r)).sort() : []);
  return JSON.stringify(key(plain(actual))) === JSON.stringify(key(expected));
}

/**
 * Replays every recorded call the double can evaluate against its initial records. Where evaluation
 * contradicts the recording (Odoo searched a computed field its own way), the fields of that domain
 * become unsearchable, so the double answers such domains only from the recording itself.
 */
export function calibrate(catalog: Catalog, faults: Faults): void {
  const data: DoubleData = Object.fromEntries(catalog.records);
  for (let round = 0; round < 5; round++) {
    const orm = new Orm(catalog, data, faults);
    let changed = false;
    for (const spec of catalog.models.values()) {
      const checks = [
        ...spec.searchReads.map((a) => ({ method: 'search_read', args: a.modelArgs, kwargs: a.kwargs, expected: a.response, source: a.source })),
        ...spec.readGroups.map((a) => ({ method: 'read_group', args: a.modelArgs, kwargs: a.kwargs, expected: a.response, source: a.source })),
        ...spec.counts.map((c) => ({
          method: 'search_count',
          args: [c.domain],
          kwargs: c.activeTest ? {} : { context: { active_test: false } },
          expected: c.count as unknown,
          source: `${spec.name} search_count ${JSON.stringify(c.domain)}`,
        })),
      ];
      for (const check of checks) {
        let actual: unknown;
        try {
          actual = orm.call(spec.name, check.method, check.args, check.kwargs);
        } catch (error) {
          if (error instanceof CannotAnswer || error instanceof FaultError) continue;
          throw error;
        }
        const agrees = check.method === 'search_read' ? sameRecords(actual, check.expected) : JSON.stringify(plain(actual)) === JSON.stringify(check.expected);
        if (agrees) continue;
        const fields = domainFields(parseDomain(bind(check.method, check.args, check.kwargs).domain ?? []));
        if (fields.length === 0) throw new Error(`odoo-double: ${check.source} contradicts the records built from the fixtures`);
        for (const field of fields) spec.unsearchable.add(field);
        spec.coverages = spec.coverages.filter((c) => !domainFields(c.domain).some((f) => spec.unsearchable.has(f)));
        changed = true;
      }
    }
    if (!changed) return;
  }
}
