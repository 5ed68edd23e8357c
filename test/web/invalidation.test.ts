import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { INVALIDATES, invalidateAfter, type Mutation } from '../../web/src/api/invalidation.ts';

const KEYS = [
  ['deals', 'list', 'all'],
  ['deals', 'health', 'd1'],
  ['today', 'now'],
  ['accounts'],
  ['plan', 'd1', 'revisions'],
  ['members'],
  ['march', 'me', 'today'],
] as const;

function seeded(): QueryClient {
  const client = new QueryClient();
  for (const key of KEYS) client.setQueryData([...key], { seeded: true });
  return client;
}

const stale = (client: QueryClient) =>
  KEYS.filter((key) => client.getQueryState([...key])?.isInvalidated).map((key) => key.join('/'));

describe('the invalidation map', () => {
  it('marks stale every read under the roots a write names, and nothing else', async () => {
    const client = seeded();
    await invalidateAfter(client, 'deal.update');
    expect(stale(client)).toEqual(['deals/list/all', 'deals/health/d1', 'today/now']);
  });

  it('marks everything stale for writes that may change any read', async () => {
    const client = seeded();
    await invalidateAfter(client, 'import.run');
    expect(stale(client)).toHaveLength(KEYS.length);
  });

  it('names a root for every write, each listed once', () => {
    for (const [mutation, roots] of Object.entries(INVALIDATES) as [Mutation, unknown][]) {
      if (roots === 'everything') continue;
      const list = roots as readonly string[];
      expect(list.length, mutation).toBeGreaterThan(0);
      expect(new Set(list).size, mutation).toBe(list.length);
    }
  });
});
