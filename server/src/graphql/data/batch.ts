/**
 * Coalesces the lookups made in one turn of the event loop into one fetch per group (per partner):
 * every row of a page asks for its instance's scans, every subscriber of an event for the same
 * instance, and one query answers them all. Nothing is kept past the turn, so each batch reads
 * fresh rows.
 */
export type BatchLoad<V> = (group: string, key: string) => Promise<V>;

interface Waiter<V> {
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

/** `fetch(group, keys)` answers a batch; a key it leaves out gets `missing`. */
export function batchPerTick<V>(fetch: (group: string, keys: string[]) => Promise<ReadonlyMap<string, V>>, missing: V): BatchLoad<V> {
  let pending: Map<string, Map<string, Waiter<V>[]>> | null = null;

  const run = (group: string, waiters: Map<string, Waiter<V>[]>) => {
    fetch(group, [...waiters.keys()]).then(
      (found) => {
        for (const [key, list] of waiters) for (const waiter of list) waiter.resolve(found.get(key) ?? missing);
      },
      (error: unknown) => {
        for (const list of waiters.values()) for (const waiter of list) waiter.reject(error);
      },
    );
  };

  return (group, key) =>
    new Promise<V>((resolve, reject) => {
      if (!pending) {
        const batch = new Map<string, Map<string, Waiter<V>[]>>();
        pending = batch;
        // After every resolver this turn started (and the promises they chain) has asked.
        setImmediate(() => {
          pending = null;
          for (const [batchGroup, waiters] of batch) run(batchGroup, waiters);
        });
      }
      const byKey = pending.get(group) ?? new Map<string, Waiter<V>[]>();
      pending.set(group, byKey);
      const list = byKey.get(key) ?? [];
      list.push({ resolve, reject });
      byKey.set(key, list);
    });
}
