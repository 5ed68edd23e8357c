import type { Revival } from './candidates.ts';

/**
 * The `limit` revivals that come first in Today's order (momentum ascending, then the longest
 * untouched, then by id), in no particular order (the planner sorts what it gets), and how
 * many others there are. Momentum is a whole number from 0 to
 * 100, so the deals are bucketed by it and only the last bucket taken is sorted: linear in the
 * number of neglected deals, which can be thousands.
 */
export function weakestFirst(
  revivals: readonly Revival[],
  limit: number,
): { kept: Revival[]; beyond: number } {
  if (revivals.length <= limit) return { kept: [...revivals], beyond: 0 };
  const buckets: Revival[][] = Array.from({ length: 101 }, () => []);
  for (const r of revivals) buckets[Math.min(100, Math.max(0, r.momentum))]!.push(r);
  const kept: Revival[] = [];
  const waited = (r: Revival) => r.deal.lastTouchAt ?? r.deal.createdAt;
  for (const bucket of buckets) {
    if (kept.length >= limit) break;
    if (kept.length + bucket.length > limit)
      bucket.sort((a, b) =>
        waited(a) < waited(b) ? -1 : waited(a) > waited(b) ? 1 : a.deal.id < b.deal.id ? -1 : 1,
      );
    kept.push(...bucket.slice(0, limit - kept.length));
  }
  return { kept, beyond: revivals.length - kept.length };
}
