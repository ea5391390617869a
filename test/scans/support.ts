/**
 * What the scan-storage and jobs tests share: a migrated test database with one partner, client and
 * instance pointing at an Odoo double (its secret encrypted as the API encrypts it), and a pub/sub
 * that records what is published, in order.
 */
import { createDb, type Db } from '../../server/src/db/client.ts';
import { createInProcessEventBus } from '../../server/src/events/bus.ts';
import type { PulsePubSub, PulseTopics } from '../../server/src/graphql/context.ts';
import { instanceSecretContext } from '../../server/src/jobs/scan-job.ts';
import { createKeyring, encryptSecret, parseSecretKey, type Keyring } from '../../server/src/security/secrets.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import type { OdooDouble } from '../support/odoo-double/index.ts';

export const TEST_KEY_HEX = 'b'.repeat(64);
export const keyring: Keyring = createKeyring(parseSecretKey(TEST_KEY_HEX));

export type Published = { [T in keyof PulseTopics]: { topic: T; partnerId: PulseTopics[T][0]; payload: PulseTopics[T][1] } }[keyof PulseTopics];

/** An in-process pub/sub that also keeps every publish, in order. */
export function recordingPubSub(): { pubSub: PulsePubSub; published: Published[] } {
  const { pubSub } = createInProcessEventBus();
  const published: Published[] = [];
  const recording: PulsePubSub = {
    publish: ((topic: keyof PulseTopics, partnerId: string, payload: never) => {
      published.push({ topic, partnerId, payload } as Published);
      pubSub.publish(topic, partnerId, payload);
    }) as PulsePubSub['publish'],
    subscribe: pubSub.subscribe,
  };
  return { pubSub: recording, published };
}

export interface Tenant {
  partnerId: string;
  clientId: string;
}

export async function createTenant(db: Db, name: string, timezone = 'UTC'): Promise<Tenant> {
  const partner = await db.partner.create({ data: { name, timezone } });
  const client = await db.client.create({ data: { partnerId: partner.id, name: `${name} client` } });
  return { partnerId: partner.id, clientId: client.id };
}

export interface InstanceSettings {
  name?: string;
  url?: string;
  database?: string;
  login?: string;
  password?: string;
  schedule?: string | null;
  createdAt?: Date;
}

/** An instance of `odoo` (admin login), or with the settings given. */
export async function createInstance(db: Db, tenant: Tenant, odoo: OdooDouble | null, settings: InstanceSettings = {}): Promise<string> {
  const instance = await db.instance.create({
    data: {
      partnerId: tenant.partnerId,
      clientId: tenant.clientId,
      name: settings.name ?? 'production',
      url: settings.url ?? odoo!.url,
      database: settings.database ?? odoo?.database ?? 'odoo',
      login: settings.login ?? odoo?.admin.login ?? 'admin',
      secret: 'placeholder',
      schedule: settings.schedule ?? null,
      ...(settings.createdAt ? { createdAt: settings.createdAt } : {}),
    },
    select: { id: true },
  });
  const secret = encryptSecret(settings.password ?? odoo?.admin.password ?? 'admin', keyring, instanceSecretContext(instance.id));
  await db.instance.update({ where: { id: instance.id }, data: { secret }, select: { id: true } });
  return instance.id;
}

export interface DatabaseFixture {
  database: TestDatabase;
  db: Db;
  close(): Promise<void>;
}

export async function openDatabase(): Promise<DatabaseFixture> {
  const database = await createTestDatabase();
  const db = createDb(database.url, { maxConnections: 5 });
  return {
    database,
    db,
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** Polls `probe` until it returns something other than undefined/false (a wait, not a timing assertion). */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
