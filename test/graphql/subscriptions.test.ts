/**
 * Subscriptions over graphql-ws (the `ws` client) and SSE (fetch with Accept: text/event-stream),
 * fed by the pub/sub the jobs layer publishes to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countingDb,
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
let partner: SeededPartner;
const ids = {} as Record<'i1' | 'i2' | 'sentinelScan' | 'scan1' | 'scan2' | 'otherScan', string>;

beforeAll(async () => {
  api = await startTestApi();
  partner = await createPartner(api.db, 'Acme Integrations');
  const { partnerId } = partner;
  const client = await seedClient(api.db, partnerId, 'Client');
  ids.i1 = await seedInstance(api, { partnerId, clientId: client, name: 'One' });
  ids.i2 = await seedInstance(api, { partnerId, clientId: client, name: 'Two' });
  ids.sentinelScan = await seedScan(api.db, { partnerId, instanceId: ids.i1, score: 10 });
  ids.scan1 = await seedScan(api.db, { partnerId, instanceId: ids.i1, score: 81 });
  ids.scan2 = await seedScan(api.db, { partnerId, instanceId: ids.i1, score: 77 });
  ids.otherScan = await seedScan(api.db, { partnerId, instanceId: ids.i2, score: 50 });
});

afterAll(async () => {
  await api?.close();
});

type ScanEvent = { scanFinished: { id: string; status: string; score: number; instance: { name: string } } };

const SCAN_FINISHED = `subscription($instanceIds: [ID!]) { scanFinished(instanceIds: $instanceIds) { id status score instance { name } } }`;

function publishScanFinished(scanId: string, instanceId: string): void {
  api.pubSub.publish('scanFinished', partner.partnerId, { scanId, instanceId });
}

/** Waits until the subscription is live (a sentinel scan event arrives), ignoring later sentinels. */
async function whenLive(subscription: { events: ScanEvent[] }): Promise<void> {
  await publishUntil(
    () => subscription.events.length > 0,
    () => publishScanFinished(ids.sentinelScan, ids.i1),
  );
}

const notSentinel = (event: ScanEvent) => event.scanFinished.id !== globalId('Scan', ids.sentinelScan);

describe('graphql-ws', () => {
  it('sends a finished scan, read from the database', async () => {
    const subscription = subscribeWs<ScanEvent>(api.wsClient(partner.keys.read), SCAN_FINISHED);
    await whenLive(subscription);
    publishScanFinished(ids.scan1, ids.i1);
    const event = await subscription.waitFor(notSentinel);
    expect(event.scanFinished).toEqual({ id: globalId('Scan', ids.scan1), status: 'succeeded', score: 81, instance: { name: 'One' } });
    subscription.stop();
  });

  it('sends only the instances asked for', async () => {
    const subscription = subscribeWs<ScanEvent>(api.wsClient(partner.keys.read), SCAN_FINISHED, { instanceIds: [globalId('Instance', ids.i1)] });
    await whenLive(subscription);
    publishScanFinished(ids.otherScan, ids.i2);
    publishScanFinished(ids.scan2, ids.i1);
    const event = await subscription.waitFor(notSentinel);
    expect(event.scanFinished.id).toBe(globalId('Scan', ids.scan2));
    expect(subscription.events.some((e) => e.scanFinished.id === globalId('Scan', ids.otherScan))).toBe(false);
    subscription.stop();
  });

  it('accepts the key in the upgrade request header too', async () => {
    const subscription = subscribeWs<ScanEvent>(api.wsClient(partner.keys.read, { viaHeader: true }), SCAN_FINISHED);
    await whenLive(subscription);
    expect(subscription.errors).toEqual([]);
    subscription.stop();
  });

  it('refuses a subscription without a key, with the same message as HTTP', async () => {
    const subscription = subscribeWs(api.wsClient(null), SCAN_FINISHED);
    const error = (await subscription.firstError()) as { message: string; extensions?: { code?: string } };
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(/Authorization: Bearer/);
  });

  it('sends findings opened at or above the minimum severity', async () => {
    type Event = { findingOpened: { id: string; severity: string; title: string } };
    const low = await seedFinding(api.db, { partnerId: partner.partnerId, instanceId: ids.i1, severity: 'low' });
    const critical = await seedFinding(api.db, { partnerId: partner.partnerId, instanceId: ids.i1, severity: 'critical', title: 'Known CVE' });
    const sentinel = await seedFinding(api.db, { partnerId: partner.partnerId, instanceId: ids.i2, severity: 'high' });
    const subscription = subscribeWs<Event>(
      api.wsClient(partner.keys.read),
      'subscription { findingOpened(minSeverity: high) { id severity title } }',
    );
    await publishUntil(
      () => subscription.events.length > 0,
      () => api.pubSub.publish('findingOpened', partner.partnerId, { findingId: sentinel, instanceId: ids.i2, severity: 'high' }),
    );
    api.pubSub.publish('findingOpened', partner.partnerId, { findingId: low, instanceId: ids.i1, severity: 'low' });
    api.pubSub.publish('findingOpened', partner.partnerId, { findingId: critical, instanceId: ids.i1, severity: 'critical' });
    const event = await subscription.waitFor((e) => e.findingOpened.id !== globalId('Finding', sentinel));
    expect(event.findingOpened).toEqual({ id: globalId('Finding', critical), severity: 'critical', title: 'Known CVE' });
    expect(subscription.events.some((e) => e.findingOpened.id === globalId('Finding', low))).toBe(false);
    subscription.stop();
  });

  it('sends score changes with the previous score and the difference', async () => {
    type Event = { scoreChanged: { score: number; previousScore: number | null; delta: number | null; instance: { name: string }; scan: { id: string } } };
    const subscription = subscribeWs<Event>(
      api.wsClient(partner.keys.read),
      'subscription { scoreChanged { score previousScore delta instance { name } scan { id } } }',
    );
    await publishUntil(
      () => subscription.events.length > 0,
      () => api.pubSub.publish('scoreChanged', partner.partnerId, { instanceId: ids.i1, scanId: ids.scan2, score: 77, previousScore: 81 }),
    );
    expect(subscription.events[0].scoreChanged).toEqual({
      score: 77,
      previousScore: 81,
      delta: -4,
      instance: { name: 'One' },
      scan: { id: globalId('Scan', ids.scan2) },
    });
    subscription.stop();
  });

  it('sends one score change to many subscribers of a partner, each with what it asked for, and no listener-leak warning', async () => {
    type Event = { scoreChanged: { score: number; instance?: { name: string; score: number | null; status: string }; scan?: { id: string; status: string } } };
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const withInstance = 'subscription { scoreChanged { score instance { name score status } } }';
    const withScan = 'subscription { scoreChanged { score scan { id status } } }';
    const onlyTwo = 'subscription($instanceIds: [ID!]) { scoreChanged(instanceIds: $instanceIds) { score instance { name score status } } }';
    // More than ten on one partner's channel: Node warns about a leak past ten listeners on an EventTarget.
    const subscriptions = Array.from({ length: 14 }, (_, i) => {
      const client = api.wsClient(partner.keys.read);
      if (i % 7 === 6) return { query: onlyTwo, events: subscribeWs<Event>(client, onlyTwo, { instanceIds: [globalId('Instance', ids.i2)] }) };
      const query = i % 2 ? withScan : withInstance;
      return { query, events: subscribeWs<Event>(client, query) };
    });
    try {
      await publishUntil(
        () => subscriptions.every(({ events }) => events.events.length > 0),
        () => {
          api.pubSub.publish('scoreChanged', partner.partnerId, { instanceId: ids.i1, scanId: ids.scan2, score: 77, previousScore: 81 });
          api.pubSub.publish('scoreChanged', partner.partnerId, { instanceId: ids.i2, scanId: ids.otherScan, score: 50, previousScore: null });
        },
      );
      await new Promise((resolve) => setImmediate(resolve));
      for (const { query, events } of subscriptions) {
        const [first] = events.events;
        if (query === withInstance) {
          expect(first.scoreChanged).toEqual({ score: 77, instance: { name: 'One', score: 77, status: 'succeeded' } });
        } else if (query === withScan) {
          expect(first.scoreChanged).toEqual({ score: 77, scan: { id: globalId('Scan', ids.scan2), status: 'succeeded' } });
        } else {
          expect(events.events.map((event) => event.scoreChanged)).toContainEqual({ score: 50, instance: { name: 'Two', score: 50, status: 'succeeded' } });
          expect(events.events.every((event) => event.scoreChanged.instance?.name === 'Two')).toBe(true);
        }
      }
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
      for (const { events } of subscriptions) events.stop();
    }
  });

  it('sends the progress of one scan, per collector', async () => {
    type Event = { scanProgress: { scan: { id: string }; collector: string; phase: string; step: string | null; done: number | null; total: number | null } };
    const subscription = subscribeWs<Event>(
      api.wsClient(partner.keys.read),
      'subscription($scan: ID) { scanProgress(scanId: $scan) { scan { id } collector phase step done total } }',
      { scan: globalId('Scan', ids.scan1) },
    );
    await publishUntil(
      () => subscription.events.length > 0,
      () => api.pubSub.publish('scanProgress', partner.partnerId, { scanId: ids.scan1, instanceId: ids.i1, collector: 'api', phase: 'started' }),
    );
    api.pubSub.publish('scanProgress', partner.partnerId, { scanId: ids.otherScan, instanceId: ids.i2, collector: 'api', phase: 'step', step: 'users', done: 1, total: 9 });
    api.pubSub.publish('scanProgress', partner.partnerId, { scanId: ids.scan1, instanceId: ids.i1, collector: 'http', phase: 'step', step: 'headers', done: 2, total: 5 });
    const step = await subscription.waitFor((e) => e.scanProgress.phase === 'step');
    expect(step.scanProgress).toEqual({ scan: { id: globalId('Scan', ids.scan1) }, collector: 'http', phase: 'step', step: 'headers', done: 2, total: 5 });
    subscription.stop();
  });
});

describe('SSE', () => {
  it('streams a subscription to a plain HTTP client', async () => {
    const subscription = subscribeSse<ScanEvent>(api.url, partner.keys.read, SCAN_FINISHED);
    expect(await subscription.status).toBe(200);
    await whenLive(subscription);
    publishScanFinished(ids.scan1, ids.i1);
    const event = await subscription.waitFor(notSentinel);
    expect(event.scanFinished).toMatchObject({ id: globalId('Scan', ids.scan1), score: 81 });
    subscription.stop();
  });

  it('refuses a subscription without a key', async () => {
    const subscription = subscribeSse(api.url, null, SCAN_FINISHED);
    const error = (await subscription.firstError()) as { extensions?: { code?: string } };
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    subscription.stop();
  });
});

describe('database work per event', () => {
  let counted: TestApi;
  let counter: ReturnType<typeof countingDb>;
  let owner: SeededPartner;
  const rows = {} as Record<'instance' | 'scan', string>;
  const QUERY = 'subscription { scoreChanged { score instance { name } scan { id status } } }';
  type Event = { scoreChanged: { score: number; instance: { name: string }; scan: { id: string; status: string } } };

  beforeAll(async () => {
    counted = await startTestApi({ serverDb: (db) => (counter = countingDb(db)).db });
    owner = await createPartner(counted.db, 'Counted Partners');
    const client = await seedClient(counted.db, owner.partnerId, 'Client');
    rows.instance = await seedInstance(counted, { partnerId: owner.partnerId, clientId: client, name: 'Counted' });
    rows.scan = await seedScan(counted.db, { partnerId: owner.partnerId, instanceId: rows.instance, score: 64 });
  });

  afterAll(async () => {
    await counted?.close();
  });

  const publish = (score: number) =>
    counted.pubSub.publish('scoreChanged', owner.partnerId, { instanceId: rows.instance, scanId: rows.scan, score, previousScore: null });

  async function received(subscriptions: Array<{ events: Event[] }>, score: number): Promise<void> {
    await publishUntil(() => subscriptions.every((subscription) => subscription.events.some((event) => event.scoreChanged.score === score)), () => {});
  }

  /** The server's database operations while one event reaches `count` live subscribers. */
  async function operationsForOneEvent(count: number): Promise<number> {
    const subscriptions = Array.from({ length: count }, () => subscribeWs<Event>(counted.wsClient(owner.keys.read), QUERY));
    try {
      await publishUntil(() => subscriptions.every((subscription) => subscription.events.length > 0), () => publish(1));
      // Each subscriber handles its events in order: once all have this one, the earlier ones are done.
      publish(2);
      await received(subscriptions, 2);
      const before = counter.operations();
      publish(3);
      await received(subscriptions, 3);
      for (const subscription of subscriptions) {
        expect(subscription.events.at(-1)?.scoreChanged).toEqual({ score: 3, instance: { name: 'Counted' }, scan: { id: globalId('Scan', rows.scan), status: 'succeeded' } });
      }
      return counter.operations() - before;
    } finally {
      for (const subscription of subscriptions) subscription.stop();
    }
  }

  it('loads what a score change needs once per event, however many subscribers it has', async () => {
    const alone = await operationsForOneEvent(1);
    expect(alone).toBeGreaterThan(0);
    expect(await operationsForOneEvent(12)).toBe(alone);
  });
});
