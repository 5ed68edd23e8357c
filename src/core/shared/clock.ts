import { Temporal } from 'temporal-polyfill';

/** The only way the domain learns what time it is; tests pass a fixed one. */
export interface Clock {
  now(): Temporal.Instant;
}

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
