/**
 * Runs every fact group's reader at once over one session (the session bounds how many calls are in
 * flight), so the collection takes as few dependent rounds as the data allows. A failure on one model
 * becomes that group's stated gap; the others go on.
 */
import { collected, notCollected, type FactStatus, type FactValue } from '../../facts/types.ts';
import type { OdooSession } from '../../odoo/types.ts';
import { gapReason } from './gaps.ts';
import type { AnyApiFactReader, ApiFactKey, ApiReadContext } from './reader.ts';
import { API_READERS } from './readers.ts';

export type ApiFactGroups = { [K in ApiFactKey]: FactStatus<FactValue<K>> };

export interface ApiCollection {
  groups: ApiFactGroups;
  status: 'ok' | 'partial' | 'failed';
  /** Which groups could not be collected, when any. */
  message?: string;
}

export interface ApiCollectOptions {
  authMethod: 'password' | 'api_key';
  /** Called as each group finishes. */
  onStep?: (step: string, done: number, total: number) => void;
  readers?: readonly AnyApiFactReader[];
}

export async function collectApiFacts(session: OdooSession, options: ApiCollectOptions): Promise<ApiCollection> {
  const readers = options.readers ?? API_READERS;
  const byKey = new Map<ApiFactKey, AnyApiFactReader>(readers.map((r) => [r.key, r]));
  const running = new Map<ApiFactKey, Promise<FactStatus<unknown>>>();
  let done = 0;

  const context: ApiReadContext = {
    session,
    authMethod: options.authMethod,
    fact: async <K extends ApiFactKey>(key: K) => {
      const status = await run(key);
      return status.status === 'collected' ? (status.value as FactValue<K>) : null;
    },
  };

  function run(key: ApiFactKey): Promise<FactStatus<unknown>> {
    const existing = running.get(key);
    if (existing) return existing;
    const reader = byKey.get(key);
    const promise = reader
      ? reader
          .read(context)
          .then((value: unknown): FactStatus<unknown> => collected(value), (error: unknown) => notCollected(gapReason(error, reader.model)))
          .then((status) => {
            done += 1;
            options.onStep?.(`reading ${reader.model}`, done, readers.length);
            return status;
          })
      : Promise.resolve(notCollected<unknown>(`no reader for ${key}`));
    running.set(key, promise);
    return promise;
  }

  const statuses = await Promise.all(readers.map((r) => run(r.key)));
  const groups = Object.fromEntries(readers.map((r, i) => [r.key, statuses[i]])) as ApiFactGroups;
  const gaps = readers.filter((_, i) => statuses[i].status !== 'collected').map((r) => r.key);
  const status = gaps.length === 0 ? 'ok' : gaps.length === readers.length ? 'failed' : 'partial';
  return {
    groups,
    status,
    ...(gaps.length > 0 ? { message: `${gaps.length} of ${readers.length} fact groups not collected: ${gaps.join(', ')}` } : {}),
  };
}
