/** A Map that keeps at most `capacity` entries, dropping the least recently used first. */
export function lruMap<K, V>(capacity: number) {
  const entries = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key: K, value: V) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    delete(key: K) {
      entries.delete(key);
    },
  };
}

interface Versioned<V> {
  value: V;
  version: number;
  readAt: number;
}

/**
 * Values read from the database, trusted only while the store's change version (see
 * storage/connection/change-feed.ts) is the one they were read at, and for at most `maxAgeMs`
 * whatever the version says. A null version (changes cannot be followed right now) trusts
 * nothing and stores nothing. Callers read the version before they read the value.
 */
export function versionedCache<K, V>(options: { capacity: number; maxAgeMs: number }) {
  const entries = lruMap<K, Versioned<V>>(options.capacity);
  return {
    get(key: K, version: number | null, nowMs: number): V | undefined {
      if (version === null) return undefined;
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.version === version && nowMs - hit.readAt < options.maxAgeMs) return hit.value;
      entries.delete(key);
      return undefined;
    },
    set(key: K, value: V, version: number | null, nowMs: number) {
      if (version !== null) entries.set(key, { value, version, readAt: nowMs });
    },
  };
}
