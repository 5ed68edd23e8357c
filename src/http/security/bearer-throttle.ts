import type { Clock } from '../../core/kernel/clock.ts';

/*
 * Bearer tokens have 256 bits, so guessing one is hopeless; but an unlimited stream of guesses
 * still costs a hash and a database read each, and says nothing good about the caller. Failed
 * tokens are counted per client address; past the limit every bearer request from that address
 * answers 429 until the window has passed (valid tokens too: otherwise the answer would still
 * tell a hit from a miss). Counts live in memory, per instance, like the sign-in throttle's.
 */
export interface BearerFailureLimit {
  max: number;
  windowMs: number;
}

export const DEFAULT_BEARER_FAILURE_LIMIT: BearerFailureLimit = { max: 30, windowMs: 60_000 };

/** Bounds memory under a flood of addresses: the oldest are forgotten first. */
const MAX_ADDRESSES = 100_000;

export interface BearerThrottle {
  /** Seconds until bearer tokens are checked again for `ip`; 0 when they are checked now. */
  retryAfterSeconds(ip: string): number;
  recordFailure(ip: string): void;
}

export function createBearerThrottle(
  clock: Clock,
  limit: BearerFailureLimit = DEFAULT_BEARER_FAILURE_LIMIT,
): BearerThrottle {
  const failures = new Map<string, number[]>();
  const now = () => clock.now().epochMilliseconds;
  const recent = (ip: string, at: number) => {
    const times = (failures.get(ip) ?? []).filter((t) => t > at - limit.windowMs);
    if (times.length) failures.set(ip, times);
    else failures.delete(ip);
    return times;
  };
  return {
    retryAfterSeconds(ip) {
      // Fewer failures than the limit can hold nobody back (most addresses have none).
      if ((failures.get(ip)?.length ?? 0) < limit.max) return 0;
      const at = now();
      const times = recent(ip, at);
      if (times.length < limit.max) return 0;
      return Math.max(
        1,
        Math.ceil((times[times.length - limit.max]! + limit.windowMs - at) / 1000),
      );
    },
    recordFailure(ip) {
      const at = now();
      const times = [...recent(ip, at), at].slice(-limit.max);
      failures.delete(ip);
      failures.set(ip, times);
      if (failures.size > MAX_ADDRESSES) failures.delete(failures.keys().next().value!);
    },
  };
}
