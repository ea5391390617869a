/**
 * Runs every RPC call of one connection: bounded concurrency (p-queue), per-call timeout, retries on
 * network errors only (with a short backoff; Odoo faults are answers and never retried), error
 * mapping, and the counters benchmarks read.
 */
import PQueue from 'p-queue';
import { setTimeout as sleep } from 'node:timers/promises';
import { NetworkFailure } from './http-post.ts';
import { faultError, isRetryable, networkError, redact, type CallContext } from './errors.ts';
import { RpcFault, type Service, type Transport } from './transport.ts';
import { OdooError } from './types.ts';

export const DEFAULTS = { timeoutMs: 30_000, retries: 2, concurrency: 4 };
const BACKOFF_MS = 150;

export type ConnectionContext = Omit<CallContext, 'call' | 'model'>;

export class RpcRunner {
  /** calls: RPC calls made (a retried call counts once); rounds: times the connection went from idle to busy. */
  readonly stats = { calls: 0, rounds: 0 };
  private active = 0;
  private readonly queue: PQueue;

  constructor(
    private readonly transport: Transport,
    readonly context: ConnectionContext,
    private readonly retries: number,
    concurrency: number,
  ) {
    this.queue = new PQueue({ concurrency });
  }

  async call(service: Service, method: string, args: unknown[], label: { call: string; model?: string }): Promise<unknown> {
    if (this.active === 0) this.stats.rounds += 1;
    this.active += 1;
    this.stats.calls += 1;
    try {
      return await this.queue.add(() => this.attempt(service, method, args, { ...this.context, ...label }));
    } finally {
      this.active -= 1;
    }
  }

  private async attempt(service: Service, method: string, args: unknown[], context: CallContext): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.transport.call(service, method, args, context.timeoutMs);
      } catch (error) {
        if (isRetryable(error) && attempt < this.retries) {
          await sleep(BACKOFF_MS * 2 ** attempt);
          continue;
        }
        throw toOdooError(error, context);
      }
    }
  }
}

export function toOdooError(error: unknown, context: CallContext): OdooError {
  if (error instanceof OdooError) {
    const message = redact(error.message, context.secret);
    return message === error.message ? error : new OdooError(error.kind, message, { detail: redact(error.detail, context.secret) });
  }
  if (error instanceof RpcFault) return faultError(error, context);
  if (error instanceof NetworkFailure) return networkError(error, context);
  // a bug of ours rather than the server's answer: say so without leaking anything
  const message = redact(error instanceof Error ? error.message : String(error), context.secret);
  return new OdooError('fault', `The call ${context.call} failed unexpectedly: ${message}`, { detail: message });
}
