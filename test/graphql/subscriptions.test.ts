/**
 * Subscriptions over graphql-ws (the `ws` client) and SSE (fetch with Accept: text/event-stream),
 * fed by the pub/sub the jobs layer publishes to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
