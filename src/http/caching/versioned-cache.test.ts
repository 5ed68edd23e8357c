import { describe, expect, it } from 'vitest';
import { lruMap, versionedCache } from './versioned-cache.ts';

describe('versionedCache', () => {
  const cases: {
    name: string;
    stored: { version: number | null; at: number };
    asked: { version: number | null; at: number };
    hit: boolean;
  }[] = [
    {
      name: 'same version, young',
      stored: { version: 3, at: 0 },
      asked: { version: 3, at: 999 },
      hit: true,
    },
    {
      name: 'same version, as old as allowed',
      stored: { version: 3, at: 0 },
      asked: { version: 3, at: 1_000 },
      hit: false,
    },
    {
      name: 'the database moved on',
      stored: { version: 3, at: 0 },
      asked: { version: 4, at: 1 },
      hit: false,
    },
    {
      name: 'changes cannot be followed now',
      stored: { version: 3, at: 0 },
      asked: { version: null, at: 1 },
      hit: false,
    },
    {
      name: 'read while changes could not be followed',
      stored: { version: null, at: 0 },
      asked: { version: 3, at: 1 },
      hit: false,
    },
  ];
  it.each(cases)('$name → hit: $hit', ({ stored, asked, hit }) => {
    const cache = versionedCache<string, string>({ capacity: 10, maxAgeMs: 1_000 });
    cache.set('k', 'value', stored.version, stored.at);
    expect(cache.get('k', asked.version, asked.at)).toBe(hit ? 'value' : undefined);
  });

  it('forgets an entry once it was found stale, even if the version comes back', () => {
    const cache = versionedCache<string, string>({ capacity: 10, maxAgeMs: 1_000 });
    cache.set('k', 'value', 1, 0);
    expect(cache.get('k', 2, 0)).toBeUndefined();
    expect(cache.get('k', 1, 0)).toBeUndefined();
  });
});

describe('lruMap', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const map = lruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1); // a is now the most recent
    map.set('c', 3);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('a')).toBe(1);
    expect(map.get('c')).toBe(3);
  });
});
