/** Depth, breadth and cost limits per operation: refused before anything runs, with a clear error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/src/graphql/limits.ts';
import { createPartner, seedClient, seedInstance, startTestApi, type SeededPartner, type TestApi } from './support.ts';

let api: TestApi;
let partner: SeededPartner;

beforeAll(async () => {
  api = await startTestApi();
  partner = await createPartner(api.db, 'Acme Integrations');
  const client = await seedClient(api.db, partner.partnerId, 'Client');
  await seedInstance(api, { partnerId: partner.partnerId, clientId: client, name: 'Prod' });
});

afterAll(async () => {
  await api?.close();
});

/** instances → client → instances → client …, `levels` times: each level is 3 selections deep. */
function nested(levels: number): string {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `client { name instances(first: 1) { nodes { ${inner} } } }`;
  return `{ instances(first: 1) { nodes { ${inner} } } }`;
}

describe('limits', () => {
  it('runs an ordinary nested query', async () => {
    const response = await api.request(partner.keys.read, `{
      clients(first: 20) { totalCount nodes { name instances(first: 20) { nodes { name score status latestScan { status score } } } } }
      portfolio { averageScore weakestDimensions { dimension averageScore } }
    }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.clients.totalCount).toBe(1);
  });

  it('refuses a query nested deeper than the limit, saying how deep it is', async () => {
    const response = await api.request(partner.keys.read, nested(5));
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(response.body.errors?.[0]?.message).toMatch(new RegExp(`\\d+ levels deep; the limit is ${DEFAULT_LIMITS.depth}`));
    expect(response.body.data ?? null).toBeNull();
  });

  it('refuses a query whose page sizes multiply past the cost limit, and says what to do', async () => {
    const response = await api.request(
      partner.keys.read,
      '{ clients(first: 100) { nodes { instances(first: 100) { nodes { name url login tags status score grade } } } } }',
    );
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(response.body.errors?.[0]?.message).toMatch(new RegExp(`cost is \\d+; the limit is ${DEFAULT_LIMITS.complexity}\\. Ask for smaller pages`));
  });

  it('accepts the same shape with smaller pages', async () => {
    const response = await api.request(
      partner.keys.read,
      '{ clients(first: 10) { nodes { instances(first: 10) { nodes { name url login tags status score grade } } } } }',
    );
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses an operation selecting too many fields', async () => {
    const aliases = Array.from({ length: DEFAULT_LIMITS.breadth + 1 }, (_, i) => `a${i}: viewer { apiKeyName }`).join(' ');
    const response = await api.request(partner.keys.read, `{ ${aliases} }`);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_BROAD');
  });

  it('checks a mutation before it runs: nothing is changed by a refused one', async () => {
    let inner = 'name';
    for (let i = 0; i < 5; i++) inner = `instances(first: 1) { nodes { client { ${inner} } } }`;
    const response = await api.request(
      partner.keys.write,
      `mutation { createClient(input: { name: "Too deep" }) { ... on CreateClientSuccess { client { ${inner} } } } }`,
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(await api.db.client.count({ where: { name: 'Too deep' } })).toBe(0);
  });
});
