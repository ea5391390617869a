/**
 * What the subscribers of one event need from the database, loaded once per event and partner
 * rather than once per subscriber. The event bus hands every subscriber of a partner's channel the
 * same payload object (in process and through Redis alike), so that object keys the loads, and they
 * go when the event does. The partner is part of the key and of every load: a payload that reached
 * two partners' channels is loaded separately for each, with that partner in the filter.
 */
const loads = new WeakMap<object, Map<string, Promise<unknown>>>();

/** `load()` once per (event, partnerId, what); later callers share its promise. */
export function loadOncePerEvent<T>(event: object, partnerId: string, what: string, load: () => Promise<T>): Promise<T> {
  let byKey = loads.get(event);
  if (!byKey) {
    byKey = new Map();
    loads.set(event, byKey);
  }
  const key = `${partnerId}\u0000${what}`;
  let pending = byKey.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    byKey.set(key, pending);
    // A failed load (the database was briefly unreachable) is not kept: the next subscriber tries again.
    const entries = byKey;
    pending.catch(() => {
      if (entries.get(key) === pending) entries.delete(key);
    });
  }
  return pending;
}
