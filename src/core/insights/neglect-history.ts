import type { DealNeglectFacts, OpenPromiseFacts } from '../neglect/assess-neglect.ts';
import type { IsoDate } from '../time/dates.ts';
import type { NeglectHistory } from './types.ts';

/**
 * Replays a scope's history to moments in time, oldest first: for each `asOf` instant, the
 * deals open then (created before it, not yet won, lost or paused) with what neglect reads —
 * their last touch, the next step current then, and their promises open then and due before
 * that day. Each moment must not be earlier than the one before.
 */
export function replayNeglect(
  history: NeglectHistory,
): (asOf: string, day: IsoDate) => (DealNeglectFacts & { dealId: string })[] {
  const lastTouch = new Map(history.lastTouchBefore);
  let next = 0;
  let previous = '';
  return (asOf, day) => {
    if (asOf < previous) throw new Error('replayNeglect: moments must come in order');
    previous = asOf;
    for (; next < history.touches.length && history.touches[next]!.at < asOf; next++) {
      const t = history.touches[next]!;
      const known = lastTouch.get(t.dealId);
      if (!known || known < t.at) lastTouch.set(t.dealId, t.at);
    }
    const steps = new Map<string, { due: IsoDate; createdAt: string }>();
    for (const s of history.nextSteps) {
      if (s.createdAt >= asOf) continue;
      const current = steps.get(s.dealId);
      if (!current || current.createdAt <= s.createdAt) steps.set(s.dealId, s);
    }
    const promises = new Map<string, OpenPromiseFacts[]>();
    for (const p of history.promises) {
      if (p.createdAt >= asOf || p.due >= day) continue;
      const openThen =
        p.state === 'open' ||
        (p.state === 'done' && p.doneAt !== null && p.doneAt >= asOf) ||
        (p.state === 'dropped' && p.updatedAt >= asOf);
      if (!openThen) continue;
      const list = promises.get(p.dealId) ?? [];
      list.push({
        side: p.side,
        due: p.due,
        lastChasedAt: p.lastChasedAt && p.lastChasedAt < asOf ? p.lastChasedAt : null,
      });
      promises.set(p.dealId, list);
    }
    return history.deals
      .filter(
        (d) =>
          d.createdAt < asOf &&
          (d.closedAt === null || d.closedAt >= asOf) &&
          (d.firstOutcomeAt === null || d.firstOutcomeAt >= asOf),
      )
      .map((d) => ({
        dealId: d.dealId,
        lastTouchAt: lastTouch.get(d.dealId) ?? null,
        createdAt: d.createdAt,
        neglectDays: d.neglectDays,
        nextStepDue: steps.get(d.dealId)?.due ?? null,
        openPromises: promises.get(d.dealId) ?? [],
      }));
  };
}
