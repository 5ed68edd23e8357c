import type { IsoDate } from '../time/dates.ts';

/** The kinds a person logs by hand, and the kinds the product records by itself. */
export const LOGGED_TOUCH_KINDS = ['email', 'call', 'meeting', 'message', 'other'] as const;
export const TOUCH_KINDS = [...LOGGED_TOUCH_KINDS, 'delivery', 'plan'] as const;

export type LoggedTouchKind = (typeof LOGGED_TOUCH_KINDS)[number];
/** `delivery` is a kept promise, `plan` a plan update; both are recorded automatically. */
export type TouchKind = (typeof TOUCH_KINDS)[number];

/** A forward action on a deal: the distance of the daily march. */
export interface Touch {
  id: string;
  workspaceId: string;
  dealId: string;
  /** Who made the touch: it counts towards their march. */
  memberId: string;
  kind: TouchKind;
  at: string;
  text: string | null;
  commitmentId: string | null;
  callId: string | null;
  createdAt: string;
}

/** How many touches a member made on one local day. */
export interface DayCount {
  date: IsoDate;
  touches: number;
}
