import type { IsoDate } from '../time/dates.ts';
import type { AgendaItem, AgendaKind, LaterItem } from './types.ts';

/**
 * Something that could be on the day's list, before planning decides whether it is.
 * `rank` orders candidates (see PRIORITY in candidates.ts); `latest` is the last day it may be
 * planned on (a promise's due date), or null when it may wait indefinitely. A member with
 * thousands of neglected deals has thousands of candidates and a few dozen listed, so the item
 * itself (its reason in words) is only built for those that are listed.
 */
export interface Candidate {
  kind: AgendaKind;
  /** What "once per day" is counted by: the deal, the account of a prospect without one, or
   * the meeting itself (a meeting at a set time is never folded into another item). */
  key: string;
  /** The deal it is about, when the key is not the deal's id (a meeting). */
  dealId?: string;
  fixed: boolean;
  /** Candidates sort by this text: see `rankOf` in candidates.ts. */
  rank: string;
  latest: IsoDate | null;
  item(): Omit<AgendaItem, 'optional'>;
}

/** A business day after the planned one, with what is already fixed on it. */
export interface LaterDay {
  date: IsoDate;
  fixedCount: number;
  fixedDeals: ReadonlySet<string>;
}

export interface DayPlanInput {
  date: IsoDate;
  businessDay: boolean;
  floor: number;
  ceiling: number;
  /** Touches already made that day. */
  done: number;
  /** Deliveries, chases, meetings and revivals. */
  candidates: readonly Candidate[];
  /** Promises delivered early and new conversations, used only to bring real work up to the
   * floor (never more than what is short of it); they do not roll to later days. */
  fillIns: readonly Candidate[];
  /** The next business days, in order, over which what does not fit rolls. */
  laterDays: readonly LaterDay[];
}

export interface DayPlan {
  items: AgendaItem[];
  later: LaterItem[];
  unplanned: number;
}

export function compareRank(a: Candidate, b: Candidate): number {
  return a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0;
}

/**
 * A deal appears once per day: its strongest reason wins and the others are mentioned with it.
 * The merged item is fixed if any of its reasons is, and may be planned no later than the
 * earliest limit among them.
 */
export function mergeByDeal(candidates: readonly Candidate[]): Candidate[] {
  // Most deals have one candidate: keep it as is, and group only where a key repeats.
  const byKey = new Map<string, Candidate | Candidate[]>();
  for (const c of candidates) {
    const seen = byKey.get(c.key);
    if (seen === undefined) byKey.set(c.key, c);
    else if (Array.isArray(seen)) seen.push(c);
    else byKey.set(c.key, [seen, c]);
  }
  const merged: Candidate[] = [];
  for (const entry of byKey.values()) {
    if (!Array.isArray(entry)) {
      merged.push(entry);
      continue;
    }
    const group = entry.sort(compareRank);
    const winner = group[0]!;
    const rest = group.slice(1);
    const limits = group.map((c) => c.latest).filter((d): d is IsoDate => d !== null);
    const fixed = group.some((c) => c.fixed);
    merged.push({
      ...winner,
      fixed,
      latest: limits.length ? limits.reduce((a, b) => (a < b ? a : b)) : null,
      item: () => {
        const item = winner.item();
        const also = rest.map((c) => c.item().reason).join('; ');
        return { ...item, fixed, reason: `${item.reason} (also: ${also})` };
      },
    });
  }
  return merged.sort(compareRank);
}

/**
 * Plans one day for one member (docs/rules.md#today):
 *
 * 1. A deal appears once (mergeByDeal); candidates are taken in priority order.
 * 2. Fixed items (our promises due that day or earlier, calls and next steps booked that day)
 *    are always listed.
 * 3. The day's distance counts the touches already made: flexible items fill the list until
 *    touches made + items reach the floor, then come as optional items until they reach the
 *    ceiling. On a rush day (touches already at the ceiling) only fixed items remain.
 * 4. Fill-ins (promises delivered early, then prospects) are added only when all the real work
 *    available does not reach the floor, no more than it is short.
 * 5. A non-business day plans only fixed items.
 * 6. Whatever does not fit rolls to the next business days, up to the floor of each (less what
 *    is fixed there), in priority order; a promise is never planned after its due date: if no
 *    business day before it has room it takes the last one before its due date anyway, and if
 *    there is none it stays today.
 * 7. Flexible items that fit nowhere in the horizon are counted as unplanned; fill-ins never
 *    roll (they are only there to make up today's floor).
 */
export function planDay(input: DayPlanInput): DayPlan {
  const merged = mergeByDeal(input.candidates);
  const fixed = merged.filter((c) => c.fixed);
  const flexible = merged.filter((c) => !c.fixed);

  const today: { c: Candidate; optional: boolean }[] = fixed.map((c) => ({ c, optional: false }));
  let rolling: Candidate[];
  if (!input.businessDay) {
    rolling = flexible;
  } else {
    const pool = [...flexible];
    const shortOfFloor = input.floor - input.done - merged.length;
    if (shortOfFloor > 0) {
      const taken = new Set(merged.map((c) => c.key));
      pool.push(
        ...[...input.fillIns]
          .sort(compareRank)
          .filter((p) => !taken.has(p.key))
          .slice(0, shortOfFloor),
      );
    }
    const required = Math.max(0, input.floor - input.done - fixed.length);
    const optional = Math.max(0, input.ceiling - input.done - fixed.length - required);
    pool.slice(0, required).forEach((c) => today.push({ c, optional: false }));
    pool.slice(required, required + optional).forEach((c) => today.push({ c, optional: true }));
    const fillIns = new Set(input.fillIns);
    rolling = pool.slice(required + optional).filter((c) => !fillIns.has(c));
  }

  const placed = input.laterDays.map(() => 0);
  let room = input.laterDays.reduce((n, d) => n + Math.max(0, input.floor - d.fixedCount), 0);
  const later: { c: Candidate; planned: IsoDate }[] = [];
  let unplanned = 0;
  for (const c of rolling) {
    if (room === 0 && c.latest === null) {
      unplanned += 1;
      continue;
    }
    const key = c.key;
    const allowed = (i: number) => c.latest === null || input.laterDays[i]!.date <= c.latest;
    let slot = input.laterDays.findIndex(
      (d, i) => allowed(i) && d.fixedCount + placed[i]! < input.floor && !d.fixedDeals.has(key),
    );
    if (slot === -1 && c.latest !== null) {
      const horizonEnd = input.laterDays.at(-1)?.date;
      if (horizonEnd !== undefined && horizonEnd < c.latest) {
        // Due beyond the horizon: it is back among the candidates tomorrow; nothing is lost.
        unplanned += 1;
        continue;
      }
      // A promise may not wait past its due date, even when the days before it are full: it
      // takes the last business day before it, or stays today when there is none.
      for (let i = input.laterDays.length - 1; i >= 0 && slot === -1; i--) if (allowed(i)) slot = i;
      if (slot === -1) {
        today.push({ c, optional: false });
        continue;
      }
    }
    if (slot === -1) {
      unplanned += 1;
      continue;
    }
    if (input.laterDays[slot]!.fixedCount + placed[slot]! < input.floor) room -= 1;
    placed[slot]! += 1;
    later.push({ c, planned: input.laterDays[slot]!.date });
  }

  today.sort((a, b) => compareRank(a.c, b.c));
  later.sort((a, b) =>
    a.planned === b.planned ? compareRank(a.c, b.c) : a.planned < b.planned ? -1 : 1,
  );
  return {
    items: today.map(({ c, optional }) => ({ ...c.item(), optional })),
    later: later.map(({ c, planned }) => ({ ...c.item(), optional: false, planned })),
    unplanned,
  };
}
