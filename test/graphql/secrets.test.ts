/**
 * Instance secrets are write-only: after registering, updating, failing connection tests and an
 * unexpected failure, the secret (and its encrypted form) appears in no response and no log line.
 * The same holds for the credentials of a git code source.
 */
import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectToOdoo } from '../../server/src/graphql/context.ts';
import { schema } from '../../server/src/graphql/schema.ts';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double/index.ts';
import { createPartner, globalId, seedClient, seedInstance, startTestApi, type SeededPartner, type TestApi } from './support.ts';

let api: TestApi;
let odoo: OdooDouble;
let partner: SeededPartner;
let clientId: string;
const WRONG_SECRET = 'Wrong-Secret-9f3a7c1e';
const EXPLODING_SECRET = 'Exploding-Secret-5d2b8e';

beforeAll(async () => {
  odoo = await startOdooDouble({ series: '17.0' });
  api = await startTestApi({
    // The real connector; one login makes it fail in a way nobody planned, with the secret in the error.
    connect: async (options) => {
      if (options.login === 'explode') throw new TypeError(`cannot read property of ${options.secret}`);
      return connectToOdoo(options);
    },
  });
  partner = await createPartner(api.db, 'Acme Integrations');
  clientId = globalId('Client', await seedClient(api.db, partner.partnerId, 'Client'));
});

afterAll(async () => {
  await api?.close();
  await odoo?.close();
});

/** Every field of a type without arguments, objects reduced to their typename. */
function everyInstanceField(typename = 'Instance'): string {
  const type = schema.getType(typename) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((field) => field.args.every((arg) => !arg.type.toString().endsWith('!')))
    .map((field) => (isObjectType(getNamedType(field.type)) ? `${field.name} { __typename }` : field.name))
    .join(' ');
}

it('never returns or logs an instance secret', async () => {
  const register = `mutation($input: RegisterInstanceInput!) { registerInstance(input: $input) {
    __typename ... on UserError { message } ... on InstanceSuccess { instance { ${everyInstanceField()} } } } }`;
  const base = { clientId, url: odoo.url, database: odoo.database, secretKind: 'api_key' };

  const registered = await api.request(partner.keys.write, register, {
    input: { ...base, name: 'Prod', login: odoo.apiKeyUser.login, secret: odoo.apiKeyUser.apiKey },
  });
  expect(registered.body.data?.registerInstance.__typename).toBe('InstanceSuccess');
  const id = registered.body.data?.registerInstance.instance.id as string;

  const refused = await api.request(partner.keys.write, register, { input: { ...base, name: 'Refused', login: 'admin', secret: WRONG_SECRET } });
  expect(refused.body.data?.registerInstance.__typename).toBe('ConnectionFailedError');

  const exploded = await api.request(partner.keys.write, register, { input: { ...base, name: 'Boom', login: 'explode', secret: EXPLODING_SECRET } });
  expect(exploded.body.errors?.[0].message).toBe('Unexpected error.');
  expect(api.logs.some((line) => line.includes('connection test failed unexpectedly'))).toBe(true);

  const updated = await api.request(
    partner.keys.write,
    `mutation($id: ID!, $secret: String!) { updateInstance(id: $id, input: { secret: $secret, login: "admin", secretKind: password }) { __typename ... on UserError { message } } }`,
    { id, secret: WRONG_SECRET },
  );
  expect(updated.body.data?.updateInstance.__typename).toBe('ConnectionFailedError');

  await api.request(partner.keys.read, `query($id: ID!) {
    instance(id: $id) { ${everyInstanceField()} }
    node(id: $id) { ... on Instance { ${everyInstanceField()} } }
    instances { nodes { ${everyInstanceField()} } }
  }`, { id });
  await api.request(partner.keys.read, '{ __type(name: "Instance") { fields { name } } }');

  const stored = await api.db.instance.findMany({ select: { secret: true } });
  const secrets = [odoo.apiKeyUser.apiKey, WRONG_SECRET, EXPLODING_SECRET, ...stored.map((row) => row.secret)];
  expect(api.responses.length).toBeGreaterThan(5);
  expect(api.logs.length).toBeGreaterThan(5);
  for (const secret of secrets) {
    for (const body of api.responses) expect(body).not.toContain(secret);
    for (const line of api.logs) expect(line).not.toContain(secret);
  }
  // Nor are the API keys the requests were made with.
  for (const key of Object.values(partner.keys)) for (const line of api.logs) expect(line).not.toContain(key);
});

it('never returns or logs the credentials of a git code source', async () => {
  const token = 'glpat-Code-Source-Token-7c1e9a';
  const rawId = await seedInstance(api, { partnerId: partner.partnerId, clientId: await seedClient(api.db, partner.partnerId, 'Git client'), name: 'With git' });
  const id = globalId('Instance', rawId);
  const set = `mutation($id: ID!, $git: GitSourceInput!) { setCodeSource(instanceId: $id, git: $git) {
    __typename ... on UserError { message } ... on CodeSourceSuccess { codeSource { ${everyInstanceField('CodeSource')} } } } }`;
  const stored = await api.request(partner.keys.write, set, { id, git: { url: `https://pulse-bot:${token}@github.com/acme/private-addons.git`, ref: 'main' } });
  expect(stored.body.data?.setCodeSource.codeSource.url).toBe('https://***@github.com/acme/private-addons.git');
  // Refused ones, each for another reason, say why without repeating the URL's user part.
  for (const url of [
    `https://pulse-bot:${token}@git.evil.example/acme/addons.git`,
    `https://pulse-bot:${token}@github.com/acme/addons.git?ref=main`,
    `http://pulse-bot:${token}@github.com/acme/addons.git`,
    `https://pulse-bot:${token}@github.com:port/acme/addons.git`,
    `ftp://pulse-bot:${token}@github.com/acme/addons.git`,
  ]) {
    const refused = await api.request(partner.keys.write, set, { id, git: { url } });
    expect(refused.body.data?.setCodeSource.__typename, url).toBe('InvalidInputError');
  }
  await api.request(partner.keys.read, `query($id: ID!) {
    instance(id: $id) { codeSource { ${everyInstanceField('CodeSource')} } }
    instances { nodes { codeSource { ${everyInstanceField('CodeSource')} } } }
  }`, { id });

  const row = await api.db.codeSource.findUniqueOrThrow({ where: { instanceId: rawId }, omit: { gitCredentials: false } });
  expect(row.gitCredentials).toMatch(/^pulse:v1:/);
  for (const secret of [token, row.gitCredentials!]) {
    for (const body of api.responses) expect(body).not.toContain(secret);
    for (const line of api.logs) expect(line).not.toContain(secret);
  }
  expect(api.logs.some((line) => line.includes('code source set'))).toBe(true);
});

it('has no field that could carry a secret', () => {
  const codeSource = schema.getType('CodeSource') as GraphQLObjectType;
  expect(Object.keys(codeSource.getFields()).filter((name) => /secret|password|token|credential|archive$/i.test(name))).toEqual([]);
  const instance = schema.getType('Instance') as GraphQLObjectType;
  expect(Object.keys(instance.getFields()).filter((name) => /secret|password|token/i.test(name))).toEqual(['secretKind']);
  const apiKey = schema.getType('ApiKey') as GraphQLObjectType;
  expect(Object.keys(apiKey.getFields()).filter((name) => /hash|secret|key$/i.test(name))).toEqual([]);
});
