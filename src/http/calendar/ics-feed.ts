import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { FeedEvent } from '../../core/calendar-feeds/types.ts';

/** Subscribed calendars are asked to come back hourly (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_TTL_SECONDS = 3600;

export interface RenderedFeed {
  body: string;
  etag: string;
  lastModified: Date;
}

/**
 * Writes the feed with ical-generator. All-day dates go in as Temporal.PlainDate, which the
 * library writes as `VALUE=DATE` as given: a JS Date would be read in the server's own zone when
 * a calendar zone is set, the zone-shift bug all-day events have had. No calendar zone is set;
 * timed events are written in UTC. DTSTAMP is the item's last change, so that the same data
 * gives the same bytes (and the same ETag) on every request.
 */
export async function renderFeed(
  name: string,
  events: readonly FeedEvent[],
  createdAt: string,
): Promise<RenderedFeed> {
  // ical-generator is loaded on the first feed served, so that the server starts without it.
  const { default: ical, ICalCalendarMethod, ICalEventStatus } = await import('ical-generator');
  const calendar = ical({
    name,
    prodId: { company: 'Momentum', product: 'Momentum', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: FEED_TTL_SECONDS,
  });
  let newest = createdAt;
  for (const e of events) {
    const modified = new Date(e.lastModified);
    if (e.lastModified > newest) newest = e.lastModified;
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: modified,
      lastModified: modified,
      allDay: e.allDay,
      start: e.allDay ? Temporal.PlainDate.from(e.start) : new Date(e.start),
      end: e.allDay ? Temporal.PlainDate.from(e.end) : new Date(e.end),
      summary: e.summary,
      description: e.description,
      url: e.url,
      categories: e.categories.map((name) => ({ name })),
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  const body = calendar.toString();
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const lastModified = new Date(Math.floor(new Date(newest).getTime() / 1000) * 1000);
  return { body, etag, lastModified };
}
