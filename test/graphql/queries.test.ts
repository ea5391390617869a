/**
 * Queries over real HTTP on a fresh database: connections with cursors and filters, node lookups,
 * score history and the portfolio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartner, globalId, seedClient, seedFinding, seedInstance, seedScan, startTestApi, type SeededPartner, type TestApi } from './support.ts';

let api: TestApi;
let partner: SeededPartner;
const ids = {} as Record<'alpha' | 'beta' | 'gamma' | 'a1' | 'a2' | 'b1' | 'b2' | 'history', string>;
const scanIds = {} as Record<'a1Old' | 'a1Current' | 'a2Scored' | 'a2Running' | 'b1Failed', string>;
const findingIds = {} as Record<'critical' | 'high' | 'low' | 'medium', string>;

const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();

beforeAll(async () => {
  api = await startTestApi();
  partner = await createPartner(api.db, 'Acme Integrations', 'Europe/Brussels');
  const { partnerId } = partner;
  ids.alpha = await seedClient(api.db, partnerId, 'Alpha');
  ids.beta = await seedClient(api.db, partnerId, 'Beta');
  ids.gamma = await seedClient(api.db, partnerId, 'Gamma');
  ids.a1 = await seedInstance(api, { partnerId, clientId: ids.alpha, name: 'A1', tags: ['eu', 'prod'] });
  ids.a2 = await seedInstance(api, { partnerId, clientId: ids.alpha, name: 'A2', tags: ['us'] });
  ids.b1 = await seedInstance(api, { partnerId, clientId: ids.beta, name: 'B1', tags: ['eu'] });
  ids.b2 = await seedInstance(api, { partnerId, clientId: ids.beta, name: 'B2' });
  scanIds.a1Old = await seedScan(api.db, { partnerId, instanceId: ids.a1, score: 55, queuedAt: new Date(now - 10 * DAY), dimensions: { security: 30, permissions: 80 } });
  scanIds.a1Current = await seedScan(api.db, { partnerId, instanceId: ids.a1, score: 82, queuedAt: new Date(now - 2 * DAY), dimensions: { security: 60, permissions: 95, performance: null } });
  scanIds.a2Scored = await seedScan(api.db, { partnerId, instanceId: ids.a2, score: 65, queuedAt: new Date(now - 3 * DAY), dimensions: { security: 70, permissions: 55 } });
  scanIds.a2Running = await seedScan(api.db, { partnerId, instanceId: ids.a2, status: 'running', queuedAt: new Date(now - 60_000) });
  scanIds.b1Failed = await seedScan(api.db, { partnerId, instanceId: ids.b1, status: 'failed', queuedAt: new Date(now - DAY) });
  findingIds.critical = await seedFinding(api.db, { partnerId, instanceId: ids.a1, severity: 'critical', dimension: 'security', points: 10 });
  findingIds.high = await seedFinding(api.db, { partnerId, instanceId: ids.a1, severity: 'high', dimension: 'permissions', status: 'acknowledged', checkId: 'permissions.too-many-administrators' });
  findingIds.low = await seedFinding(api.db, { partnerId, instanceId: ids.a1, severity: 'low', dimension: 'cron_health', status: 'resolved', checkId: 'cron_health.overdue-cron' });
  findingIds.medium = await seedFinding(api.db, { partnerId, instanceId: ids.a2, severity: 'medium', dimension: 'security', checkId: 'security.users-without-2fa' });
});

afterAll(async () => {
  await api?.close();
});

async function query<T = any>(text: string, variables?: Record<string, unknown>): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
  const response = await api.request(partner.keys.read, text, variables);
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data as T;
}

const names = (connection: { nodes: Array<{ name: string }> }) => connection.nodes.map((node) => node.name);

describe('viewer', () => {
  it('tells whose key this is and what it may do', async () => {
    const data = await query('{ viewer { apiKeyPrefix scopes partner { name timezone currency businessDays } } }');
    expect(data.viewer.partner).toEqual({ name: 'Acme Integrations', timezone: 'Europe/Brussels', currency: 'EUR', businessDays: [1, 2, 3, 4, 5] });
    expect(data.viewer.scopes).toEqual(['read']);
    expect(partner.keys.read.startsWith(`${data.viewer.apiKeyPrefix}_`)).toBe(true);
  });
});

describe('clients', () => {
  it('pages forward and backward with cursors, with the total count', async () => {
    const page = `query($first: Int, $after: String, $last: Int, $before: String) {
      clients(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { name }
      }
    }`;
    const first = await query(page, { first: 2 });
    expect(names(first.clients)).toEqual(['Alpha', 'Beta']);
    expect(first.clients.totalCount).toBe(3);
    expect(first.clients.pageInfo.hasNextPage).toBe(true);
    const second = await query(page, { first: 2, after: first.clients.pageInfo.endCursor });
    expect(names(second.clients)).toEqual(['Gamma']);
    expect(second.clients.pageInfo.hasNextPage).toBe(false);
    const back = await query(page, { last: 1, before: second.clients.pageInfo.startCursor });
    expect(names(back.clients)).toEqual(['Beta']);
  });

  it('searches by name in any case and lists each client instances', async () => {
    const data = await query('{ clients(search: "ALP") { totalCount nodes { name instances { totalCount nodes { name } } } } }');
    expect(data.clients.totalCount).toBe(1);
    expect(data.clients.nodes[0]).toEqual({ name: 'Alpha', instances: { totalCount: 2, nodes: [{ name: 'A1' }, { name: 'A2' }] } });
  });
});

describe('instances', () => {
  const list = `query($filter: InstanceFilter, $first: Int, $after: String) {
    instances(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } }
  }`;

  it('filters by client', async () => {
    const data = await query(list, { filter: { clientId: globalId('Client', ids.beta) } });
    expect(names(data.instances)).toEqual(['B1', 'B2']);
    expect(data.instances.totalCount).toBe(2);
  });

  it('filters by tag', async () => {
    const data = await query(list, { filter: { tag: 'eu' } });
    expect(names(data.instances)).toEqual(['A1', 'B1']);
  });

  it("filters by a range of the current score (the last scored scan's, not an older one)", async () => {
    expect(names((await query(list, { filter: { minScore: 60, maxScore: 70 } })).instances)).toEqual(['A2']);
    expect(names((await query(list, { filter: { minScore: 80 } })).instances)).toEqual(['A1']);
    expect(names((await query(list, { filter: { maxScore: 56 } })).instances)).toEqual([]);
  });

  it("filters by the latest scan's status, never_scanned included", async () => {
    expect(names((await query(list, { filter: { status: ['never_scanned'] } })).instances)).toEqual(['B2']);
    expect(names((await query(list, { filter: { status: ['running', 'failed'] } })).instances)).toEqual(['A2', 'B1']);
    expect(names((await query(list, { filter: { status: ['succeeded'], tag: 'eu' } })).instances)).toEqual(['A1']);
  });

  it('pages through a filtered list with the filtered total', async () => {
    const first = await query(list, { first: 3, filter: { search: '' } });
    expect(names(first.instances)).toEqual(['A1', 'A2', 'B1']);
    expect(first.instances.totalCount).toBe(4);
    const rest = await query(list, { first: 3, after: first.instances.pageInfo.endCursor });
    expect(names(rest.instances)).toEqual(['B2']);
    expect(rest.instances.pageInfo.hasNextPage).toBe(false);
  });

  it('gives an instance with its status, score and scans', async () => {
    const data = await query(
      `query($id: ID!) { instance(id: $id) {
        id name tags status score grade client { name }
        latestScan { id status } currentScan { id score dimensionScores { dimension score assessed } }
      } }`,
      { id: globalId('Instance', ids.a2) },
    );
    expect(data.instance).toMatchObject({
      id: globalId('Instance', ids.a2),
      name: 'A2',
      tags: ['us'],
      status: 'running',
      score: 65,
      client: { name: 'Alpha' },
      latestScan: { id: globalId('Scan', scanIds.a2Running), status: 'running' },
      currentScan: { id: globalId('Scan', scanIds.a2Scored), score: 65 },
    });
    expect(data.instance.currentScan.dimensionScores).toEqual([
      { dimension: 'security', score: 70, assessed: true },
      { dimension: 'permissions', score: 55, assessed: true },
    ]);
  });

  it('lists each instance of a page with its own status, score and scans', async () => {
    const data = await query('{ instances { nodes { name status score grade latestScan { id status } currentScan { id score } } } }');
    const scan = (id: string) => globalId('Scan', id);
    expect(data.instances.nodes).toEqual([
      { name: 'A1', status: 'succeeded', score: 82, grade: 'B', latestScan: { id: scan(scanIds.a1Current), status: 'succeeded' }, currentScan: { id: scan(scanIds.a1Current), score: 82 } },
      { name: 'A2', status: 'running', score: 65, grade: 'C', latestScan: { id: scan(scanIds.a2Running), status: 'running' }, currentScan: { id: scan(scanIds.a2Scored), score: 65 } },
      { name: 'B1', status: 'failed', score: null, grade: null, latestScan: { id: scan(scanIds.b1Failed), status: 'failed' }, currentScan: null },
      { name: 'B2', status: 'never_scanned', score: null, grade: null, latestScan: null, currentScan: null },
    ]);
  });

  it('gives null for an id that names no instance', async () => {
    const data = await query('query($id: ID!) { instance(id: $id) { name } }', { id: globalId('Instance', '018f0000-0000-7000-8000-000000000000') });
    expect(data.instance).toBeNull();
  });

  it('says which kind of id it expected when given another kind', async () => {
    const response = await api.request(partner.keys.read, 'query($f: InstanceFilter) { instances(filter: $f) { totalCount } }', {
      f: { clientId: globalId('Instance', ids.a1) },
    });
    expect(response.body.errors?.[0].message).toMatch(/is not a Client id/);
  });
});

describe('typename-only selections', () => {
  it('load nothing they do not need and still answer (no empty Prisma select)', async () => {
    const data = await query(
      `query($id: ID!) { viewer { partner { __typename } } instance(id: $id) { __typename } instances { nodes { __typename } }
        portfolio { instancesBelowThreshold { __typename } } scoreHistory(instanceId: $id) { points { scan { __typename } } } }`,
      { id: globalId('Instance', ids.a1) },
    );
    expect(data.viewer.partner).toEqual({ __typename: 'Partner' });
    expect(data.instance).toEqual({ __typename: 'Instance' });
  });
});

describe('node', () => {
  it('refetches every kind of object by its global id', async () => {
    const data = await query(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
        ... on Client { name } ... on Instance { name } ... on Scan { score } ... on Finding { severity } } }`,
      { ids: [globalId('Client', ids.gamma), globalId('Instance', ids.b1), globalId('Scan', scanIds.a1Old), globalId('Finding', findingIds.low)] },
    );
    expect(data.nodes).toEqual([
      { __typename: 'Client', id: globalId('Client', ids.gamma), name: 'Gamma' },
      { __typename: 'Instance', id: globalId('Instance', ids.b1), name: 'B1' },
      { __typename: 'Scan', id: globalId('Scan', scanIds.a1Old), score: 55 },
      { __typename: 'Finding', id: globalId('Finding', findingIds.low), severity: 'low' },
    ]);
  });
});

describe('scans', () => {
  const list = `query($filter: ScanFilter) { scans(filter: $filter) { totalCount nodes { id status score } } }`;

  it('lists an instance scans, newest first', async () => {
    const data = await query(list, { filter: { instanceId: globalId('Instance', ids.a1) } });
    expect(data.scans.nodes.map((scan: { id: string }) => scan.id)).toEqual([globalId('Scan', scanIds.a1Current), globalId('Scan', scanIds.a1Old)]);
  });

  it('filters by date (queued within [from, to)) and status', async () => {
    const window = { from: new Date(now - 4 * DAY).toISOString(), to: new Date(now - 0.5 * DAY).toISOString() };
    const data = await query(list, { filter: window });
    expect(data.scans.nodes.map((scan: { id: string }) => scan.id)).toEqual([
      globalId('Scan', scanIds.b1Failed),
      globalId('Scan', scanIds.a1Current),
      globalId('Scan', scanIds.a2Scored),
    ]);
    const failed = await query(list, { filter: { ...window, status: ['failed'] } });
    expect(failed.scans.totalCount).toBe(1);
  });

  it('refuses a date that is not ISO 8601, saying how to write one', async () => {
    const response = await api.request(partner.keys.read, list, { filter: { from: '04/12/2026' } });
    expect(response.body.errors?.[0].message).toMatch(/ISO 8601.*2026-01-31T09:00:00Z/);
  });
});

describe('findings', () => {
  const list = `query($filter: FindingFilter) { findings(filter: $filter) { totalCount nodes { id severity status checkId } } }`;
  const found = async (filter: Record<string, unknown>) =>
    ((await query(list, { filter })).findings.nodes as Array<{ id: string }>).map((finding) => finding.id);

  it('lists the most severe first', async () => {
    expect(await found({})).toEqual([
      globalId('Finding', findingIds.critical),
      globalId('Finding', findingIds.high),
      globalId('Finding', findingIds.medium),
      globalId('Finding', findingIds.low),
    ]);
  });

  it('filters by instance, severity, minimum severity, dimension, status and check', async () => {
    expect(await found({ instanceId: globalId('Instance', ids.a2) })).toEqual([globalId('Finding', findingIds.medium)]);
    expect(await found({ severity: ['low', 'medium'] })).toEqual([globalId('Finding', findingIds.medium), globalId('Finding', findingIds.low)]);
    expect(await found({ minSeverity: 'high' })).toEqual([globalId('Finding', findingIds.critical), globalId('Finding', findingIds.high)]);
    expect(await found({ dimension: ['security'] })).toEqual([globalId('Finding', findingIds.critical), globalId('Finding', findingIds.medium)]);
    expect(await found({ status: ['open', 'acknowledged'], instanceId: globalId('Instance', ids.a1) })).toEqual([
      globalId('Finding', findingIds.critical),
      globalId('Finding', findingIds.high),
    ]);
    expect(await found({ checkId: 'cron_health.overdue-cron' })).toEqual([globalId('Finding', findingIds.low)]);
  });
});

describe('scoreHistory', () => {
  beforeAll(async () => {
    const { partnerId } = partner;
    ids.history = await seedInstance(api, { partnerId, clientId: ids.gamma, name: 'History' });
    // 22:30 and 23:30 UTC on 1 March are 23:30 on 1 March and 00:30 on 2 March in Brussels.
    const at = (iso: string, score: number) =>
      seedScan(api.db, { partnerId, instanceId: ids.history, score, queuedAt: new Date(new Date(iso).getTime() - 60_000), finishedAt: new Date(iso) });
    await at('2026-03-01T08:00:00Z', 60);
    await at('2026-03-01T22:30:00Z', 70);
    await at('2026-03-01T23:30:00Z', 80);
    await at('2026-03-02T12:00:00Z', 90);
    await at('2026-03-05T12:00:00Z', 40);
    await seedScan(api.db, { partnerId, instanceId: ids.history, status: 'failed', queuedAt: new Date('2026-03-02T13:00:00Z') });
  });

  it("gives a point per scored scan and daily buckets in the partner's time zone", async () => {
    const data = await query(
      `query($id: ID!, $from: DateTime, $to: DateTime) { scoreHistory(instanceId: $id, from: $from, to: $to) {
        timezone points { at score } daily { date average min max last scanCount }
      } }`,
      { id: globalId('Instance', ids.history), from: '2026-03-01T00:00:00Z', to: '2026-03-05T00:00:00Z' },
    );
    expect(data.scoreHistory.timezone).toBe('Europe/Brussels');
    expect(data.scoreHistory.points).toEqual([
      { at: '2026-03-01T08:00:00.000Z', score: 60 },
      { at: '2026-03-01T22:30:00.000Z', score: 70 },
      { at: '2026-03-01T23:30:00.000Z', score: 80 },
      { at: '2026-03-02T12:00:00.000Z', score: 90 },
    ]);
    expect(data.scoreHistory.daily).toEqual([
      { date: '2026-03-01', average: 65, min: 60, max: 70, last: 70, scanCount: 2 },
      { date: '2026-03-02', average: 85, min: 80, max: 90, last: 90, scanCount: 2 },
    ]);
  });

  it('gives null for an instance that does not exist, and refuses an inverted range', async () => {
    const missing = await query('query($id: ID!) { scoreHistory(instanceId: $id) { timezone } }', {
      id: globalId('Instance', '018f0000-0000-7000-8000-000000000000'),
    });
    expect(missing.scoreHistory).toBeNull();
    const inverted = await api.request(partner.keys.read, 'query($id: ID!) { scoreHistory(instanceId: $id, from: "2026-03-05T00:00:00Z", to: "2026-03-01T00:00:00Z") { timezone } }', {
      id: globalId('Instance', ids.history),
    });
    expect(inverted.body.errors?.[0].message).toBe('"from" must be before "to".');
  });
});

describe('portfolio', () => {
  it('summarises current scores, instances under the threshold, open criticals and weakest dimensions', async () => {
    const data = await query(`{ portfolio(threshold: 70, clientId: "${globalId('Client', ids.alpha)}") {
      instanceCount scoredInstanceCount averageScore threshold belowThresholdCount
      instancesBelowThreshold { name score } openCriticalFindings
      weakestDimensions(first: 2) { dimension averageScore instanceCount }
    } }`);
    expect(data.portfolio).toEqual({
      instanceCount: 2,
      scoredInstanceCount: 2,
      averageScore: 73.5,
      threshold: 70,
      belowThresholdCount: 1,
      instancesBelowThreshold: [{ name: 'A2', score: 65 }],
      openCriticalFindings: 1,
      weakestDimensions: [
        { dimension: 'security', averageScore: 65, instanceCount: 2 },
        { dimension: 'permissions', averageScore: 75, instanceCount: 2 },
      ],
    });
  });

  it('counts unscored instances but leaves them out of the average', async () => {
    const data = await query('{ portfolio(tag: "eu") { instanceCount scoredInstanceCount averageScore belowThresholdCount } }');
    expect(data.portfolio).toEqual({ instanceCount: 2, scoredInstanceCount: 1, averageScore: 82, belowThresholdCount: 0 });
  });
});
