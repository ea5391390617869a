/**
 * examples/: every operation is valid against the schema, together they reach every root field,
 * and examples/subscribe.ts works as a partner would run it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../server/src/graphql/schema.ts';
import { createPartner, publishUntil, seedClient, seedFinding, seedInstance, seedScan, startTestApi, type SeededPartner, type TestApi } from './support.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const OPERATIONS = `${EXAMPLES}graphql/`;
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

describe('example operations', () => {
  const files = readdirSync(OPERATIONS).filter((name) => name.endsWith('.graphql'));

  it('are valid against the schema', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const document = parse(readFileSync(`${OPERATIONS}${file}`, 'utf8'));
      expect(validate(schema, document).map((error) => error.message), file).toEqual([]);
    }
  });

  it('show every query, mutation and subscription', () => {
    const used = new Set<string>();
    for (const file of files) {
      for (const definition of parse(readFileSync(`${OPERATIONS}${file}`, 'utf8')).definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const selection of (definition as OperationDefinitionNode).selectionSet.selections) {
          if (selection.kind === Kind.FIELD) used.add(`${definition.operation}.${selection.name.value}`);
        }
      }
    }
    const expected = [
      ...Object.keys(schema.getQueryType()!.getFields()).filter((name) => name !== 'node' && name !== 'nodes').map((name) => `query.${name}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((name) => `mutation.${name}`),
      ...Object.keys(schema.getSubscriptionType()!.getFields()).map((name) => `subscription.${name}`),
    ];
    expect(expected.filter((name) => !used.has(name))).toEqual([]);
  });
});

describe('examples/subscribe.ts', () => {
  let api: TestApi;
  let partner: SeededPartner;
  let instanceId: string;
  let scanId: string;
  let findingId: string;

  beforeAll(async () => {
    api = await startTestApi();
    partner = await createPartner(api.db, 'Acme Integrations');
    const client = await seedClient(api.db, partner.partnerId, 'Client');
    instanceId = await seedInstance(api, { partnerId: partner.partnerId, clientId: client, name: 'Brasserie prod' });
    scanId = await seedScan(api.db, { partnerId: partner.partnerId, instanceId, score: 83.5 });
    findingId = await seedFinding(api.db, { partnerId: partner.partnerId, instanceId, severity: 'critical', title: 'Database manager exposed' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('prints finished scans and new serious findings until Ctrl-C', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${EXAMPLES}subscribe.ts`], {
      cwd: REPOSITORY,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? REPOSITORY, PULSE_API_URL: api.url, PULSE_API_KEY: partner.keys.read },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await publishUntil(
        () => output.includes('scan succeeded'),
        () => api.pubSub.publish('scanFinished', partner.partnerId, { scanId, instanceId }),
      );
      await publishUntil(
        () => output.includes('new critical'),
        () => api.pubSub.publish('findingOpened', partner.partnerId, { findingId, instanceId, severity: 'critical' }),
      );
      expect(output).toContain('scan succeeded  Brasserie prod: score 83.5 (B)');
      expect(output).toContain('new critical Brasserie prod: Database manager exposed');
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(output).toContain('Stopped.');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('says what to set when the key is missing', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${EXAMPLES}subscribe.ts`], {
      cwd: REPOSITORY,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? REPOSITORY },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toContain('Set PULSE_API_KEY');
  });
});
