import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { toStoredInstant } from './dates.ts';

/*
 * Stored instants are written by Date (toStoredInstant) where Temporal wrote them before: the
 * same text for every instant Temporal can hold, including sub-millisecond ones before 1970
 * (both round down) and years past 9999 or before 0 (both write six digits and a sign).
 */
const MAX_NS = 8_640_000_000_000_000_000_000n;

describe('toStoredInstant writes what Temporal writes (seeded)', () => {
  it('for any instant in Temporal’s range, to the nanosecond', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_NS, max: MAX_NS }), (ns) => {
        const instant = Temporal.Instant.fromEpochNanoseconds(ns);
        expect(toStoredInstant(instant)).toBe(instant.toString({ smallestUnit: 'millisecond' }));
      }),
      { seed: 20261205, numRuns: 2000 },
    );
  });

  it('at the edges: the range’s ends, 1970, year 0 and 10000, half a millisecond before 1970', () => {
    for (const ns of [
      -MAX_NS,
      MAX_NS,
      0n,
      -1n,
      -500_000n,
      1n,
      -62_167_219_200_000_000_000n,
      253_402_300_800_000_000_000n,
      253_402_300_799_999_999_999n,
    ]) {
      const instant = Temporal.Instant.fromEpochNanoseconds(ns);
      expect(toStoredInstant(instant), String(ns)).toBe(
        instant.toString({ smallestUnit: 'millisecond' }),
      );
    }
  });
});
