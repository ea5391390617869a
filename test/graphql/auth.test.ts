/**
 * Authentication (Bearer API keys) and authorisation (read < write < admin scopes) over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../server/src/graphql/schema.ts';
import { createApiKeyRow, createPartner, globalId, seedClient, seedFinding, seedInstance, startTestApi, type SeededPartner, type TestApi } from './support.ts';

let api: TestApi;
let partner: SeededPartner;
let ids: { client: string; instance: string; finding: string; apiKey: string };

beforeAll(async () => {
  api = await startTestApi();
  partner = await createPartner(api.db, 'Acme Integrations');
  const client = await seedClient(api.db, partner.partnerId, 'Client');
  const instance = await seedInstance(api, { partnerId: partner.partnerId, clientId: client, name: 'Prod' });
  const finding = await seedFinding(api.db, { partnerId: partner.partnerId, instanceId: instance });
  const apiKey = await createApiKeyRow(api.db, partner.partnerId, ['read']);
  ids = { client: globalId('Client', client), instance: globalId('Instance', instance), finding: globalId('Finding', finding), apiKey: globalId('ApiKey', apiKey.id) };
});

afterAll(async () => {
  await api?.close();
});

describe('authentication', () => {
  const viewer = '{ viewer { scopes } }';

  it('asks for a key when none is sent (HTTP 401)', async () => {
    const response = await api.request(null, viewer);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(response.body.errors?.[0].message).toMatch(/Authorization: Bearer/);
    expect(response.body.data ?? null).toBeNull();
  });

  it('explains a header that is not "Bearer <key>"', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', partner.keys.read]) {
      const response = await api.request(null, viewer, {}, { authorization: header });
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0].message).toMatch(/must be "Bearer <API key>"/);
    }
  });

  it('does not recognise an unknown key, nor a known prefix with the wrong secret', async () => {
    const wrongSecret = partner.keys.read.replace(/_[A-Za-z0-9]{40}$/, `_${'A'.repeat(40)}`);
    for (const key of ['pulse_abcdefghij_0123456789012345678901234567890123456789', wrongSecret, 'hello']) {
      const response = await api.request(key, viewer);
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0].message).toMatch(/not recognised/);
    }
  });

  it('refuses a revoked key and an expired key, saying which', async () => {
    const revoked = await createApiKeyRow(api.db, partner.partnerId, ['admin'], { revokedAt: new Date(Date.now() - 1000) });
    const expired = await createApiKeyRow(api.db, partner.partnerId, ['admin'], { expiresAt: new Date(Date.now() - 1000) });
    expect((await api.request(revoked.key, viewer)).body.errors?.[0].message).toMatch(/revoked/);
    expect((await api.request(expired.key, viewer)).body.errors?.[0].message).toMatch(/expired/);
  });

  it('records when a key was last used', async () => {
    const fresh = await createApiKeyRow(api.db, partner.partnerId, ['read']);
    expect((await api.db.apiKey.findUniqueOrThrow({ where: { id: fresh.id } })).lastUsedAt).toBeNull();
    await api.request(fresh.key, viewer);
    expect((await api.db.apiKey.findUniqueOrThrow({ where: { id: fresh.id } })).lastUsedAt).not.toBeNull();
  });
});

// Every root field, with the scope it needs and an operation that reaches it.
const QUERIES: Record<string, string> = {
  viewer: '{ viewer { scopes } }',
  clients: '{ clients { totalCount } }',
  instances: '{ instances { totalCount } }',
  instance: 'query($instance: ID!) { instance(id: $instance) { name } }',
  scans: '{ scans { totalCount } }',
  findings: '{ findings { totalCount } }',
  scoreHistory: 'query($instance: ID!) { scoreHistory(instanceId: $instance) { timezone } }',
  portfolio: '{ portfolio { instanceCount } }',
  node: 'query($instance: ID!) { node(id: $instance) { id } }',
  nodes: 'query($instance: ID!) { nodes(ids: [$instance]) { id } }',
};

const WRITE_MUTATIONS: Record<string, string> = {
  createClient: 'mutation { createClient(input: { name: "Forbidden client" }) { __typename } }',
  registerInstance:
    'mutation($client: ID!) { registerInstance(input: { clientId: $client, name: "x", url: "https://x.example.com", database: "x", login: "x", secret: "x" }) { __typename } }',
  updateInstance: 'mutation($instance: ID!) { updateInstance(id: $instance, input: { name: "Renamed" }) { __typename } }',
  removeInstance: 'mutation($instance: ID!) { removeInstance(id: $instance, purge: true) { __typename } }',
  startScan: 'mutation($instance: ID!) { startScan(instanceId: $instance) { __typename } }',
  setCodeSource: 'mutation($instance: ID!) { setCodeSource(instanceId: $instance, git: { url: "https://github.com/acme/addons.git" }) { __typename } }',
  removeCodeSource: 'mutation($instance: ID!) { removeCodeSource(instanceId: $instance) { __typename } }',
  acknowledgeFinding: 'mutation($finding: ID!) { acknowledgeFinding(id: $finding) { __typename } }',
  acceptFindingRisk: 'mutation($finding: ID!) { acceptFindingRisk(id: $finding, reason: "r", until: "2999-01-01T00:00:00Z") { __typename } }',
  markFindingFalsePositive: 'mutation($finding: ID!) { markFindingFalsePositive(id: $finding, reason: "r") { __typename } }',
  reopenFinding: 'mutation($finding: ID!) { reopenFinding(id: $finding) { __typename } }',
};

const ADMIN_MUTATIONS: Record<string, string> = {
  createApiKey: 'mutation { createApiKey(input: { name: "k", scopes: [admin] }) { __typename } }',
  revokeApiKey: 'mutation($apiKey: ID!) { revokeApiKey(id: $apiKey) { __typename } }',
};

function variablesFor(operation: string): Record<string, string> {
  const all: Record<string, string> = { client: ids.client, instance: ids.instance, finding: ids.finding, apiKey: ids.apiKey };
  return Object.fromEntries(Object.entries(all).filter(([name]) => operation.includes(`$${name}`)));
}

async function snapshot() {
  const [clients, instances, scans, findings, keys, codeSources] = await Promise.all([
    api.db.client.findMany({ orderBy: { id: 'asc' } }),
    api.db.instance.findMany({ orderBy: { id: 'asc' } }),
    api.db.scan.count(),
    api.db.finding.findMany({ orderBy: { id: 'asc' } }),
    api.db.apiKey.findMany({ orderBy: { id: 'asc' }, select: { id: true, revokedAt: true } }),
    api.db.codeSource.findMany({ orderBy: { instanceId: 'asc' } }),
  ]);
  return { clients, instances, scans, findings, keys, codeSources };
}

describe('scopes', () => {
  it('covers every root field of the schema', () => {
    expect(Object.keys(QUERIES).sort()).toEqual(Object.keys(schema.getQueryType()!.getFields()).sort());
    expect([...Object.keys(WRITE_MUTATIONS), ...Object.keys(ADMIN_MUTATIONS)].sort()).toEqual(Object.keys(schema.getMutationType()!.getFields()).sort());
  });

  it('lets no query run without a key', async () => {
    for (const [name, operation] of Object.entries(QUERIES)) {
      const response = await api.request(null, operation, variablesFor(operation));
      expect(response.body.errors?.[0]?.extensions?.code, name).toBe('UNAUTHENTICATED');
    }
  });

  it('lets a read key run every query', async () => {
    for (const [name, operation] of Object.entries(QUERIES)) {
      const response = await api.request(partner.keys.read, operation, variablesFor(operation));
      expect(response.body.errors, name).toBeUndefined();
    }
  });

  it('refuses every mutation to a read key, naming the scope needed, and changes nothing', async () => {
    const before = await snapshot();
    const expectations: Array<[Record<string, string>, string]> = [
      [WRITE_MUTATIONS, 'write'],
      [ADMIN_MUTATIONS, 'admin'],
    ];
    for (const [mutations, scope] of expectations) {
      for (const [name, operation] of Object.entries(mutations)) {
        const response = await api.request(partner.keys.read, operation, variablesFor(operation));
        expect(response.body.errors?.[0]?.extensions, name).toMatchObject({ code: 'FORBIDDEN', requiredScope: scope });
        expect(response.body.errors?.[0]?.message, name).toContain(`"${scope}" scope`);
      }
    }
    for (const [name, operation] of Object.entries({ ...WRITE_MUTATIONS, ...ADMIN_MUTATIONS })) {
      const response = await api.request(null, operation, variablesFor(operation));
      expect(response.body.errors?.[0]?.extensions?.code, name).toBe('UNAUTHENTICATED');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses key management to a write key, including the key list', async () => {
    for (const [name, operation] of Object.entries(ADMIN_MUTATIONS)) {
      const response = await api.request(partner.keys.write, operation, variablesFor(operation));
      expect(response.body.errors?.[0]?.extensions, name).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'admin' });
    }
    const list = await api.request(partner.keys.write, '{ viewer { scopes apiKeys { totalCount } } }');
    expect(list.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'admin' });
    const node = await api.request(partner.keys.read, 'query($id: ID!) { node(id: $id) { ... on ApiKey { name } } }', { id: ids.apiKey });
    expect(node.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'admin' });
  });

  it('lets an admin key do what a write key does (admin ⇒ write ⇒ read)', async () => {
    const response = await api.request(partner.keys.admin, WRITE_MUTATIONS.createClient);
    expect(response.body.data?.createClient.__typename).toBe('CreateClientSuccess');
    const viewer = await api.request(partner.keys.admin, '{ viewer { scopes } }');
    expect(viewer.body.data?.viewer.scopes.sort()).toEqual(['admin', 'read', 'write']);
  });
});
