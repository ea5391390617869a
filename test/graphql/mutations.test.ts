/**
 * Every mutation over real HTTP, with its typed errors. registerInstance and updateInstance test
 * the connection with the real Odoo connector against odoo-double (recorded Odoo 18.0 answers).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToOdoo } from '../../server/src/graphql/context.ts';
import { instanceSecretContext } from '../../server/src/graphql/types/instance.ts';
import { nextRun } from '../../server/src/jobs/schedule.ts';
import { decryptSecret } from '../../server/src/security/secrets.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { createPartner, globalId, seedClient, seedFinding, seedInstance, seedScan, startTestApi, type SeededPartner, type TestApi } from './support.ts';

let api: TestApi;
let odoo: OdooDouble;
let partner: SeededPartner;
let clientId: string;
/** A port where nothing listens. */
let closedPort: number;

beforeAll(async () => {
  odoo = await startOdooDouble({ series: '18.0' });
  api = await startTestApi({ connect: connectToOdoo });
  partner = await createPartner(api.db, 'Acme Integrations');
  clientId = await seedClient(api.db, partner.partnerId, 'Brasserie Dupont');
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  await api?.close();
  await odoo?.close();
});

async function mutate(text: string, variables: Record<string, unknown>, key = partner.keys.write) {
  const response = await api.request(key, text, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field
}

/** The fields of a result union's errors; each mutation lists the error types its union has. */
function errorFields(...types: Array<'InvalidInputError' | 'AlreadyExistsError' | 'NotFoundError' | 'ConnectionFailedError' | 'ScanInProgressError' | 'InvalidTransitionError'>): string {
  const details: Record<string, string> = {
    InvalidInputError: 'field',
    AlreadyExistsError: 'field',
    NotFoundError: 'id',
    ConnectionFailedError: 'reason',
    ScanInProgressError: 'scanId',
    InvalidTransitionError: 'from to',
  };
  return `__typename ... on UserError { message code } ${types.map((type) => `... on ${type} { ${details[type]} }`).join(' ')}`;
}

describe('createClient', () => {
  const create = `mutation($name: String!) { createClient(input: { name: $name }) {
    ${errorFields('InvalidInputError', 'AlreadyExistsError')} ... on CreateClientSuccess { client { id name } } } }`;

  it('creates a client', async () => {
    const data = await mutate(create, { name: '  Moulin Rouge SA ' });
    expect(data.createClient.__typename).toBe('CreateClientSuccess');
    expect(data.createClient.client.name).toBe('Moulin Rouge SA');
    const listed = await api.request(partner.keys.read, '{ clients(search: "moulin") { nodes { id } } }');
    expect(listed.body.data?.clients.nodes).toEqual([{ id: data.createClient.client.id }]);
  });

  it('refuses a blank name and a name already used', async () => {
    expect((await mutate(create, { name: '   ' })).createClient).toMatchObject({ __typename: 'InvalidInputError', field: 'name', code: 'INVALID_INPUT' });
    const taken = (await mutate(create, { name: 'brasserie dupont' })).createClient;
    expect(taken).toMatchObject({ __typename: 'AlreadyExistsError', field: 'name' });
    expect(taken.message).toContain('already exists');
  });
});

describe('registerInstance', () => {
  const register = `mutation($input: RegisterInstanceInput!) { registerInstance(input: $input) {
    ${errorFields('InvalidInputError', 'AlreadyExistsError', 'NotFoundError', 'ConnectionFailedError')} ... on InstanceSuccess { instance { id name url database login protocol secretKind schedule tags status client { name } } } } }`;

  const input = (overrides: Record<string, unknown> = {}) => ({
    clientId: globalId('Client', clientId),
    name: 'Production',
    url: `${odoo.url}/`,
    database: odoo.database,
    login: odoo.apiKeyUser.login,
    secret: odoo.apiKeyUser.apiKey,
    secretKind: 'api_key',
    schedule: '0 3 * * *',
    tags: ['eu', 'eu', ' prod '],
    ...overrides,
  });

  it('logs in once, then stores the instance with its secret encrypted', async () => {
    const data = await mutate(register, { input: input() });
    expect(data.registerInstance).toMatchObject({
      __typename: 'InstanceSuccess',
      instance: {
        name: 'Production',
        url: odoo.url,
        database: odoo.database,
        login: odoo.apiKeyUser.login,
        protocol: 'xmlrpc',
        secretKind: 'api_key',
        schedule: '0 3 * * *',
        tags: ['eu', 'prod'],
        status: 'never_scanned',
        client: { name: 'Brasserie Dupont' },
      },
    });
    expect(odoo.calls.some((call) => call.method === 'authenticate')).toBe(true);
    const id = Buffer.from(data.registerInstance.instance.id, 'base64').toString().split(':')[1];
    const row = await api.db.instance.findUniqueOrThrow({ where: { id }, omit: { secret: false } });
    expect(row.secret).not.toContain(odoo.apiKeyUser.apiKey);
    expect(decryptSecret(row.secret, api.keyring, instanceSecretContext(id))).toBe(odoo.apiKeyUser.apiKey);
  });

  it('says what failed when the login is refused, and stores nothing', async () => {
    const before = await api.db.instance.count();
    const data = await mutate(register, { input: input({ name: 'Refused', login: 'admin', secret: 'not-the-password', secretKind: 'password' }) });
    expect(data.registerInstance).toMatchObject({ __typename: 'ConnectionFailedError', reason: 'bad_credentials', code: 'CONNECTION_FAILED' });
    expect(data.registerInstance.message).toMatch(/admin/);
    expect(data.registerInstance.message).not.toContain('not-the-password');
    expect(await api.db.instance.count()).toBe(before);
  });

  it('tells an unknown database and an unreachable address apart', async () => {
    const unknownDb = await mutate(register, { input: input({ name: 'No db', database: 'no_such_db' }) });
    expect(unknownDb.registerInstance).toMatchObject({ __typename: 'ConnectionFailedError', reason: 'unknown_database' });
    const unreachable = await mutate(register, { input: input({ name: 'Down', url: `http://127.0.0.1:${closedPort}` }) });
    expect(unreachable.registerInstance).toMatchObject({ __typename: 'ConnectionFailedError', reason: 'unreachable' });
  });

  it('checks the input before trying to connect', async () => {
    const calls = odoo.calls.length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'erp.example.com' }, 'url'],
      [{ url: 'ftp://erp.example.com' }, 'url'],
      [{ url: 'https://user:pw@erp.example.com' }, 'url'],
      [{ name: ' ' }, 'name'],
      [{ secret: '' }, 'secret'],
      [{ schedule: '0 3 * *' }, 'schedule'],
      [{ schedule: '*/5 * * * *' }, 'schedule'],
      [{ clientId: globalId('Instance', clientId) }, 'clientId'],
    ];
    for (const [overrides, field] of cases) {
      const result = (await mutate(register, { input: input({ name: 'Checked', ...overrides }) })).registerInstance;
      expect(result, JSON.stringify(overrides)).toMatchObject({ __typename: 'InvalidInputError', field });
      expect(result.message.length).toBeGreaterThan(10);
    }
    expect(odoo.calls.length).toBe(calls);
  });

  it('refuses an unknown client and a name the client already uses', async () => {
    const missing = globalId('Client', '018f0000-0000-7000-8000-000000000000');
    expect((await mutate(register, { input: input({ clientId: missing }) })).registerInstance).toMatchObject({ __typename: 'NotFoundError', id: missing });
    expect((await mutate(register, { input: input({ name: 'Production' }) })).registerInstance).toMatchObject({
      __typename: 'AlreadyExistsError',
      field: 'name',
    });
  });
});

describe('updateInstance', () => {
  const update = `mutation($id: ID!, $input: UpdateInstanceInput!) { updateInstance(id: $id, input: $input) {
    ${errorFields('InvalidInputError', 'AlreadyExistsError', 'NotFoundError', 'ConnectionFailedError')} ... on InstanceSuccess { instance { name login schedule tags secretKind client { name } } } } }`;
  let instanceId: string;

  beforeAll(async () => {
    instanceId = await seedInstance(api, { partnerId: partner.partnerId, clientId, name: 'Staging', url: odoo.url, secret: odoo.admin.password });
    await api.db.instance.update({ where: { id: instanceId }, data: { database: odoo.database, login: 'admin', schedule: '0 4 * * 1' } });
  });

  it('changes names, tags and schedule without a connection test', async () => {
    const calls = odoo.calls.length;
    const data = await mutate(update, { id: globalId('Instance', instanceId), input: { name: 'Staging 2', tags: ['test'], schedule: null } });
    expect(data.updateInstance).toMatchObject({ __typename: 'InstanceSuccess', instance: { name: 'Staging 2', tags: ['test'], schedule: null, login: 'admin' } });
    expect(odoo.calls.length).toBe(calls);
  });

  it('accepts every schedule the scheduler runs, and stores it as the scheduler reads it', async () => {
    const cases: Array<[typed: string, stored: string]> = [
      ['daily', 'daily'],
      [' Weekly ', 'weekly'],
      ['30  2 * * 1-5', '30 2 * * 1-5'],
      ['H 3 * * *', 'H 3 * * *'],
      ['@daily', '@daily'],
    ];
    for (const [typed, stored] of cases) {
      const data = await mutate(update, { id: globalId('Instance', instanceId), input: { schedule: typed } });
      expect(data.updateInstance, typed).toMatchObject({ __typename: 'InstanceSuccess', instance: { schedule: stored } });
      const row = await api.db.instance.findUniqueOrThrow({ where: { id: instanceId }, select: { schedule: true } });
      expect(row.schedule).toBe(stored);
      // The scheduler reads the stored value for this instance without complaint.
      expect(nextRun(row.schedule!, { seed: instanceId, timezone: 'UTC' }, new Date('2026-01-01T00:00:00Z')).getTime()).toBeGreaterThan(Date.UTC(2026, 0, 1));
    }
  });

  it('tests new connection settings with the stored secret, and keeps the old ones when the test fails', async () => {
    const refused = await mutate(update, { id: globalId('Instance', instanceId), input: { login: odoo.apiKeyUser.login } });
    expect(refused.updateInstance).toMatchObject({ __typename: 'ConnectionFailedError', reason: 'bad_credentials' });
    const unchanged = await api.db.instance.findUniqueOrThrow({ where: { id: instanceId } });
    expect(unchanged.login).toBe('admin');

    const changed = await mutate(update, {
      id: globalId('Instance', instanceId),
      input: { login: odoo.apiKeyUser.login, secret: odoo.apiKeyUser.apiKey, secretKind: 'api_key' },
    });
    expect(changed.updateInstance).toMatchObject({ __typename: 'InstanceSuccess', instance: { login: odoo.apiKeyUser.login, secretKind: 'api_key' } });
    const row = await api.db.instance.findUniqueOrThrow({ where: { id: instanceId }, omit: { secret: false } });
    expect(decryptSecret(row.secret, api.keyring, instanceSecretContext(instanceId))).toBe(odoo.apiKeyUser.apiKey);
  });

  it('moves an instance to another client, refusing a name clash there', async () => {
    const other = await seedClient(api.db, partner.partnerId, 'Other client');
    await seedInstance(api, { partnerId: partner.partnerId, clientId: other, name: 'Staging 2' });
    const clash = await mutate(update, { id: globalId('Instance', instanceId), input: { clientId: globalId('Client', other) } });
    expect(clash.updateInstance).toMatchObject({ __typename: 'AlreadyExistsError', field: 'name' });
    const moved = await mutate(update, { id: globalId('Instance', instanceId), input: { clientId: globalId('Client', other), name: 'Staging 3' } });
    expect(moved.updateInstance).toMatchObject({ instance: { name: 'Staging 3', client: { name: 'Other client' } } });
  });

  it('gives NotFoundError for an unknown instance', async () => {
    const missing = globalId('Instance', '018f0000-0000-7000-8000-000000000000');
    expect((await mutate(update, { id: missing, input: { name: 'x' } })).updateInstance).toMatchObject({ __typename: 'NotFoundError', id: missing });
  });
});

describe('removeInstance', () => {
  const remove = `mutation($id: ID!, $purge: Boolean) { removeInstance(id: $id, purge: $purge) {
    ${errorFields('InvalidInputError', 'NotFoundError')} ... on RemoveInstanceSuccess { removedInstanceId purged } } }`;

  it('purges an instance with its scans and findings', async () => {
    const id = await seedInstance(api, { partnerId: partner.partnerId, clientId, name: 'To purge' });
    await seedScan(api.db, { partnerId: partner.partnerId, instanceId: id, score: 50 });
    await seedFinding(api.db, { partnerId: partner.partnerId, instanceId: id });
    const data = await mutate(remove, { id: globalId('Instance', id), purge: true });
    expect(data.removeInstance).toEqual({ __typename: 'RemoveInstanceSuccess', removedInstanceId: globalId('Instance', id), purged: true });
    expect(await api.db.scan.count({ where: { instanceId: id } })).toBe(0);
    expect(await api.db.finding.count({ where: { instanceId: id } })).toBe(0);
    expect((await mutate(remove, { id: globalId('Instance', id), purge: true })).removeInstance.__typename).toBe('NotFoundError');
  });

  it('removes an instance from the lists but keeps its history', async () => {
    const id = await seedInstance(api, { partnerId: partner.partnerId, clientId, name: 'Retired' });
    const scanId = await seedScan(api.db, { partnerId: partner.partnerId, instanceId: id, score: 50 });
    const data = await mutate(remove, { id: globalId('Instance', id) });
    expect(data.removeInstance).toMatchObject({ __typename: 'RemoveInstanceSuccess', purged: false });
    const read = await api.request(partner.keys.read, `query($id: ID!) { instances { nodes { name } } instance(id: $id) { removedAt } scans(filter: { instanceId: $id }) { nodes { id } } }`, {
      id: globalId('Instance', id),
    });
    expect(read.body.data?.instances.nodes.map((n: { name: string }) => n.name)).not.toContain('Retired');
    expect(read.body.data?.instance.removedAt).not.toBeNull();
    expect(read.body.data?.scans.nodes).toEqual([{ id: globalId('Scan', scanId) }]);
  });
});

describe('startScan', () => {
  const start = `mutation($id: ID!) { startScan(instanceId: $id) {
    ${errorFields('InvalidInputError', 'NotFoundError', 'ScanInProgressError')} ... on StartScanSuccess { scan { id status trigger instance { name } } } } }`;

  it('queues a scan, and refuses a second while the first is queued', async () => {
    const id = await seedInstance(api, { partnerId: partner.partnerId, clientId, name: 'Scanned' });
    const first = (await mutate(start, { id: globalId('Instance', id) })).startScan;
    expect(first).toMatchObject({ __typename: 'StartScanSuccess', scan: { status: 'queued', trigger: 'api', instance: { name: 'Scanned' } } });
    const second = (await mutate(start, { id: globalId('Instance', id) })).startScan;
    expect(second).toMatchObject({ __typename: 'ScanInProgressError', scanId: first.scan.id, code: 'SCAN_IN_PROGRESS' });
  });

  it('gives NotFoundError for an unknown instance', async () => {
    const missing = globalId('Instance', '018f0000-0000-7000-8000-000000000000');
    expect((await mutate(start, { id: missing })).startScan).toMatchObject({ __typename: 'NotFoundError' });
  });
});

describe('finding lifecycle', () => {
  const FINDING = `${errorFields('InvalidInputError', 'NotFoundError', 'InvalidTransitionError')}
    ... on FindingSuccess { finding { status acknowledgedBy reason acceptedRiskUntil resolvedBy reopenedAt } }`;
  const acknowledge = `mutation($id: ID!) { acknowledgeFinding(id: $id) { ${FINDING} } }`;
  const accept = `mutation($id: ID!, $reason: String!, $until: DateTime!) { acceptFindingRisk(id: $id, reason: $reason, until: $until) { ${FINDING} } }`;
  const falsePositive = `mutation($id: ID!, $reason: String!) { markFindingFalsePositive(id: $id, reason: $reason) { ${FINDING} } }`;
  const reopen = `mutation($id: ID!) { reopenFinding(id: $id) { ${FINDING} } }`;
  let instanceId: string;
  const future = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();

  beforeAll(async () => {
    instanceId = await seedInstance(api, { partnerId: partner.partnerId, clientId, name: 'Findings' });
  });

  it('acknowledges an open finding once, naming the key that did', async () => {
    const id = globalId('Finding', await seedFinding(api.db, { partnerId: partner.partnerId, instanceId }));
    const done = (await mutate(acknowledge, { id })).acknowledgeFinding;
    expect(done.__typename).toBe('FindingSuccess');
    expect(done.finding.status).toBe('acknowledged');
    expect(done.finding.acknowledgedBy).toContain(partner.keys.write.split('_').slice(0, 2).join('_'));
    const again = (await mutate(acknowledge, { id })).acknowledgeFinding;
    expect(again).toMatchObject({ __typename: 'InvalidTransitionError', from: 'acknowledged', to: 'acknowledged' });
  });

  it('accepts a risk until a future date with a reason, and refuses a past date or a blank reason', async () => {
    const id = globalId('Finding', await seedFinding(api.db, { partnerId: partner.partnerId, instanceId }));
    expect((await mutate(accept, { id, reason: 'Firewalled', until: '2020-01-01T00:00:00Z' })).acceptFindingRisk).toMatchObject({
      __typename: 'InvalidInputError',
      field: 'until',
    });
    expect((await mutate(accept, { id, reason: '  ', until: future })).acceptFindingRisk).toMatchObject({ __typename: 'InvalidInputError', field: 'reason' });
    const done = (await mutate(accept, { id, reason: 'Only reachable through the VPN', until: future })).acceptFindingRisk;
    expect(done.finding).toMatchObject({ status: 'accepted_risk', reason: 'Only reachable through the VPN' });
    expect(new Date(done.finding.acceptedRiskUntil).getTime()).toBe(new Date(future).getTime());
  });

  it('marks a false positive, then reopens it', async () => {
    const id = globalId('Finding', await seedFinding(api.db, { partnerId: partner.partnerId, instanceId }));
    const marked = (await mutate(falsePositive, { id, reason: 'The module is not installed' })).markFindingFalsePositive;
    expect(marked.finding).toMatchObject({ status: 'false_positive', reason: 'The module is not installed' });
    expect(marked.finding.resolvedBy).toContain('API key');
    const reopened = (await mutate(reopen, { id })).reopenFinding;
    expect(reopened.finding).toMatchObject({ status: 'open', reason: null, resolvedBy: null });
    expect(reopened.finding.reopenedAt).not.toBeNull();
    expect((await mutate(reopen, { id })).reopenFinding).toMatchObject({ __typename: 'InvalidTransitionError', from: 'open', to: 'open' });
  });

  it('leaves a resolved finding to the scans, saying so', async () => {
    const id = globalId('Finding', await seedFinding(api.db, { partnerId: partner.partnerId, instanceId, status: 'resolved' }));
    for (const [text, variables] of [
      [acknowledge, { id }],
      [reopen, { id }],
      [falsePositive, { id, reason: 'x' }],
    ] as const) {
      const result = Object.values(await mutate(text, variables))[0];
      expect(result).toMatchObject({ __typename: 'InvalidTransitionError', from: 'resolved' });
      expect(result.message).toMatch(/reopens by itself/);
    }
  });

  it('gives NotFoundError for an unknown finding and InvalidInputError for an id of another kind', async () => {
    const missing = globalId('Finding', '018f0000-0000-7000-8000-000000000000');
    expect((await mutate(acknowledge, { id: missing })).acknowledgeFinding).toMatchObject({ __typename: 'NotFoundError', id: missing });
    expect((await mutate(acknowledge, { id: globalId('Instance', instanceId) })).acknowledgeFinding).toMatchObject({ __typename: 'InvalidInputError', field: 'id' });
    expect((await mutate(acknowledge, { id: 'not-an-id' })).acknowledgeFinding).toMatchObject({ __typename: 'InvalidInputError', field: 'id' });
  });
});

describe('API keys', () => {
  const create = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
    ${errorFields('InvalidInputError')} ... on CreateApiKeySuccess { key apiKey { id name prefix scopes active expiresAt } } } }`;
  const revoke = `mutation($id: ID!) { revokeApiKey(id: $id) { ${errorFields('InvalidInputError', 'NotFoundError')} ... on RevokeApiKeySuccess { apiKey { active revokedAt } } } }`;

  it('creates a key that works at once with its scopes, shown once', async () => {
    const data = await mutate(create, { input: { name: 'Ticketing', scopes: ['write'] } }, partner.keys.admin);
    const { key, apiKey } = data.createApiKey;
    expect(apiKey).toMatchObject({ name: 'Ticketing', scopes: ['write'], active: true, expiresAt: null });
    expect(key.startsWith(`${apiKey.prefix}_`)).toBe(true);
    const viewer = await api.request(key, '{ viewer { scopes apiKeyName } }');
    expect(viewer.body.data?.viewer).toEqual({ scopes: ['write', 'read'], apiKeyName: 'Ticketing' });
    const listed = await api.request(partner.keys.admin, '{ viewer { apiKeys { nodes { id name } } } }');
    expect(listed.body.data?.viewer.apiKeys.nodes).toContainEqual({ id: apiKey.id, name: 'Ticketing' });
    expect(listed.text).not.toContain(key);
  });

  it('refuses a key without scopes or already expired', async () => {
    expect((await mutate(create, { input: { name: 'None', scopes: [] } }, partner.keys.admin)).createApiKey).toMatchObject({
      __typename: 'InvalidInputError',
      field: 'scopes',
    });
    expect((await mutate(create, { input: { name: 'Old', scopes: ['read'], expiresAt: '2020-01-01T00:00:00Z' } }, partner.keys.admin)).createApiKey).toMatchObject({
      __typename: 'InvalidInputError',
      field: 'expiresAt',
    });
  });

  it('revokes a key: it stops working, and revoking again is harmless', async () => {
    const { key, apiKey } = (await mutate(create, { input: { name: 'Temporary', scopes: ['read'] } }, partner.keys.admin)).createApiKey;
    expect((await api.request(key, '{ viewer { scopes } }')).status).toBe(200);
    const revoked = (await mutate(revoke, { id: apiKey.id }, partner.keys.admin)).revokeApiKey;
    expect(revoked.apiKey.active).toBe(false);
    const refused = await api.request(key, '{ viewer { scopes } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0].message).toMatch(/revoked/);
    expect((await mutate(revoke, { id: apiKey.id }, partner.keys.admin)).revokeApiKey.__typename).toBe('RevokeApiKeySuccess');
    const missing = globalId('ApiKey', '018f0000-0000-7000-8000-000000000000');
    expect((await mutate(revoke, { id: missing }, partner.keys.admin)).revokeApiKey).toMatchObject({ __typename: 'NotFoundError' });
  });
});
