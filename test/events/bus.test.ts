/**
 * The event bus: per-partner topics in-process, and across "processes" (two buses) through a real
 * Redis (PULSE_TEST_REDIS_URL, default redis://127.0.0.1:6379, which CI runs).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventBus, createInProcessEventBus, EventBusError, eventBusFromEnv, type EventBus } from '../../server/src/events/bus.ts';
import type { ScanFinishedEvent } from '../../server/src/graphql/context.ts';
import { redisSubscribers as subscribed, TEST_REDIS_URL as REDIS_URL } from './support.ts';


const opened: EventBus[] = [];
afterAll(async () => {
  await Promise.all(opened.map((bus) => bus.close()));
});

async function redisBus(prefix: string): Promise<EventBus> {
  const bus = await createEventBus({ redisUrl: REDIS_URL, channelPrefix: prefix });
  opened.push(bus);
  return bus;
}

const finished = (scanId: string): ScanFinishedEvent => ({ scanId, instanceId: 'instance-1' });

describe('in-process event bus', () => {
  it('delivers a partner its own events, in publish order, and nothing of another partner', async () => {
    const { pubSub } = createInProcessEventBus();
    const mine = pubSub.subscribe('scanFinished', 'partner-a')[Symbol.asyncIterator]();
    const theirs = pubSub.subscribe('scanFinished', 'partner-b')[Symbol.asyncIterator]();
    const first = mine.next();
    const other = theirs.next();
    pubSub.publish('scanFinished', 'partner-a', finished('scan-1'));
    pubSub.publish('scanFinished', 'partner-a', finished('scan-2'));
    expect((await first).value).toEqual(finished('scan-1'));
    expect((await mine.next()).value).toEqual(finished('scan-2'));
    const nothing = await Promise.race([other, new Promise((resolve) => setTimeout(() => resolve('nothing'), 50))]);
    expect(nothing).toBe('nothing');
    await mine.return?.();
    await theirs.return?.();
  });

  it('serves many subscribers of one partner without Node warning about a listener leak', async () => {
    const { pubSub } = createInProcessEventBus();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const subscribers = Array.from({ length: 50 }, () => pubSub.subscribe('scoreChanged', 'partner-a')[Symbol.asyncIterator]());
      const firsts = subscribers.map((s) => s.next());
      pubSub.publish('scoreChanged', 'partner-a', { instanceId: 'i', scanId: 's', score: 70, previousScore: 60 });
      expect((await Promise.all(firsts)).map((r) => r.value.score)).toEqual(Array(50).fill(70));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
      await Promise.all(subscribers.map((s) => s.return?.()));
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('is what an environment without REDIS_URL gets', async () => {
    const bus = await eventBusFromEnv({});
    expect(bus.kind).toBe('in-process');
  });
});

describe('Redis event bus', () => {
  it('carries a partner\'s events from one process\'s bus to another\'s', async () => {
    const prefix = `pulse-test-${randomUUID()}:`;
    const worker = await redisBus(prefix);
    const server = await redisBus(prefix);
    expect(server).toMatchObject({ kind: 'redis', description: expect.stringMatching(/^Redis at 127\.0\.0\.1:6379$/) });
    const events = server.pubSub.subscribe('scanFinished', 'partner-a')[Symbol.asyncIterator]();
    const next = events.next();
    await subscribed(`${prefix}scanFinished:partner-a`);
    worker.pubSub.publish('scanFinished', 'partner-b', finished('not-mine'));
    worker.pubSub.publish('scanFinished', 'partner-a', finished('scan-1'));
    worker.pubSub.publish('scanFinished', 'partner-a', finished('scan-2'));
    expect((await next).value).toEqual(finished('scan-1'));
    expect((await events.next()).value).toEqual(finished('scan-2'));
    await events.return?.();
  });

  it('keeps deployments that share a Redis apart by channel prefix', async () => {
    const ours = await redisBus(`pulse-test-${randomUUID()}:`);
    const theirPrefix = `pulse-test-${randomUUID()}:`;
    const theirs = await redisBus(theirPrefix);
    const events = theirs.pubSub.subscribe('scoreChanged', 'partner-a')[Symbol.asyncIterator]();
    const next = events.next();
    await subscribed(`${theirPrefix}scoreChanged:partner-a`);
    ours.pubSub.publish('scoreChanged', 'partner-a', { instanceId: 'i', scanId: 'ours', score: 50, previousScore: 60 });
    theirs.pubSub.publish('scoreChanged', 'partner-a', { instanceId: 'i', scanId: 'theirs', score: 70, previousScore: 60 });
    expect((await next).value).toMatchObject({ scanId: 'theirs' });
    await events.return?.();
  });

  it('refuses to start with one clear sentence when Redis cannot be reached', async () => {
    const attempt = createEventBus({ redisUrl: 'redis://127.0.0.1:1', connectTimeoutMs: 2_000 });
    await expect(attempt).rejects.toBeInstanceOf(EventBusError);
    await expect(attempt).rejects.toThrow(/^Cannot connect to Redis at 127\.0\.0\.1:1 \(REDIS_URL\): .*ECONNREFUSED/);
  });

  it('refuses a URL that is not a Redis URL', async () => {
    await expect(createEventBus({ redisUrl: 'http://127.0.0.1:6379' })).rejects.toThrow(/must be a redis:\/\/ or rediss:\/\/ URL/);
  });
});
