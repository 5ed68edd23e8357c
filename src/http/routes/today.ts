import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { localDayReader } from '../../core/march/local-days.ts';
import type { IsoDate } from '../../core/shared/dates.ts';
import { getToday } from '../../core/today/get-today.ts';
import { requireActor } from '../auth/authenticate.ts';
import { presentToday, TodayView } from '../../contract/today/today.ts';
import { IsoDateString, withProblems } from '../schemas/common.ts';
import { lruMap, versionedCache } from '../caching/versioned-cache.ts';
import type { TypedApp } from './types.ts';

/** Agendas kept per server instance, and how long one may be served without recomputing. */
const CACHE_ENTRIES = 500;
const CACHE_TTL_MS = 60_000;
/** How far back the change stamp counts audit entries: longer than any transaction runs. */
const STAMP_WINDOW_MS = 5 * 60_000;

interface CachedAgenda {
  stamp: string;
  /** The JSON, already encoded: sent as is on every hit. */
  body: Buffer;
  etag: string;
  date: IsoDate;
  timeZone: string;
  storedAt: number;
}

/** FNV-1a, enough to turn a stamp into a short ETag. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/*
 * Today is read far more often than anything it depends on changes, so each instance keeps the
 * serialized agenda and serves it again while the workspace's change stamp (one indexed read of
 * the audit log, which every write appends to) is unchanged, the member's day has not turned,
 * and it is less than a minute old. The stamp itself is read again only when the store's change
 * feed says something was written since (by this instance or another on the same database), so
 * a write in one workspace costs the others one stamp read, not a new agenda.
 */
export function todayRoutes(app: TypedApp, ctx: AppContext) {
  const cache = lruMap<string, CachedAgenda>(CACHE_ENTRIES);
  const stamps = versionedCache<string, string>({
    capacity: CACHE_ENTRIES,
    maxAgeMs: CACHE_TTL_MS,
  });
  const readers = new Map<string, (instant: string) => IsoDate>();
  const dayIn = (timeZone: string) => {
    let read = readers.get(timeZone);
    if (!read) readers.set(timeZone, (read = localDayReader(timeZone)));
    return read;
  };

  app.get(
    '/api/v1/today',
    {
      schema: {
        tags: ['today'],
        summary: 'Your agenda for a day: what to deliver, chase, meet, revive and prospect',
        description:
          'Fixed items (promises due, meetings that day) always; flexible ones up to the floor, then optional ones up to the ceiling less the touches already made; the rest planned on later business days. Owners and managers may ask for a member.',
        querystring: Type.Object(
          {
            date: Type.Optional(IsoDateString),
            member: Type.Optional(
              Type.String({ minLength: 1, maxLength: 64, description: 'A member id' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: TodayView, 304: Type.Null() }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { date, member } = request.query;
      const nowMs = ctx.clock.now().epochMilliseconds;
      const version = ctx.store.changes.version();
      let stamp = stamps.get(actor.workspaceId, version, nowMs);
      if (stamp === undefined) {
        // Stored instants are ISO text with milliseconds, which is what toISOString writes.
        const since = new Date(nowMs - STAMP_WINDOW_MS).toISOString();
        stamp = await ctx.today.changeStamp(ctx.runner.executor, actor.workspaceId, since);
        stamps.set(actor.workspaceId, stamp, version, nowMs);
      }
      const key = `${actor.workspaceId}|${actor.memberId}|${actor.role}|${member ?? ''}|${date ?? ''}`;
      let entry = cache.get(key);
      const fresh =
        entry !== undefined &&
        entry.stamp === stamp &&
        nowMs - entry.storedAt < CACHE_TTL_MS &&
        (date !== undefined || dayIn(entry.timeZone)(new Date(nowMs).toISOString()) === entry.date);
      if (!fresh) {
        const agenda = await getToday(ctx, actor, {
          ...(date && { date }),
          ...(member && { memberId: member }),
        });
        entry = {
          stamp,
          body: Buffer.from(JSON.stringify(presentToday(agenda))),
          etag: `"t${hash(`${key}|${stamp}|${agenda.date}`)}"`,
          date: agenda.date,
          timeZone: agenda.member.timeZone,
          storedAt: nowMs,
        };
        cache.set(key, entry);
      }
      reply.header('etag', entry!.etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === entry!.etag) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(entry!.body);
    },
  );
}
