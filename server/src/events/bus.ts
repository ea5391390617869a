/**
 * The event bus behind GraphQL subscriptions: the typed topics of server/src/graphql/context.ts
 * (`scanProgress`, `scanFinished`, `scoreChanged`, `findingOpened`), each published per partner
 * (`publish(topic, partnerId, payload)`), so a subscription only ever hears its own tenant.
 *
 * In-process by default (one odoo-pulse process serves and scans). With REDIS_URL the same PubSub
 * goes through Redis (graphql-yoga's redis event target), so a scan running in a separate
 * `odoo-pulse worker` process reaches subscribers of the `serve` process. Payloads are plain JSON.
 */
import { setMaxListeners } from 'node:events';
import { createPubSub, type PubSubEventTarget } from 'graphql-yoga';
import type { PulsePubSub, PulseTopics } from '../graphql/context.ts';

export const REDIS_URL_ENV = 'REDIS_URL';
/** Channel names are `<prefix><topic>:<partnerId>`: several deployments can share one Redis. */
export const REDIS_CHANNEL_PREFIX_ENV = 'PULSE_REDIS_CHANNEL_PREFIX';
export const DEFAULT_CHANNEL_PREFIX = 'odoo-pulse:';

/** The bus could not be set up (Redis unreachable, bad URL): one sentence a user can act on. */
export class EventBusError extends Error {
  override name = 'EventBusError';
}

export interface EventBus {
  pubSub: PulsePubSub;
  kind: 'in-process' | 'redis';
  /** For messages: "in-process" or "Redis at host:port" (never a password). */
  description: string;
  /** Closes the Redis connections; nothing to do in-process. Idempotent. */
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** redis:// or rediss:// URL; absent → in-process. */
  redisUrl?: string | null;
  channelPrefix?: string;
  /** How long to wait for Redis at start (default 5 s). */
  connectTimeoutMs?: number;
  /** Redis errors after start (a dropped connection); the clients reconnect by themselves. */
  onError?: (error: Error) => void;
}

export function createInProcessEventBus(): EventBus {
  // One listener per subscription on a partner's topic: a partner with many widgets open is normal,
  // not the leak Node warns about after 10 listeners.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return {
    pubSub: createPubSub<PulseTopics>({ eventTarget: eventTarget as PubSubEventTarget<PulseTopics> }),
    kind: 'in-process',
    description: 'in-process',
    close: async () => {},
  };
}

/** The bus REDIS_URL asks for (PULSE_REDIS_CHANNEL_PREFIX optional), else in-process. */
export function eventBusFromEnv(env: NodeJS.ProcessEnv, options: Omit<EventBusOptions, 'redisUrl' | 'channelPrefix'> = {}): Promise<EventBus> {
  return createEventBus({ ...options, redisUrl: env[REDIS_URL_ENV] || null, channelPrefix: env[REDIS_CHANNEL_PREFIX_ENV] || undefined });
}

export async function createEventBus(options: EventBusOptions = {}): Promise<EventBus> {
  if (!options.redisUrl) return createInProcessEventBus();
  const { createRedisEventBus } = await import('./redis.ts');
  return createRedisEventBus({ ...options, redisUrl: options.redisUrl });
}

/** `host:port` of a Redis URL, for messages. */
export function describeRedisUrl(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    return `${url.hostname}:${url.port || '6379'}`;
  } catch {
    return 'the configured Redis';
  }
}
