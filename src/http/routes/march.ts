import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { getMarch } from '../../core/march/march-report.ts';
import { getMarchSettings } from '../../core/march/march-settings.ts';
import { updateMemberSettings } from '../../core/workspaces/flows/update-member-settings.ts';
import { requireActor } from '../auth/authenticate.ts';
import {
  MarchSettingsView,
  MarchView,
  presentMarch,
  presentMarchSettings,
} from '../../contract/march/march.ts';
import {
  etagOf,
  IfMatchHeaders,
  ifMatchUpdate,
  PRECONDITION_PROBLEMS,
} from '../security/preconditions.ts';
import { IsoDateString, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';
import type { CachedReadCheck } from '../caching/read-cache.ts';

const MemberQuery = Type.Object(
  {
    member: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'A member id (owners, managers)' }),
    ),
  },
  { additionalProperties: false },
);

export function marchRoutes(app: TypedApp, ctx: AppContext, cachedRead: CachedReadCheck) {
  app.get(
    '/api/v1/march',
    {
      schema: {
        tags: ['march'],
        summary:
          'Your daily march: the day’s distance, the last 20 business days, streak, consistency',
        querystring: Type.Object(
          {
            date: Type.Optional(IsoDateString),
            member: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: MarchView }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (await cachedRead(request, reply)) return reply;
      return presentMarch(
        await getMarch(ctx, actor, {
          ...(request.query.date && { date: request.query.date }),
          ...(request.query.member && { memberId: request.query.member }),
        }),
      );
    },
  );

  app.get(
    '/api/v1/march/settings',
    {
      schema: {
        tags: ['march'],
        summary: 'The floor, ceiling, lead and calendar Today is planned with; version as ETag',
        querystring: MemberQuery,
        response: withProblems({ 200: MarchSettingsView }),
      },
    },
    async (request, reply) => {
      const member = await getMarchSettings(ctx, requireActor(request), request.query.member);
      return reply.header('etag', etagOf(member.version)).send(presentMarchSettings(member));
    },
  );

  app.patch(
    '/api/v1/march/settings',
    {
      schema: {
        tags: ['march'],
        summary: 'Change the march and calendar; needs If-Match',
        description:
          'Setting only the floor sets the ceiling to the floor + 25%, rounded up. A change of zone, region, weekend, days off or lead moves the early targets of open promises.',
        querystring: MemberQuery,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            floor: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
            ceiling: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
            lead: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
            timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            region: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })),
            weekend: Type.Optional(Type.String({ maxLength: 40, description: 'e.g. sat,sun' })),
            daysOff: Type.Optional(Type.Array(IsoDateString, { maxItems: 366 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: MarchSettingsView }, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const b = request.body;
      const { member } = await ifMatchUpdate(request, reply, async (expectedVersion) => {
        const result = await updateMemberSettings(
          ctx,
          actor,
          request.query.member ?? actor.memberId,
          {
            ...(b.floor !== undefined && { marchFloor: b.floor }),
            ...(b.ceiling !== undefined && { marchCeiling: b.ceiling }),
            ...(b.lead !== undefined && { leadDays: b.lead }),
            ...(b.timeZone !== undefined && { timeZone: b.timeZone }),
            ...(b.region !== undefined && { region: b.region }),
            ...(b.weekend !== undefined && { weekend: b.weekend }),
            ...(b.daysOff !== undefined && { daysOff: b.daysOff }),
          },
          expectedVersion,
        );
        return { ...result, version: result.member.version };
      });
      return presentMarchSettings(member);
    },
  );
}
