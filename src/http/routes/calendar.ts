import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { normalizePublicUrl } from '../../app/public-url.ts';
import {
  feedEvents,
  feedPath,
  getCalendarFeed,
  readCalendarFeed,
  revokeCalendarFeed,
  rotateCalendarFeed,
} from '../../core/calendar-feeds/flows/feeds.ts';
import { importMeetings } from '../../core/calendar-feeds/flows/import-meetings.ts';
import { IMPORT_WINDOW_DAYS, readIcs } from '../../app/calendar/read-ics.ts';
import { invalid, notFound } from '../../core/kernel/errors.ts';
import { requireActor } from '../auth/authenticate.ts';
import { renderFeed } from '../calendar/ics-feed.ts';
import { withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

/** Feed fetches per minute per client address: calendars poll hourly; guessing gets nowhere. */
export const FEED_REQUESTS_PER_MINUTE = 60;

/** What a feed secret looks like (see systemSecrets): anything else is 404 without a lookup. */
const FEED_FILE = /^(cal_[A-Za-z0-9_-]{20,100})\.ics$/;

const FeedView = Type.Object(
  {
    active: Type.Boolean(),
    createdAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'CalendarFeed' },
);

export interface CalendarRouteOptions {
  /** The server's public URL (MOMENTUM_PUBLIC_URL / MOMENTUM_ORIGIN); default: the request's. */
  publicUrl?: string;
}

export function calendarRoutes(app: TypedApp, ctx: AppContext, options: CalendarRouteOptions = {}) {
  const fixed = options.publicUrl ? normalizePublicUrl(options.publicUrl) : null;
  const baseOf = (request: FastifyRequest) => fixed ?? `${request.protocol}://${request.host}`;

  app.get(
    '/api/v1/calendar/feed',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Whether you have a calendar feed URL (it is shown only when made)',
        response: withProblems({ 200: FeedView }),
      },
    },
    async (request) => {
      const feed = await getCalendarFeed(ctx, requireActor(request));
      return { active: feed !== null, createdAt: feed?.createdAt ?? null };
    },
  );
  app.post(
    '/api/v1/calendar/feed',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Make your private calendar feed URL, replacing the old one (rotate)',
        description:
          'The URL is shown once: only a hash of its secret is kept. Subscribe to it in Google Calendar, Outlook or Apple Calendar. An API token needs the tokens scope.',
        response: withProblems(
          {
            201: Type.Object({
              url: Type.String(),
              createdAt: Type.String(),
              replaced: Type.Boolean(),
            }),
          },
          403,
        ),
      },
    },
    async (request, reply) => {
      const { feed, secret, replaced } = await rotateCalendarFeed(ctx, requireActor(request));
      return reply.code(201).send({
        url: `${baseOf(request)}${feedPath(secret)}`,
        createdAt: feed.createdAt,
        replaced,
      });
    },
  );
  app.delete(
    '/api/v1/calendar/feed',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Revoke your calendar feed URL',
        response: withProblems({ 204: Type.Null() }, 403),
      },
    },
    async (request, reply) => {
      await revokeCalendarFeed(ctx, requireActor(request));
      return reply.code(204).send();
    },
  );

  const MeetingResultView = Type.Object({
    uid: Type.String(),
    occurrence: Type.String(),
    startsAt: Type.String(),
    title: Type.String(),
    action: Type.String(),
    reason: Type.Union([Type.String(), Type.Null()]),
    deal: Type.Union([
      Type.Object({ id: Type.String(), title: Type.String(), account: Type.String() }),
      Type.Null(),
    ]),
    bookedCallId: Type.Union([Type.String(), Type.Null()]),
  });
  app.post(
    '/api/v1/calendar/import',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Book the meetings of a calendar file on the deals whose contacts attend',
        description:
          'The body carries the .ics text. Recurring series are booked for the next `days` (default 90); importing the same file again adds nothing twice. With dryRun, nothing is written.',
        body: Type.Object(
          {
            ics: Type.String({ minLength: 1, maxLength: 400_000 }),
            dryRun: Type.Optional(Type.Boolean()),
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems(
          {
            200: Type.Object({
              dryRun: Type.Boolean(),
              results: Type.Array(MeetingResultView),
              counts: Type.Record(Type.String(), Type.Integer()),
              outsideWindow: Type.Integer(),
              unreadable: Type.Array(
                Type.Object({ uid: Type.String(), summary: Type.String(), reason: Type.String() }),
              ),
            }),
          },
          403,
        ),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const member = await ctx.members.findById(
        ctx.runner.executor,
        actor.workspaceId,
        actor.memberId,
      );
      let read;
      try {
        read = await readIcs(
          request.body.ics,
          new Date(ctx.clock.now().epochMilliseconds),
          request.body.days ?? IMPORT_WINDOW_DAYS,
          member?.timeZone,
        );
      } catch (error) {
        throw invalid((error as Error).message);
      }
      const report = await importMeetings(ctx, actor, read.occurrences, {
        dryRun: request.body.dryRun ?? false,
      });
      return { ...report, outsideWindow: read.outsideWindow, unreadable: read.unreadable };
    },
  );

  app.get(
    '/ical/:file',
    {
      schema: {
        hide: true,
        params: Type.Object(
          { file: Type.String({ maxLength: 200 }) },
          { additionalProperties: false },
        ),
      },
      config: {
        rateLimit: {
          max: FEED_REQUESTS_PER_MINUTE,
          timeWindow: 60_000,
          allowList: () => false,
          keyGenerator: (request: FastifyRequest) => `ical-ip:${request.ip}`,
        },
      },
    },
    async (request, reply) => {
      const match = FEED_FILE.exec(request.params.file);
      if (!match) throw notFound('calendar feed', 'given');
      const content = await readCalendarFeed(ctx, ctx.secrets.hashToken(match[1]!));
      const base = baseOf(request);
      const events = feedEvents(content, { baseUrl: base, host: new URL(base).hostname });
      const feed = await renderFeed(
        `Momentum — ${content.memberName} (${content.workspaceName})`,
        events,
        '2000-01-01T00:00:00Z',
      );
      reply
        .header('etag', feed.etag)
        .header('last-modified', feed.lastModified.toUTCString())
        .header('cache-control', 'private, no-cache')
        .header('referrer-policy', 'no-referrer');
      const ifNoneMatch = request.headers['if-none-match'];
      const ifModifiedSince = request.headers['if-modified-since'];
      const notModified =
        ifNoneMatch !== undefined
          ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === feed.etag)
          : ifModifiedSince !== undefined &&
            !Number.isNaN(Date.parse(ifModifiedSince)) &&
            Date.parse(ifModifiedSince) >= feed.lastModified.getTime();
      if (notModified) return reply.code(304).send();
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="momentum.ics"')
        .send(feed.body);
    },
  );
}
