/**
 * What the double knows about each model, derived from the recorded `xmlrpc.object.*` fixtures:
 * its records (from the widest search_read, completed by the others), its field names, which slices
 * of the real table those records cover, and the exact answers recorded for counts and groupings.
 */
import { CannotAnswer, evaluate, parseDomain, withActiveTest, type DomainNode, type OdooRecord } from './domain.ts';
import type { RpcFixture, SeriesFixtures } from './fixtures.ts';

export type FieldsGet = Record<string, Record<string, unknown>>;

/** Records matching `domain` (under `activeTest`) are all present in the data. */
export interface Coverage {
  domain: DomainNode;
  activeTest: boolean;
  source: string;
}

export interface RecordedCount {
  domain: unknown[];
  activeTest: boolean;
  count: number;
}

/** A recorded call answered verbatim when the double cannot compute it (read_group, search_read). */
export interface RecordedAnswer {
  modelArgs: unknown[];
  kwargs: Record<string, unknown>;
  response: unknown;
  source: string;
}

export interface ModelSpec {
  name: string;
  fieldsGet: FieldsGet | null;
  /** Field names the model has on this series, in a stable order ('id' first). Empty when unknown. */
  knownFields: string[];
  floatFields: Set<string>;
  hasActive: boolean;
  coverages: Coverage[];
  counts: RecordedCount[];
  readGroups: RecordedAnswer[];
  searchReads: RecordedAnswer[];
  /**
   * Fields whose search semantics differ from their stored values (computed fields with a custom
   * search, e.g. ir.ui.view.model_data_id): found when a recorded answer contradicts evaluation.
   */
  unsearchable: Set<string>;
  /** The model's description (ir.model name), used in AccessError texts. */
  description: string | null;
}

export interface Catalog {
  models: Map<string, ModelSpec>;
  /** Initial records per model (the double clones them). */
  records: Map<string, OdooRecord[]>;
}

function modelArgs(fixture: RpcFixture): unknown[] {
  return fixture.request.model_args ?? [];
}

function kwargsOf(fixture: RpcFixture): Record<string, unknown> {
  return fixture.request.kwargs ?? {};
}

export function activeTestOf(kwargs: Record<string, unknown>): boolean {
  const context = kwargs.context as Record<string, unknown> | undefined;
  return context?.active_test !== false;
}

function requestedFields(fixture: RpcFixture): string[] {
  const fields = kwargsOf(fixture).fields ?? (fixture.request.model_method === 'read' ? modelArgs(fixture)[1] : undefined);
  return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : [];
}

function fixtureDomain(fixture: RpcFixture): unknown[] {
  const domain = modelArgs(fixture)[0] ?? kwargsOf(fixture).domain ?? [];
  return Array.isArray(domain) ? domain : [];
}

function domainFieldNames(domain: unknown[]): string[] {
  return domain.flatMap((t) => (Array.isArray(t) && typeof t[0] === 'string' ? [t[0]] : []));
}

function mergeRecords(fixtures: RpcFixture[]): OdooRecord[] {
  const reads = fixtures.filter((f) => ['search_read', 'read'].includes(f.request.model_method ?? '') && Array.isArray(f.response));
  // the widest answer first: most records, then most fields
  reads.sort((a, b) => {
    const ra = a.response as OdooRecord[];
    const rb = b.response as OdooRecord[];
    return rb.length - ra.length || Object.keys(rb[0] ?? {}).length - Object.keys(ra[0] ?? {}).length;
  });
  const byId = new Map<unknown, OdooRecord>();
  const records: OdooRecord[] = [];
  for (const fixture of reads) {
    for (const record of fixture.response as OdooRecord[]) {
      const existing = byId.get(record.id);
      if (existing) {
        for (const [key, value] of Object.entries(record)) if (!(key in existing)) existing[key] = value;
      } else {
        const copy = { ...record };
        byId.set(record.id, copy);
        records.push(copy);
      }
    }
  }
  return records;
}

function coverageOf(fixture: RpcFixture): Coverage | null {
  const method = fixture.request.model_method;
  const kwargs = kwargsOf(fixture);
  const result = fixture.response as OdooRecord[];
  if (method === 'read') {
    const ids = modelArgs(fixture)[0];
    return Array.isArray(ids) ? { domain: parseDomain([['id', 'in', ids]]), activeTest: false, source: fixture.file } : null;
  }
  if (method !== 'search_read' || kwargs.offset) return null;
  // a result as long as its limit may have been cut: it covers nothing for sure
  if (typeof kwargs.limit === 'number' && result.length >= kwargs.limit) return null;
  return { domain: parseDomain(fixtureDomain(fixture)), activeTest: activeTestOf(kwargs), source: fixture.file };
}

function countMatching(records: OdooRecord[], domain: DomainNode): number | null {
  try {
    return records.filter((r) => evaluate(domain, r)).length;
  } catch (error) {
    if (error instanceof CannotAnswer) return null;
    throw error;
  }
}

function buildSpec(name: string, fixtures: RpcFixture[], records: OdooRecord[]): ModelSpec {
  const fieldsGetFixture = fixtures.find((f) => f.request.model_method === 'fields_get');
  const fieldsGet = (fieldsGetFixture?.response as FieldsGet | undefined) ?? null;
  const known = new Set<string>();
  if (fieldsGet) {
    known.add('id');
    for (const field of Object.keys(fieldsGet)) known.add(field);
  } else if (records.length > 0 || fixtures.some((f) => f.request.model_method === 'search_read')) {
    known.add('id');
    for (const record of records) for (const field of Object.keys(record)) known.add(field);
    for (const fixture of fixtures) {
      if (fixture.request.model_method === 'search_count') continue; // counts alone do not prove a field list
      for (const field of [...requestedFields(fixture), ...domainFieldNames(fixtureDomain(fixture))]) known.add(field);
    }
  }
  const floatFields = new Set<string>();
  for (const fixture of fixtures) for (const field of fixture.floatFields) if (known.has(field)) floatFields.add(field);
  for (const [field, info] of Object.entries(fieldsGet ?? {})) if (info.type === 'float' || info.type === 'monetary') floatFields.add(field);

  const spec: ModelSpec = {
    name,
    fieldsGet,
    knownFields: [...known],
    floatFields,
    hasActive: known.has('active'),
    coverages: [],
    counts: [],
    readGroups: [],
    searchReads: [],
    unsearchable: new Set(),
    description: null,
  };
  for (const fixture of fixtures) {
    const coverage = coverageOf(fixture);
    if (coverage) spec.coverages.push(coverage);
    if (fixture.request.model_method === 'search_count') {
      spec.counts.push({ domain: fixtureDomain(fixture), activeTest: activeTestOf(kwargsOf(fixture)), count: fixture.response as number });
    }
    const answer = { modelArgs: modelArgs(fixture), kwargs: kwargsOf(fixture), response: fixture.response, source: fixture.file };
    if (fixture.request.model_method === 'read_group') spec.readGroups.push(answer);
    if (fixture.request.model_method === 'search_read') spec.searchReads.push(answer);
  }
  inferCoverageFromCounts(spec, records, fixtures);
  return spec;
}

/**
 * A recorded count that equals the number of known records matching the same domain proves those
 * records are all of them: that domain becomes a coverage too (e.g. mail.mail, whose records were
 * read only in state exception but whose read_group shows no other state).
 */
function inferCoverageFromCounts(spec: ModelSpec, records: OdooRecord[], fixtures: RpcFixture[]): void {
  const totals: { domain: unknown[]; activeTest: boolean; count: number; source: string }[] = [];
  for (const fixture of fixtures) {
    const kwargs = kwargsOf(fixture);
    if (fixture.request.model_method === 'search_count') {
      totals.push({ domain: fixtureDomain(fixture), activeTest: activeTestOf(kwargs), count: fixture.response as number, source: fixture.file });
    } else if (fixture.request.model_method === 'read_group' && Array.isArray(fixture.response)) {
      const groupBy = modelArgs(fixture)[2];
      const field = Array.isArray(groupBy) ? groupBy[0] : groupBy;
      const count = (fixture.response as OdooRecord[]).reduce((sum, row) => sum + Number(row[`${String(field)}_count`] ?? row.__count ?? 0), 0);
      totals.push({ domain: fixtureDomain(fixture), activeTest: activeTestOf(kwargs), count, source: fixture.file });
    }
  }
  if (spec.knownFields.length === 0) return;
  for (const total of totals) {
    const domain = parseDomain(total.domain);
    const matching = countMatching(records, withActiveTest(domain, spec.hasActive, total.activeTest));
    if (matching === total.count) spec.coverages.push({ domain, activeTest: total.activeTest, source: `${total.source} (count matches the records)` });
  }
}

export function buildCatalog(fixtures: SeriesFixtures): Catalog {
  const byModel = new Map<string, RpcFixture[]>();
  for (const fixture of fixtures.rpc) {
    const model = fixture.request.model;
    if (!model || !fixture.ok) continue;
    const list = byModel.get(model) ?? [];
    list.push(fixture);
    byModel.set(model, list);
  }
  const models = new Map<string, ModelSpec>();
  const records = new Map<string, OdooRecord[]>();
  for (const [name, list] of byModel) {
    const merged = mergeRecords(list);
    const spec = buildSpec(name, list, merged);
    models.set(name, spec);
    if (spec.knownFields.length > 0) records.set(name, merged);
  }
  const irModels = records.get('ir.model') ?? [];
  for (const spec of models.values()) {
    const described = irModels.find((r) => r.model === spec.name);
    spec.description = typeof described?.name === 'string' ? described.name : null;
  }
  return { models, records };
}

/** A spec for a model a test added to the data itself: all its records are known. */
export function specForAddedModel(name: string, records: OdooRecord[]): ModelSpec {
  const known = new Set<string>(['id']);
  for (const record of records) for (const field of Object.keys(record)) known.add(field);
  return {
    name,
    fieldsGet: null,
    knownFields: [...known],
    floatFields: new Set(),
    hasActive: known.has('active'),
    coverages: [{ domain: { kind: 'const', value: true }, activeTest: false, source: 'records added by the test' }],
    counts: [],
    readGroups: [],
    searchReads: [],
    unsearchable: new Set(),
    description: null,
  };
}
