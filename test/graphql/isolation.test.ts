/**
 * Tenant isolation: a second partner's key, with every scope, runs every query, mutation and
 * subscription against the first partner's global ids and sees nothing of the first partner. An id
 * of another partner's object behaves exactly like an id that exists nowhere (no permission error
 * that would confirm it exists), and nothing of the first partner changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../server/src/graphql/schema.ts';
import { tarArchive } from '../code/archives.ts';
import { fixtureEntries } from '../support/addons-sources.ts';
import {
  createApiKeyRow,
  createPartner,
  globalId,
  publishUntil,
  seedClient,
  seedFinding,
  seedInstance,
  seedScan,
  startTestApi,
  subscribeSse,
  subscribeWs,
  type SeededPartner,
  type TestApi,
} from './support.ts';

let api: TestApi;
let victim: SeededPartner;
let attacker: SeededPartner;
/** Global ids of the victim's objects. */
const their = {} as Record<'client' | 'instance' | 'scan' | 'finding' | 'apiKey', string>;
/** Raw ids, for publishing events. */
const raw = {} as Record<'theirInstance' | 'theirScan' | 'theirFinding' | 'ourInstance' | 'ourScan' | 'ourFinding', string>;
/** Strings that only the victim's data contains. */
const VICTIM_MARKERS = ['Victim Partner', 'Victim Client', 'victim-erp.example.com', 'Victim finding title', 'victim-tag', 'Victim key', 'victim-addons'];
/** Bodies of every response the attacker received. */
const attackerResponses: string[] = [];
/** A global id of each type that names nothing at all. */
const NOWHERE = '018f0000-0000-7000-8000-000000000000';

beforeAll(async () => {
  api = await startTestApi();
  victim = await createPartner(api.db, 'Victim Partner');
  attacker = await createPartner(api.db, 'Other Partner');
  const theirClient = await seedClient(api.db, victim.partnerId, 'Victim Client');
  raw.theirInstance = await seedInstance(api, { partnerId: victim.partnerId, clientId: theirClient, name: 'Victim ERP', url: 'https://victim-erp.example.com', tags: ['victim-tag'] });
  raw.theirScan = await seedScan(api.db, { partnerId: victim.partnerId, instanceId: raw.theirInstance, score: 42, dimensions: { security: 10 } });
  raw.theirFinding = await seedFinding(api.db, { partnerId: victim.partnerId, instanceId: raw.theirInstance, severity: 'critical', title: 'Victim finding title' });
  const theirKey = await createApiKeyRow(api.db, victim.partnerId, ['read'], { name: 'Victim key' });
  await api.db.codeSource.create({
    data: { instanceId: raw.theirInstance, partnerId: victim.partnerId, kind: 'git', gitUrl: 'https://github.com/victim-org/victim-addons.git', gitRef: '17.0' },
  });
  Object.assign(their, {
    client: globalId('Client', theirClient),
    instance: globalId('Instance', raw.theirInstance),
    scan: globalId('Scan', raw.theirScan),
    finding: globalId('Finding', raw.theirFinding),
    apiKey: globalId('ApiKey', theirKey.id),
  });
  const ourClient = await seedClient(api.db, attacker.partnerId, 'Our Client');
  raw.ourInstance = await seedInstance(api, { partnerId: attacker.partnerId, clientId: ourClient, name: 'Our ERP' });
  raw.ourScan = await seedScan(api.db, { partnerId: attacker.partnerId, instanceId: raw.ourInstance, score: 90, dimensions: { security: 95 } });
  raw.ourFinding = await seedFinding(api.db, { partnerId: attacker.partnerId, instanceId: raw.ourInstance, severity: 'low', title: 'Our finding' });
});

afterAll(async () => {
  for (const body of attackerResponses) {
    for (const marker of VICTIM_MARKERS) expect(body, `a response to the other partner contains "${marker}"`).not.toContain(marker);
  }
  await api?.close();
});

async function asAttacker(query: string, variables: Record<string, unknown> = {}) {
  const response = await api.request(attacker.keys.admin, query, variables);
  attackerResponses.push(response.text);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
}

/** Everything the victim has, to compare before and after the attacker's mutations. */
async function victimState() {
  const where = { partnerId: victim.partnerId };
  return Promise.all([
    api.db.partner.findUniqueOrThrow({ where: { id: victim.partnerId } }),
    api.db.client.findMany({ where, orderBy: { id: 'asc' } }),
    api.db.instance.findMany({ where, orderBy: { id: 'asc' }, omit: { secret: false } }),
    api.db.scan.findMany({ where, orderBy: { id: 'asc' } }),
    api.db.finding.findMany({ where, orderBy: { id: 'asc' } }),
    api.db.apiKey.findMany({ where, orderBy: { id: 'asc' }, select: { id: true, revokedAt: true, scopes: true, name: true } }),
    api.db.codeSource.findMany({ where, orderBy: { instanceId: 'asc' }, omit: { archive: false, gitCredentials: false } }),
  ]);
}

const QUERIES_COVERED = ['viewer', 'clients', 'instances', 'instance', 'scans', 'findings', 'scoreHistory', 'portfolio', 'node', 'nodes'];
const MUTATIONS_COVERED = [
  'createClient',
  'registerInstance',
  'updateInstance',
  'removeInstance',
  'startScan',
  'setCodeSource',
  'removeCodeSource',
  'acknowledgeFinding',
  'acceptFindingRisk',
  'markFindingFalsePositive',
  'reopenFinding',
  'createApiKey',
  'revokeApiKey',
];
const SUBSCRIPTIONS_COVERED = ['scanProgress', 'scanFinished', 'scoreChanged', 'findingOpened'];

it('covers every root field of the schema', () => {
  expect([...QUERIES_COVERED].sort()).toEqual(Object.keys(schema.getQueryType()!.getFields()).sort());
  expect([...MUTATIONS_COVERED].sort()).toEqual(Object.keys(schema.getMutationType()!.getFields()).sort());
  expect([...SUBSCRIPTIONS_COVERED].sort()).toEqual(Object.keys(schema.getSubscriptionType()!.getFields()).sort());
});

describe('queries', () => {
  it('looks the other partner objects up by id and finds nothing', async () => {
    const data = await asAttacker(
      `query($client: ID!, $instance: ID!, $scan: ID!, $finding: ID!, $apiKey: ID!) {
        instance(id: $instance) { name codeSource { url } }
        scoreHistory(instanceId: $instance) { points { score } }
        client: node(id: $client) { id } instanceNode: node(id: $instance) { id } scan: node(id: $scan) { id ... on Scan { codeAnalysis { sources } } }
        finding: node(id: $finding) { id } apiKey: node(id: $apiKey) { id }
        nodes(ids: [$client, $instance, $scan, $finding, $apiKey]) { id }
      }`,
      their,
    );
    expect(data).toEqual({
      instance: null,
      scoreHistory: null,
      client: null,
      instanceNode: null,
      scan: null,
      finding: null,
      apiKey: null,
      nodes: [null, null, null, null, null],
    });
  });

  it('filters lists by the other partner ids and gets empty lists', async () => {
    const data = await asAttacker(
      `query($client: ID!, $instance: ID!) {
        byClient: instances(filter: { clientId: $client }) { totalCount nodes { id } }
        byTag: instances(filter: { tag: "victim-tag" }) { totalCount }
        scans(filter: { instanceId: $instance }) { totalCount nodes { id } }
        findings(filter: { instanceId: $instance }) { totalCount nodes { id } }
        portfolio(clientId: $client) { instanceCount averageScore openCriticalFindings weakestDimensions { dimension } }
        clients(search: "Victim") { totalCount }
      }`,
      { client: their.client, instance: their.instance },
    );
    expect(data).toEqual({
      byClient: { totalCount: 0, nodes: [] },
      byTag: { totalCount: 0 },
      scans: { totalCount: 0, nodes: [] },
      findings: { totalCount: 0, nodes: [] },
      portfolio: { instanceCount: 0, averageScore: null, openCriticalFindings: 0, weakestDimensions: [] },
      clients: { totalCount: 0 },
    });
  });

  it('lists only its own objects, keys and partner', async () => {
    const data = await asAttacker(`{
      viewer { partner { name } apiKeys { nodes { name } } }
      clients { nodes { name } } instances { nodes { name codeSource { url } } } scans { nodes { id } } findings { nodes { title } }
      portfolio { instanceCount averageScore openCriticalFindings }
    }`);
    expect(data.viewer.partner.name).toBe('Other Partner');
    expect(data.viewer.apiKeys.nodes.every((key: { name: string }) => key.name !== 'Victim key')).toBe(true);
    expect(data.clients.nodes).toEqual([{ name: 'Our Client' }]);
    expect(data.instances.nodes).toEqual([{ name: 'Our ERP', codeSource: null }]);
    expect(data.scans.nodes).toEqual([{ id: globalId('Scan', raw.ourScan) }]);
    expect(data.findings.nodes).toEqual([{ title: 'Our finding' }]);
    expect(data.portfolio).toEqual({ instanceCount: 1, averageScore: 90, openCriticalFindings: 0 });
  });

  it("answers two partners' instance lists asked at the same moment each with its own scans", async () => {
    const list = '{ instances { nodes { name status score grade latestScan { id } currentScan { id score } } } }';
    const [theirs, ours] = await Promise.all([api.request(victim.keys.read, list), asAttacker(list)]);
    expect(theirs.body.data?.instances.nodes).toEqual([
      { name: 'Victim ERP', status: 'succeeded', score: 42, grade: expect.any(String), latestScan: { id: their.scan }, currentScan: { id: their.scan, score: 42 } },
    ]);
    const ourScan = globalId('Scan', raw.ourScan);
    expect(ours.instances.nodes).toEqual([
      { name: 'Our ERP', status: 'succeeded', score: 90, grade: expect.any(String), latestScan: { id: ourScan }, currentScan: { id: ourScan, score: 90 } },
    ]);
  });
});

describe('mutations', () => {
  const RESULT = `__typename ... on UserError { message code }`;

  /** The result for the victim's id, and for an id of the same type that names nothing. */
  async function againstTheirsAndNowhere(mutation: string, idVariable: string, theirId: string, typename: Parameters<typeof globalId>[0], variables: Record<string, unknown> = {}) {
    const nowhere = globalId(typename, NOWHERE);
    const theirs = Object.values(await asAttacker(mutation, { ...variables, [idVariable]: theirId }))[0];
    const none = Object.values(await asAttacker(mutation, { ...variables, [idVariable]: nowhere }))[0];
    return { theirs, none, nowhere };
  }

  it('gets NotFoundError for every object of the other partner, exactly as for an id that names nothing, and changes nothing', async () => {
    const before = await victimState();
    const ourInstance = globalId('Instance', raw.ourInstance);
    const cases: Array<[string, string, string, Parameters<typeof globalId>[0], Record<string, unknown>?]> = [
      [
        `mutation($client: ID!) { registerInstance(input: { clientId: $client, name: "Probe", url: "https://probe.example.com", database: "db", login: "u", secret: "s" }) { ${RESULT} } }`,
        'client', their.client, 'Client',
      ],
      [`mutation($id: ID!) { updateInstance(id: $id, input: { name: "Hijacked", tags: ["x"] }) { ${RESULT} } }`, 'id', their.instance, 'Instance'],
      [`mutation($id: ID!, $client: ID!) { updateInstance(id: $id, input: { clientId: $client }) { ${RESULT} } }`, 'client', their.client, 'Client', { id: ourInstance }],
      [`mutation($id: ID!) { removeInstance(id: $id, purge: true) { ${RESULT} } }`, 'id', their.instance, 'Instance'],
      [`mutation($id: ID!) { removeInstance(id: $id) { ${RESULT} } }`, 'id', their.instance, 'Instance'],
      [`mutation($id: ID!) { startScan(instanceId: $id) { ${RESULT} } }`, 'id', their.instance, 'Instance'],
      [`mutation($id: ID!) { setCodeSource(instanceId: $id, git: { url: "https://github.com/attacker/hijack.git" }) { ${RESULT} } }`, 'id', their.instance, 'Instance'],
      [`mutation($id: ID!) { removeCodeSource(instanceId: $id) { ${RESULT} } }`, 'id', their.instance, 'Instance'],
      [`mutation($id: ID!) { acknowledgeFinding(id: $id) { ${RESULT} } }`, 'id', their.finding, 'Finding'],
      [`mutation($id: ID!) { acceptFindingRisk(id: $id, reason: "r", until: "2999-01-01T00:00:00Z") { ${RESULT} } }`, 'id', their.finding, 'Finding'],
      [`mutation($id: ID!) { markFindingFalsePositive(id: $id, reason: "r") { ${RESULT} } }`, 'id', their.finding, 'Finding'],
      [`mutation($id: ID!) { reopenFinding(id: $id) { ${RESULT} } }`, 'id', their.finding, 'Finding'],
      [`mutation($id: ID!) { revokeApiKey(id: $id) { ${RESULT} } }`, 'id', their.apiKey, 'ApiKey'],
    ];
    for (const [mutation, variable, theirId, typename, extra] of cases) {
      const { theirs, none, nowhere } = await againstTheirsAndNowhere(mutation, variable, theirId, typename, extra);
      expect(theirs, mutation).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
      expect(theirs.message.replace(theirId, '<id>'), mutation).toBe(none.message.replace(nowhere, '<id>'));
    }
    // An uploaded archive, as a multipart request, fares no better.
    const upload = async (instanceId: string) => {
      const archive = { name: 'hijack.tar.gz', content: tarArchive(fixtureEntries([{ fixture: 'pulse_demo_good' }])) };
      const mutation = `mutation($id: ID!, $archive: File!) { setCodeSource(instanceId: $id, archive: $archive) { ${RESULT} } }`;
      const response = await api.upload(attacker.keys.admin, mutation, { id: instanceId }, { archive });
      attackerResponses.push(response.text);
      return response.body.data?.setCodeSource;
    };
    const nowhere = globalId('Instance', NOWHERE);
    const [theirs, none] = [await upload(their.instance), await upload(nowhere)];
    expect(theirs).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(theirs.message.replace(their.instance, '<id>')).toBe(none.message.replace(nowhere, '<id>'));
    expect(await victimState()).toEqual(before);
    const stillWorks = await api.request(victim.keys.read, '{ viewer { partner { name } } }');
    expect(stillWorks.body.data?.viewer.partner.name).toBe('Victim Partner');
  });

  it('creates its own objects without touching the other partner (names are per partner)', async () => {
    const before = await victimState();
    const client = await asAttacker(`mutation { createClient(input: { name: "Our second client" }) { ${RESULT} ... on CreateClientSuccess { client { name } } } }`);
    expect(client.createClient.__typename).toBe('CreateClientSuccess');
    const key = await asAttacker(`mutation { createApiKey(input: { name: "Our key", scopes: [read] }) { ${RESULT} ... on CreateApiKeySuccess { key } } }`);
    const viewer = await api.request(key.createApiKey.key, '{ viewer { partner { name } } }');
    expect(viewer.body.data?.viewer.partner.name).toBe('Other Partner');
    expect(await victimState()).toEqual(before);
    // The victim's client name is free for this partner: no AlreadyExistsError reveals it.
    const sameName = await api.request(attacker.keys.write, `mutation { createClient(input: { name: "Victim Client" }) { __typename } }`);
    expect(sameName.body.data?.createClient.__typename).toBe('CreateClientSuccess');
  });
});

describe('subscriptions', () => {
  it("never delivers the other partner's events, nor events naming its objects", async () => {
    type Any = Record<string, { id?: string; scan?: { id: string } } | undefined>;
    const ws = api.wsClient(attacker.keys.read);
    const theirInstances = { instanceIds: [their.instance, globalId('Instance', raw.ourInstance)] };
    const subscriptions = [
      subscribeWs<Any>(ws, 'subscription($instanceIds: [ID!]) { scanFinished(instanceIds: $instanceIds) { id instance { name url } } }', theirInstances),
      subscribeWs<Any>(ws, 'subscription { scoreChanged { score instance { name } scan { id } } }'),
      subscribeWs<Any>(ws, 'subscription { findingOpened { id title } }'),
      subscribeWs<Any>(ws, 'subscription($instanceIds: [ID!]) { scanProgress(instanceIds: $instanceIds) { collector step scan { id } } }', theirInstances),
    ];
    const sse = subscribeSse<Any>(api.url, attacker.keys.read, 'subscription { scanFinished { id instance { name } } }');
    const all = [...subscriptions, sse];
    const { partnerId: victimId } = victim;
    const { partnerId: attackerId } = attacker;
    const publishTheirs = () => {
      // On the victim's channel…
      api.pubSub.publish('scanFinished', victimId, { scanId: raw.theirScan, instanceId: raw.theirInstance });
      api.pubSub.publish('scoreChanged', victimId, { scanId: raw.theirScan, instanceId: raw.theirInstance, score: 42, previousScore: 50 });
      api.pubSub.publish('findingOpened', victimId, { findingId: raw.theirFinding, instanceId: raw.theirInstance, severity: 'critical' });
      api.pubSub.publish('scanProgress', victimId, { scanId: raw.theirScan, instanceId: raw.theirInstance, collector: 'api', phase: 'step', step: 'victim-tag' });
      // …and, as a confused publisher would, on this partner's channel but naming the victim's objects.
      api.pubSub.publish('scanFinished', attackerId, { scanId: raw.theirScan, instanceId: raw.theirInstance });
      api.pubSub.publish('scoreChanged', attackerId, { scanId: raw.theirScan, instanceId: raw.theirInstance, score: 42, previousScore: 50 });
      api.pubSub.publish('findingOpened', attackerId, { findingId: raw.theirFinding, instanceId: raw.theirInstance, severity: 'critical' });
      api.pubSub.publish('scanProgress', attackerId, { scanId: raw.theirScan, instanceId: raw.theirInstance, collector: 'api', phase: 'step', step: 'victim-tag' });
    };
    const publishOurs = () => {
      api.pubSub.publish('scanFinished', attackerId, { scanId: raw.ourScan, instanceId: raw.ourInstance });
      api.pubSub.publish('scoreChanged', attackerId, { scanId: raw.ourScan, instanceId: raw.ourInstance, score: 90, previousScore: 80 });
      api.pubSub.publish('findingOpened', attackerId, { findingId: raw.ourFinding, instanceId: raw.ourInstance, severity: 'low' });
      api.pubSub.publish('scanProgress', attackerId, { scanId: raw.ourScan, instanceId: raw.ourInstance, collector: 'http', phase: 'step', step: 'ours' });
    };
    // Each round publishes the victim's events first, then this partner's: once every subscription
    // has received one of its own, it has been live for at least one round of the victim's.
    await publishUntil(
      () => all.every((subscription) => subscription.events.length > 0),
      () => {
        publishTheirs();
        publishOurs();
      },
    );
    publishTheirs();
    publishOurs();
    await Promise.all(all.map((subscription) => subscription.waitFor(() => subscription.events.length >= 2)));
    const ourIds = new Set([globalId('Scan', raw.ourScan), globalId('Finding', raw.ourFinding)]);
    for (const subscription of all) {
      expect(subscription.errors).toEqual([]);
      for (const event of subscription.events) {
        const payload = Object.values(event)[0]!;
        expect(ourIds.has(payload.id ?? payload.scan?.id ?? '')).toBe(true);
        for (const marker of VICTIM_MARKERS) expect(JSON.stringify(event)).not.toContain(marker);
      }
      subscription.stop();
    }
  });

  it('loads an event that reached both partners\' channels separately for each, with each partner\'s filter', async () => {
    type Change = { scoreChanged: { score: number; instance: { name: string; url: string }; scan: { id: string } } };
    const query = 'subscription { scoreChanged { score instance { name url } scan { id } } }';
    const victims = subscribeWs<Change>(api.wsClient(victim.keys.read), query);
    const ours = subscribeWs<Change>(api.wsClient(attacker.keys.read), query);
    const round = () => {
      // One payload object on both channels, the victim's first: what the victim's subscribers load
      // for it must not be handed to this partner's.
      const shared = { scanId: raw.theirScan, instanceId: raw.theirInstance, score: 42, previousScore: 50 };
      api.pubSub.publish('scoreChanged', victim.partnerId, shared);
      api.pubSub.publish('scoreChanged', attacker.partnerId, shared);
      api.pubSub.publish('scoreChanged', attacker.partnerId, { scanId: raw.ourScan, instanceId: raw.ourInstance, score: 90, previousScore: 80 });
    };
    await publishUntil(() => victims.events.length > 0 && ours.events.length > 0, round);
    round();
    await Promise.all([victims.waitFor(() => victims.events.length >= 2), ours.waitFor(() => ours.events.length >= 2)]);
    expect(victims.events[0].scoreChanged).toEqual({
      score: 42,
      instance: { name: 'Victim ERP', url: 'https://victim-erp.example.com' },
      scan: { id: their.scan },
    });
    expect(ours.errors).toEqual([]);
    for (const event of ours.events) {
      expect(event.scoreChanged).toEqual({ score: 90, instance: { name: 'Our ERP', url: 'https://our-erp.example.com' }, scan: { id: globalId('Scan', raw.ourScan) } });
    }
    victims.stop();
    ours.stop();
  });
});
