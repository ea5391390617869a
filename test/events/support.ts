/** Redis helpers for tests: PULSE_TEST_REDIS_URL, default redis://127.0.0.1:6379 (CI runs one). */
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.PULSE_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Resolves once Redis has `count` subscribers on the channel (Redis drops messages nobody listens to yet). */
export async function redisSubscribers(channel: string, count = 1, redisUrl = TEST_REDIS_URL): Promise<void> {
  const probe = new Redis(redisUrl);
  try {
    for (;;) {
      const reply = (await probe.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
      if (Number(reply[1]) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    probe.disconnect();
  }
}
