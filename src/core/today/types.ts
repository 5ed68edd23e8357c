import type { IsoDate } from '../time/dates.ts';

export const AGENDA_KINDS = ['deliver', 'chase', 'meet', 'revive', 'prospect'] as const;
/**
 * - deliver: one of our promises whose target is today or past (or that has no date yet)
 * - chase: one of their promises past due that needs chasing
 * - meet: a call or a next step booked for the day
 * - revive: a neglected deal
 * - prospect: a new conversation (an account without an open deal, or a paused deal whose
 *   re-engage date has come) when the rest does not reach the floor
 */
export type AgendaKind = (typeof AGENDA_KINDS)[number];

/** What one can do about an item from Today; the first is the one that clears it. `date`
 * agrees a first due date for a promise that has none; `renegotiate` agrees a new one for a
 * promise that is due or late (it can no longer be snoozed). */
export const AGENDA_ACTIONS = ['done', 'snooze', 'touch', 'renegotiate', 'date'] as const;
export type AgendaAction = (typeof AGENDA_ACTIONS)[number];

export interface AgendaItem {
  kind: AgendaKind;
  /** Null only for a prospect pointing at an account without a deal. */
  dealId: string | null;
  accountId: string | null;
  commitmentId: string | null;
  nextStepId: string | null;
  callId: string | null;
  title: string;
  dealTitle: string | null;
  /** Why it is on the list, in words, with dates in the member's zone. */
  reason: string;
  due: IsoDate | null;
  target: IsoDate | null;
  /** HH:MM in the member's zone, for a booked call or next step. */
  time: string | null;
  /** A fixed item (a promise due, a meeting that day) is always listed. */
  fixed: boolean;
  /** Beyond the floor: worth doing if the day allows, up to the ceiling. */
  optional: boolean;
  /** The deal's momentum score, for revivals (they are ordered by it, weakest first). */
  momentum: number | null;
  actions: AgendaAction[];
}

/** An item of a coming business day: one that did not fit today, or one already booked then (a
 * promise whose target falls then, a next step, a call), with that day. */
export interface LaterItem extends AgendaItem {
  planned: IsoDate;
}

export interface TodayAgenda {
  date: IsoDate;
  member: { id: string; name: string; email: string; timeZone: string };
  businessDay: boolean;
  /** Why the day is not a business day ("weekend", "Thanksgiving Day", "day off"). */
  dayOff: string | null;
  march: { floor: number; ceiling: number; done: number };
  items: AgendaItem[];
  later: LaterItem[];
  /** Flexible items that fit neither today nor the planning horizon. */
  unplanned: number;
  /** What the member has open: when both are 0 there is nothing to plan, and an empty list
   * should say what would help (log a call, add a deal) rather than that all is on track. */
  open: { deals: number; promises: number };
}
