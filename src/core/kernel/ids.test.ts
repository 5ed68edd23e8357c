import { describe, expect, it } from 'vitest';
import { idGeneratorFrom, runIds } from './ids.ts';
import { sequentialIds } from '../../../test/support/clock.ts';

/** Random bytes from a seeded generator, so that a failure can be reproduced. */
function seeded(seed: number) {
  let x = seed;
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      out[i] = x >>> 24;
    }
    return out;
  };
}

describe('runIds', () => {
  it('gives ids of the usual shape that sort in the order they were made', () => {
    const ids = runIds(idGeneratorFrom(seeded(7)));
    const made = Array.from({ length: 5_000 }, () => ids('deal'));
    for (const id of made) expect(id).toMatch(/^dl_[0-9a-hjkmnp-tv-z]{12}$/);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('keeps each kind to its own prefix, and two runs apart', () => {
    const base = idGeneratorFrom(seeded(11));
    const first = runIds(base);
    const second = runIds(base);
    const a = [first('deal'), first('account'), first('deal')];
    const b = [second('deal'), second('deal')];
    expect(a[1]).toMatch(/^ac_/);
    expect(a[0]!.slice(0, 10)).toBe(a[2]!.slice(0, 10));
    expect(b[0]!.slice(0, 10)).not.toBe(a[0]!.slice(0, 10));
    expect(new Set([...a, ...b]).size).toBe(5);
  });

  it('stays unique across runs on the sequential ids the tests use', () => {
    const base = sequentialIds();
    const seen = new Set<string>();
    for (let run = 0; run < 3; run++) {
      const ids = runIds(base);
      for (let i = 0; i < 100; i++) seen.add(ids('touch'));
      seen.add(base('touch'));
    }
    expect(seen.size).toBe(303);
  });
});
