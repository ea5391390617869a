/** How long-running commands (serve, worker) wait for a stop request and stop what they started. */
import type { ServerLogger } from '../graphql/logger.ts';

/** Resolves at the first SIGINT or SIGTERM (or when `stop` aborts), then stops listening for them. */
export function shutdownRequested(stop?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    stop?.addEventListener('abort', () => onSignal('stop'), { once: true });
  });
}

export interface StopSequence {
  /** Registers how to stop something just started. */
  add(stop: () => Promise<unknown>): void;
  /** Stops everything added, last started first; a failure is logged and the others still stop. */
  run(): Promise<void>;
}

export function stopSequence(log: Pick<ServerLogger, 'error'>): StopSequence {
  const stops: Array<() => Promise<unknown>> = [];
  return {
    add: (stop) => {
      stops.push(stop);
    },
    run: async () => {
      for (const stop of stops.reverse()) await stop().catch((error: unknown) => log.error(`while stopping: ${String(error)}`));
    },
  };
}
