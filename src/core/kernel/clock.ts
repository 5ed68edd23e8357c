import type { Temporal } from 'temporal-polyfill';

/** The only way the domain learns what time it is; tests pass a fixed one (test/support/clock.ts). */
export interface Clock {
  now(): Temporal.Instant;
}
