/**
 * What the data model guarantees by itself, through the Prisma client on real PostgreSQL: tenant
 * consistency, one finding per fingerprint and instance, and what deleting takes with it.
 */
import { gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../server/src/db/client.ts';
import { createKeyring, decryptSecret, encryptSecret, parseSecretKey } from '../../server/src/security/secrets.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const keyring = createKeyring(parseSecretKey('a'.repeat(64)));

async function tenant(name: string) {
  const partner = await db.partner.create({ data: { name } });
  const client = await db.client.create({ data: { partnerId: partner.id, name: `${name} client` } });
  const instance = await db.instance.create({
    data: {
      partnerId: partner.id,
      clientId: client.id,
      name: 'production',
      url: 'https://erp.example.com',
      database: 'prod',
      login: 'pulse',
      secret: encryptSecret('odoo-password', keyring),
    },
  });
  return { partner, client, instance };
}

function finding(partnerId: string, instanceId: string, fingerprint: string) {
  const now = new Date('2025-06-01T10:00:00Z');
  return {
    partnerId,
    instanceId,
    fingerprint,
    checkId: 'security.database-manager-exposed',
    dimension: 'security' as const,
    severity: 'high' as const,
    title: 'Database manager exposed',
    message: '/web/database/manager answers',
    object: { kind: 'endpoint', key: '/web/database/manager' },
    firstSeenAt: now,
    lastSeenAt: now,
  };
}

describe('data model', () => {
  it('stores a partner with the defaults the SLA calendar relies on', async () => {
    const partner = await db.partner.create({ data: { name: 'Defaults', hourlyRate: '95.50' } });
    expect(partner).toMatchObject({ currency: 'EUR', timezone: 'UTC', businessDays: [1, 2, 3, 4, 5] });
    expect(partner.hourlyRate?.toString()).toBe('95.5');
    expect(partner.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('keeps the instance secret only as its encrypted envelope, and leaves it out of results unless asked', async () => {
    const { instance } = await tenant('Secretive');
    expect(instance).not.toHaveProperty('secret');
    expect(await db.instance.findUniqueOrThrow({ where: { id: instance.id } })).not.toHaveProperty('secret');
    const forWorker = await db.instance.findUniqueOrThrow({ where: { id: instance.id }, omit: { secret: false } });
    expect(decryptSecret(forWorker.secret, keyring)).toBe('odoo-password');
    const raw = await db.$queryRaw<Array<{ secret_encrypted: string }>>`SELECT secret_encrypted FROM instance WHERE id = ${instance.id}::uuid`;
    expect(raw[0].secret_encrypted).toMatch(/^pulse:v1:/);
    expect(raw[0].secret_encrypted).not.toContain('odoo-password');
    expect(decryptSecret(raw[0].secret_encrypted, keyring)).toBe('odoo-password');
  });

  it("refuses an instance attached to another partner's client", async () => {
    const a = await tenant('Tenant A');
    const b = await tenant('Tenant B');
    await expect(
      db.instance.create({
        data: { partnerId: a.partner.id, clientId: b.client.id, name: 'stolen', url: 'https://x', database: 'x', login: 'x', secret: 'x' },
      }),
    ).rejects.toThrow(/Foreign key constraint/);
  });

  it("refuses scans and findings whose partner is not their instance's partner", async () => {
    const a = await tenant('Tenant C');
    const b = await tenant('Tenant D');
    await expect(db.scan.create({ data: { partnerId: b.partner.id, instanceId: a.instance.id, trigger: 'manual' } })).rejects.toThrow(
      /Foreign key constraint/,
    );
    await expect(db.finding.create({ data: finding(b.partner.id, a.instance.id, 'f1') })).rejects.toThrow(/Foreign key constraint/);
  });

  it('keeps one finding per fingerprint and instance, linked to every scan that saw it', async () => {
    const { partner, instance } = await tenant('Fingerprints');
    const first = await db.finding.create({ data: finding(partner.id, instance.id, 'abc') });
    await expect(db.finding.create({ data: finding(partner.id, instance.id, 'abc') })).rejects.toThrow(/Unique constraint/);

    const scans = await Promise.all(
      ['succeeded', 'partial'].map((status) =>
        db.scan.create({
          data: { partnerId: partner.id, instanceId: instance.id, trigger: 'schedule', status: status as 'succeeded' | 'partial', score: 81.5 },
        }),
      ),
    );
    for (const scan of scans) await db.scanFinding.create({ data: { scanId: scan.id, findingId: first.id, severity: 'high', points: 4.2 } });

    const seen = await db.finding.findUniqueOrThrow({
      where: { instanceId_fingerprint: { instanceId: instance.id, fingerprint: 'abc' } },
      include: { scans: { select: { scanId: true } } },
    });
    expect(seen.scans.map((s) => s.scanId).sort()).toEqual(scans.map((s) => s.id).sort());
    expect(seen.status).toBe('open');
  });

  it('stores the facts snapshot compressed and gives it back intact', async () => {
    const { partner, instance } = await tenant('Snapshots');
    const facts = { schemaVersion: 1, modules: Array.from({ length: 500 }, (_, i) => ({ name: `module_${i}`, state: 'installed' })) };
    const json = JSON.stringify(facts);
    const scan = await db.scan.create({
      data: { partnerId: partner.id, instanceId: instance.id, trigger: 'api', facts: gzipSync(json), dimensionScores: [{ dimension: 'security', score: 70 }] },
    });
    const plain = await db.scan.findUniqueOrThrow({ where: { id: scan.id } });
    expect(plain).not.toHaveProperty('facts');
    expect(plain).not.toHaveProperty('report');
    const stored = await db.scan.findUniqueOrThrow({ where: { id: scan.id }, select: { facts: true, dimensionScores: true } });
    expect(stored.facts!.length).toBeLessThan(json.length / 4);
    expect(JSON.parse(gunzipSync(stored.facts!).toString('utf8'))).toEqual(facts);
    expect(stored.dimensionScores).toEqual([{ dimension: 'security', score: 70 }]);
  });

  it('will not delete a client that still has instances, but deleting the partner removes everything it owns', async () => {
    const { partner, client, instance } = await tenant('Leaving');
    const scan = await db.scan.create({ data: { partnerId: partner.id, instanceId: instance.id, trigger: 'manual' } });
    const found = await db.finding.create({ data: finding(partner.id, instance.id, 'gone') });
    await db.scanFinding.create({ data: { scanId: scan.id, findingId: found.id, severity: 'high' } });
    await db.apiKey.create({ data: { partnerId: partner.id, name: 'k', prefix: `p${Date.now()}`, hash: 'a'.repeat(64), scopes: ['read'] } });

    await expect(db.client.delete({ where: { id: client.id } })).rejects.toThrow(/Foreign key constraint/);

    await db.partner.delete({ where: { id: partner.id } });
    const left = await Promise.all([
      db.client.count({ where: { partnerId: partner.id } }),
      db.instance.count({ where: { partnerId: partner.id } }),
      db.scan.count({ where: { partnerId: partner.id } }),
      db.finding.count({ where: { partnerId: partner.id } }),
      db.scanFinding.count({ where: { scanId: scan.id } }),
      db.apiKey.count({ where: { partnerId: partner.id } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
