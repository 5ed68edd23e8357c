import { Temporal } from 'temporal-polyfill';
import { requireScope } from '../../auth/flows/api-tokens.ts';
import type { SecretGenerator } from '../../auth/ports.ts';
import { recordAudit } from '../../audit/record.ts';
import { instantFromLocal } from '../../calendar/index.ts';
import type { ReadDeps, WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { notFound } from '../../kernel/errors.ts';
import type { Actor } from '../../workspaces/types.ts';
import type { CalendarFeedRepository, FeedReader } from '../ports.ts';
import type { CalendarFeed, FeedContent, FeedEvent } from '../types.ts';

type FeedDeps = WriteDeps & { calendarFeeds: CalendarFeedRepository; secrets: SecretGenerator };

/** The prefix of a feed secret; the URL is /ical/<secret>.ics. */
export const FEED_SECRET_PREFIX = 'cal';

/** Closed items stay in the feed as CANCELLED this long, so subscribed calendars remove them. */
export const CANCELLED_KEPT_DAYS = 30;

/** How long a booked call or next step with a time lasts when nothing says otherwise. */
export const DEFAULT_MEETING_MINUTES = 30;

/** The path of a feed, relative to the server's public URL. */
export const feedPath = (secret: string) => `/ical/${secret}.ics`;

/** The member's feed status (the secret itself is never kept, so never shown again). */
export async function getCalendarFeed(
  deps: ReadDeps & { calendarFeeds: CalendarFeedRepository },
  actor: Actor,
): Promise<CalendarFeed | null> {
  return deps.calendarFeeds.findLive(deps.runner.executor, actor.memberId);
}

/**
 * Makes the member a new feed URL, revoking the one they had (rotate); the secret is returned
 * once. A feed URL reads the member's calendar without signing in, so an API token needs the
 * `tokens` scope to make one, as for API tokens.
 */
export async function rotateCalendarFeed(
  deps: FeedDeps,
  actor: Actor,
): Promise<{ feed: CalendarFeed; secret: string; replaced: boolean }> {
  requireScope(actor, 'tokens', 'create calendar feed URLs');
  const secret = deps.secrets.newToken(FEED_SECRET_PREFIX);
  const now = toStoredInstant(deps.clock.now());
  const feed: CalendarFeed = {
    id: deps.ids('calendarFeed'),
    workspaceId: actor.workspaceId,
    memberId: actor.memberId,
    createdAt: now,
    revokedAt: null,
  };
  const replaced = await deps.runner.transaction(async (tx) => {
    const revoked = await deps.calendarFeeds.revokeForMember(tx, actor.memberId, now);
    await deps.calendarFeeds.insert(tx, feed, deps.secrets.hashToken(secret));
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: revoked ? 'calendar_feed.rotate' : 'calendar_feed.create',
      entity: 'calendar_feed',
      entityId: feed.id,
    });
    return revoked > 0;
  });
  return { feed, secret, replaced };
}

/** Revokes the member's feed URL: subscribed calendars get 404 from then on. */
export async function revokeCalendarFeed(
  deps: WriteDeps & { calendarFeeds: CalendarFeedRepository },
  actor: Actor,
): Promise<void> {
  requireScope(actor, 'tokens', 'revoke calendar feed URLs');
  await deps.runner.transaction(async (tx) => {
    const live = await deps.calendarFeeds.findLive(tx, actor.memberId);
    if (!live) throw notFound('calendar feed', actor.memberId);
    await deps.calendarFeeds.revokeForMember(tx, actor.memberId, toStoredInstant(deps.clock.now()));
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actor,
      action: 'calendar_feed.revoke',
      entity: 'calendar_feed',
      entityId: live.id,
    });
  });
}

/**
 * What a feed URL shows, found by the hash of its secret (an index lookup: no comparison whose
 * time depends on how much of the secret was right). Unknown, revoked or removed: not found.
 */
export async function readCalendarFeed(
  deps: ReadDeps & { calendarFeeds: CalendarFeedRepository; feedReader: FeedReader },
  secretHash: string,
): Promise<FeedContent> {
  const ex = deps.runner.executor;
  const found = await deps.calendarFeeds.findLiveByHash(ex, secretHash);
  if (!found) throw notFound('calendar feed', 'given');
  const since = toStoredInstant(deps.clock.now().subtract({ hours: 24 * CANCELLED_KEPT_DAYS }));
  return deps.feedReader.read(ex, found.feed.workspaceId, found.feed.memberId, since);
}

export interface FeedLinks {
  /** The server's public URL, e.g. https://momentum.example.com (no trailing slash). */
  baseUrl: string;
  /** The host part of UIDs, e.g. momentum.example.com. */
  host: string;
}

const nextDay = (date: string) => Temporal.PlainDate.from(date).add({ days: 1 }).toString();

/** The day we should chase their promise: the day after it was due, or after a snooze. */
export function chaseDay(due: string, snoozedUntil: string | null): string {
  const after = nextDay(due);
  return snoozedUntil && snoozedUntil > after ? snoozedUntil : after;
}

const dealLine = (dealTitle: string, accountName: string) => `${dealTitle} (${accountName})`;

/** The feed's events, in a stable order, from what was read: pure, so it is tested alone. */
export function feedEvents(content: FeedContent, links: FeedLinks): FeedEvent[] {
  const events: FeedEvent[] = [];
  const dealUrl = (id: string) => `${links.baseUrl}/deals/${encodeURIComponent(id)}`;
  for (const p of content.promises) {
    if (p.due === null) continue;
    const ours = p.side === 'ours';
    const day = ours ? (p.target ?? p.due) : chaseDay(p.due, p.snoozedUntil);
    const deal = dealLine(p.dealTitle, p.accountName);
    const url = dealUrl(p.dealId);
    events.push({
      uid: `commitment-${p.id}@${links.host}`,
      summary: ours ? `Deliver: ${p.text} — ${p.dealTitle}` : `Chase: ${p.text} — ${p.dealTitle}`,
      description: [
        ours
          ? `Our promise, due ${p.due}${p.target && p.target !== p.due ? ` (early target ${p.target})` : ''}.`
          : `Their promise, due ${p.due}: chase it if it has not arrived.`,
        `Deal: ${deal}`,
        p.state === 'done' ? 'Done.' : p.state === 'dropped' ? 'Dropped.' : '',
        url,
      ]
        .filter(Boolean)
        .join('\n'),
      url,
      allDay: true,
      start: day,
      end: nextDay(day),
      sequence: Math.max(0, p.version - 1),
      lastModified: p.updatedAt,
      cancelled: p.state !== 'open',
      categories: [ours ? 'Promise' : 'Chase'],
    });
  }
  for (const s of content.nextSteps) {
    const url = dealUrl(s.dealId);
    const common = {
      uid: `next-step-${s.id}@${links.host}`,
      summary: `Next step: ${s.text} — ${s.dealTitle}`,
      description: [
        `Next step on ${dealLine(s.dealTitle, s.accountName)}, ${s.due}${s.dueTime ? ` ${s.dueTime} (${content.timeZone})` : ''}.`,
        url,
      ].join('\n'),
      url,
      sequence: Math.max(0, s.version - 1),
      lastModified: s.updatedAt,
      cancelled: s.state !== 'open' && s.state !== 'done',
      categories: ['Next step'],
    };
    if (s.dueTime) {
      const start = instantFromLocal(`${s.due}T${s.dueTime}`, content.timeZone);
      events.push({
        ...common,
        allDay: false,
        start: toStoredInstant(start),
        end: toStoredInstant(start.add({ minutes: DEFAULT_MEETING_MINUTES })),
      });
    } else {
      events.push({ ...common, allDay: true, start: s.due, end: nextDay(s.due) });
    }
  }
  for (const c of content.bookedCalls) {
    const url = dealUrl(c.dealId);
    events.push({
      uid: `booked-call-${c.id}@${links.host}`,
      summary: `Call: ${c.title} — ${c.dealTitle}`,
      description: [
        `Booked call on ${dealLine(c.dealTitle, c.accountName)}.`,
        c.location ? `Where: ${c.location}` : '',
        url,
      ]
        .filter(Boolean)
        .join('\n'),
      url,
      allDay: false,
      start: c.startsAt,
      end: c.endsAt,
      sequence: c.sequence,
      lastModified: c.updatedAt,
      cancelled: c.state === 'cancelled',
      categories: ['Call'],
    });
  }
  for (const c of content.plannedCalls) {
    const url = dealUrl(c.dealId);
    const start = Temporal.Instant.from(c.startedAt);
    events.push({
      uid: `call-${c.id}@${links.host}`,
      summary: `Call — ${c.dealTitle}`,
      description: [`Call booked on ${dealLine(c.dealTitle, c.accountName)}.`, url].join('\n'),
      url,
      allDay: false,
      start: toStoredInstant(start),
      end: toStoredInstant(start.add({ minutes: DEFAULT_MEETING_MINUTES })),
      sequence: Math.max(0, c.version - 1),
      lastModified: c.updatedAt,
      cancelled: false,
      categories: ['Call'],
    });
  }
  return events.sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : 1,
  );
}
