import type { NeglectReason } from '../neglect/assess-neglect.ts';
import { formatDay } from '../time/format.ts';
import { daysBetween } from '../time/local-days.ts';
import type { IsoDate } from '../time/dates.ts';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** Our promise: "promised Fri 27 Nov — target Wed 25 Nov". */
export function deliverReason(
  c: { due: IsoDate | null; dueTime: string | null; target: IsoDate | null; madeOn: IsoDate },
  today: IsoDate,
): string {
  if (c.due === null) return `promised on ${formatDay(c.madeOn, today)} with no date — agree one`;
  const promised = `promised ${formatDay(c.due, today)}${c.dueTime ? ` at ${c.dueTime}` : ''}`;
  if (c.due < today) return `${promised} — ${days(daysBetween(c.due, today))} late`;
  if (c.due === today)
    return c.target && c.target < today
      ? `${promised} — due today, target was ${formatDay(c.target, today)}`
      : `${promised} — due today`;
  return `${promised} — target ${formatDay(c.target ?? c.due, today)}`;
}

/** Their promise: "they promised Mon 23 Nov — 2 days overdue, not chased yet". */
export function chaseReason(
  c: { due: IsoDate },
  lastChasedOn: IsoDate | null,
  today: IsoDate,
): string {
  const chased =
    lastChasedOn === null || lastChasedOn < c.due
      ? 'not chased yet'
      : `last chased ${formatDay(lastChasedOn, today)}`;
  return `they promised ${formatDay(c.due, today)} — ${days(daysBetween(c.due, today))} overdue, ${chased}`;
}

/** "call booked for today at 14:00", or for another day by its date. */
export function meetReason(
  what: 'next step' | 'call',
  on: IsoDate,
  time: string | null,
  today: IsoDate,
): string {
  const when = on === today ? 'today' : formatDay(on, today);
  return `${what} booked for ${when}${time ? ` at ${time}` : ''}`;
}

/** A neglected deal: each reason in words, then its momentum. */
export function reviveReason(
  reasons: readonly NeglectReason[],
  facts: {
    lastTouchOn: IsoDate | null;
    createdOn: IsoDate;
    stageName: string;
    neglectDays: number;
    momentum: number | null;
  },
  today: IsoDate,
): string {
  const parts = reasons.map((r) => {
    switch (r) {
      case 'no-touch':
        return facts.lastTouchOn
          ? `no touch for ${days(daysBetween(facts.lastTouchOn, today))} (${facts.stageName} allows ${facts.neglectDays})`
          : `no touch since it was opened on ${formatDay(facts.createdOn, today)}`;
      case 'no-next-step':
        return 'no next step booked';
      case 'overdue-ours':
        return 'one of our promises is overdue';
      case 'unchased-theirs':
        return 'their overdue promise is not chased';
    }
  });
  const text = parts.join('; ');
  return facts.momentum === null ? text : `${text} — momentum ${facts.momentum}`;
}

export function reEngageReason(
  deal: { status: string; reEngageOn: IsoDate; closeReason: string | null },
  today: IsoDate,
): string {
  const why = deal.closeReason ? ` (${deal.closeReason})` : '';
  return `${deal.status}${why} until ${formatDay(deal.reEngageOn, today)} — time to re-engage`;
}

export function prospectReason(accountName: string): string {
  return `no open deal at ${accountName} — open a new conversation`;
}
