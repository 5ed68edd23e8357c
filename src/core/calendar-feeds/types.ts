import type { IsoDate } from '../time/dates.ts';

/** A member's private calendar feed. The secret is in the URL only; the row keeps its hash. */
export interface CalendarFeed {
  id: string;
  workspaceId: string;
  memberId: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A meeting imported from a calendar file and booked on a deal (one row per occurrence). */
export interface BookedCall {
  id: string;
  workspaceId: string;
  dealId: string;
  memberId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  /** The imported event's UID. */
  sourceUid: string;
  /** The occurrence's original start, an instant (RECURRENCE-ID or the single event's start). */
  occurrence: string;
  state: 'booked' | 'cancelled';
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

/** What the feed shows, read for one member. */
export interface FeedPromise {
  id: string;
  side: 'ours' | 'theirs';
  text: string;
  due: IsoDate | null;
  target: IsoDate | null;
  snoozedUntil: IsoDate | null;
  state: 'open' | 'done' | 'dropped';
  dealId: string;
  dealTitle: string;
  accountName: string;
  version: number;
  updatedAt: string;
}

export interface FeedNextStep {
  id: string;
  text: string;
  due: IsoDate;
  dueTime: string | null;
  state: string;
  dealId: string;
  dealTitle: string;
  accountName: string;
  version: number;
  /** When it last changed: its newest audit entry, or its creation. */
  updatedAt: string;
}

export interface FeedBookedCall extends BookedCall {
  dealTitle: string;
  accountName: string;
}

/** A call logged ahead of its time in Momentum (booked; see Today's booked calls). */
export interface FeedPlannedCall {
  id: string;
  dealId: string;
  dealTitle: string;
  accountName: string;
  startedAt: string;
  version: number;
  /** When it last changed: its newest audit entry, or its creation. */
  updatedAt: string;
}

export interface FeedContent {
  memberId: string;
  workspaceId: string;
  timeZone: string;
  memberName: string;
  workspaceName: string;
  promises: FeedPromise[];
  nextSteps: FeedNextStep[];
  bookedCalls: FeedBookedCall[];
  plannedCalls: FeedPlannedCall[];
}

/** One event of the feed, independent of the ICS library that writes it. */
export interface FeedEvent {
  uid: string;
  summary: string;
  description: string;
  url: string;
  /** All-day: a date (DTEND is the next day, exclusive). Timed: instants (UTC). */
  allDay: boolean;
  start: string;
  end: string;
  sequence: number;
  lastModified: string;
  cancelled: boolean;
  categories: string[];
}
