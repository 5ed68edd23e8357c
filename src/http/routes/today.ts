import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { localDayReader } from '../../core/time/local-days.ts';
import type { IsoDate } from '../../core/time/dates.ts';
import { getToday } from '../../core/today/get-today.ts';
import { requireActor } from '../auth/authenticate.ts';
import { presentToday, TodayView } from '../../contract/today/today.ts';
import { IsoDateString, withProblems } from '../schemas/common.ts';
import { lruMap } from '../caching/versioned-cache.ts';
import type { TypedApp } from './types.ts';

/** Agendas kept per server instance, and how long one may be served without recomputing. */
const CACHE_ENTRIES = 500;
const CACHE_TTL_MS = 60_000;

interface CachedAgenda {
  /** The change feed's version it was computed at (decision 004). */
  version: number;
  /** The JSON, already encoded: sent as is on every hit. */
  body: Buffer;
  etag: string;
  date: IsoDate;
  timeZone: string;
  storedAt: number;
}

/** FNV-1a, enough to turn an agenda into a short ETag. */
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
 * serialized agenda and serves it again while the store's change feed (decision 004: moved by a
 * commit in this instance, another one or the CLI) is at the version it was computed at, the
 * member's day has not turned, and it is less than a minute old. That is the one invalidation
 * every cache of the server follows (decision 021): no second stamp of its own. The ETag is the
 * agenda's content, so a recomputed agenda that did not change still answers 304.
 */
export function todayRoutes(app: TypedApp, ctx: AppContext) {
  const cache = lruMap<string, CachedAgenda>(CACHE_ENTRIES);
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
      // Read before the agenda: a write committed meanwhile leaves the entry behind.
      const version = ctx.store.changes.version();
      const key = `${actor.workspaceId}|${actor.memberId}|${actor.role}|${member ?? ''}|${date ?? ''}`;
      let entry = cache.get(key);
      const fresh =
        entry !== undefined &&
        version !== null &&
        entry.version === version &&
        nowMs - entry.storedAt < CACHE_TTL_MS &&
        (date !== undefined || dayIn(entry.timeZone)(new Date(nowMs).toISOString()) === entry.date);
      if (!fresh) {
        const agenda = await getToday(ctx, actor, {
          ...(date && { date }),
          ...(member && { memberId: member }),
        });
        const json = JSON.stringify(presentToday(agenda));
        entry = {
          version: version ?? -1,
          body: Buffer.from(json),
          etag: `"t${hash(`${key}|${json}`)}"`,
          date: agenda.date,
          timeZone: agenda.member.timeZone,
          storedAt: nowMs,
        };
        // While the feed cannot say (null), every request reads through.
        if (version !== null) cache.set(key, entry);
      }
      reply.header('etag', entry!.etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === entry!.etag) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(entry!.body);
    },
  );
}
