/**
 * The cross-process bus: graphql-yoga's PubSub over Redis pub/sub (`@graphql-yoga/redis-event-target`
 * with ioredis 5). Loaded only when REDIS_URL is set.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSubEventTarget } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { PulseTopics } from '../graphql/context.ts';
import { DEFAULT_CHANNEL_PREFIX, EventBusError, describeRedisUrl, type EventBus, type EventBusOptions } from './bus.ts';

type PulseEventTarget = PubSubEventTarget<PulseTopics>;

/**
 * The redis event target calls publish/subscribe without handling their promises; while Redis is
 * down those reject, and an unhandled rejection would end the process. These adapters hand the
 * error to `onError` instead (the clients reconnect by themselves).
 */
function publisher(client: Redis, onError: (error: Error) => void) {
  return { publish: (channel: string, message: string) => client.publish(channel, message).catch(onError) };
}

function subscriber(client: Redis, onError: (error: Error) => void) {
  return {
    on: (event: 'message', listener: (channel: string, message: string) => void) => client.on(event, listener),
    subscribe: (channel: string) => client.subscribe(channel).catch(onError),
    unsubscribe: (channel: string) => client.unsubscribe(channel).catch(onError),
  };
}

/** Puts every topic under `prefix`, so deployments sharing a Redis do not hear each other. */
function prefixed(target: PulseEventTarget, prefix: string): PulseEventTarget {
  if (!prefix) return target;
  return {
    addEventListener: (type, callback, options) => target.addEventListener(`${prefix}${type}`, callback, options),
    removeEventListener: (type, callback, options) => target.removeEventListener(`${prefix}${type}`, callback, options),
    dispatchEvent: (event) => target.dispatchEvent(new CustomEvent(`${prefix}${event.type}`, { detail: event.detail })),
  };
}

export async function createRedisEventBus(options: EventBusOptions & { redisUrl: string }): Promise<EventBus> {
  const where = describeRedisUrl(options.redisUrl);
  if (!/^rediss?:\/\//.test(options.redisUrl)) {
    throw new EventBusError(`REDIS_URL must be a redis:// or rediss:// URL (got one for ${where}).`);
  }
  const onError = options.onError ?? (() => {});
  const clientOptions = { lazyConnect: true, connectTimeout: options.connectTimeoutMs ?? 5_000, maxRetriesPerRequest: 3 };
  const publishClient = new Redis(options.redisUrl, clientOptions);
  const subscribeClient = new Redis(options.redisUrl, clientOptions);
  // connect() rejects with a bare "Connection is closed"; the socket's own error says why.
  let firstError: Error | null = null;
  const noteStartError = (error: Error) => {
    firstError ??= error;
  };
  for (const client of [publishClient, subscribeClient]) client.on('error', noteStartError);
  try {
    await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  } catch (error) {
    publishClient.disconnect();
    subscribeClient.disconnect();
    const cause = firstError ?? error;
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, '');
    throw new EventBusError(`Cannot connect to Redis at ${where} (REDIS_URL): ${reason}.`, { cause });
  }
  // From now on the clients reconnect by themselves; without a listener ioredis would print every error.
  for (const client of [publishClient, subscribeClient]) {
    client.off('error', noteStartError);
    client.on('error', onError);
  }
  const target = createRedisEventTarget<CustomEvent>({
    // Only publish (resp. on/subscribe/unsubscribe) is ever called on these clients.
    publishClient: publisher(publishClient, onError) as unknown as Redis,
    subscribeClient: subscriber(subscribeClient, onError) as unknown as Redis,
  }) as unknown as PulseEventTarget;
  let closing: Promise<void> | null = null;
  return {
    pubSub: createPubSub<PulseTopics>({ eventTarget: prefixed(target, options.channelPrefix ?? DEFAULT_CHANNEL_PREFIX) }),
    kind: 'redis',
    description: `Redis at ${where}`,
    close() {
      closing ??= Promise.all([publishClient.quit().catch(() => {}), subscribeClient.quit().catch(() => {})]).then(() => {});
      return closing;
    },
  };
}
