import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../../src/core/kernel/clock.ts';
import { ID_PREFIXES, type IdGenerator } from '../../src/core/kernel/ids.ts';

/*
 * Test doubles for the two things the core is given instead of reaching for them: the time and
 * new ids. They live here, not in src/, so that no production path can pick them up.
 */

/** A clock stopped at `iso`, moved only by the test. */
export function fixedClock(
  iso: string,
): Clock & { set(iso: string): void; advance(ms: number): void } {
  let current = Temporal.Instant.from(iso);
  return {
    now: () => current,
    set(next: string) {
      current = Temporal.Instant.from(next);
    },
    advance(ms: number) {
      current = current.add({ milliseconds: ms });
    },
  };
}

/** Deterministic ids for tests: dl_000000000001, dl_000000000002, … */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return (kind) => `${ID_PREFIXES[kind]}_${String(++n).padStart(12, '0')}`;
}
