import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  INVALIDATES,
  invalidateAfter,
  type Invalidator,
  type Mutation,
} from '../../web/src/api/invalidation.ts';

/** Records what a write asks react-query to invalidate. */
function recorder(): Invalidator & { calls: (readonly unknown[] | 'all')[] } {
  const calls: (readonly unknown[] | 'all')[] = [];
  return {
    calls,
    invalidateQueries: (filters) => {
      calls.push(filters ? filters.queryKey : 'all');
      return Promise.resolve();
    },
  };
}

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') out.push(...(await sources(full)));
    } else if (/\.tsx?$/.test(entry.name)) out.push(await readFile(full, 'utf8'));
  }
  return out;
}

describe('the invalidation map', () => {
  it('invalidates each root a write names, by key prefix', async () => {
    const client = recorder();
    await invalidateAfter(client, 'deal.update');
    expect(client.calls).toEqual([['deals'], ['today']]);
  });

  it('invalidates everything for writes that may change any read', async () => {
    const client = recorder();
    await invalidateAfter(client, 'import.run');
    expect(client.calls).toEqual(['all']);
  });

  it('names only roots that some read of the web app is keyed under', async () => {
    const text = (await sources(path.resolve('web/src'))).join('\n');
    const roots = new Set([...text.matchAll(/queryKey: \[\s*'([\w-]+)'/g)].map((m) => m[1]));
    for (const [mutation, list] of Object.entries(INVALIDATES) as [Mutation, unknown][]) {
      if (list === 'everything') continue;
      for (const root of list as readonly string[])
        expect(roots.has(root), `${mutation} → ${root}`).toBe(true);
    }
  });
});
