import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { logCall } from '../../core/calls/flows/log-call.ts';
import { previewCall } from '../../core/calls/preview-call.ts';
import { getCall, listCalls } from '../../core/calls/read-calls.ts';
import { CALL_OUTCOMES, POOR_OUTCOME_REASONS } from '../../core/calls/types.ts';
import { requireActor } from '../auth/authenticate.ts';
import {
  CallPreviewView,
  CallView,
  LoggedCallView,
  presentCall,
  presentLoggedCall,
  presentPreview,
} from '../../contract/calls/call.ts';
import { IdParams, IsoDateString, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Side = Type.Union([Type.Literal('ours'), Type.Literal('theirs')]);
const Time = Type.String({ pattern: '^\\d{2}:\\d{2}$' });

const settingFields = {
  dealId: Id,
  at: Type.String({
    minLength: 10,
    maxLength: 40,
    description:
      'When the call started: 2026-11-24T10:00 in the call’s zone, or an instant with an offset',
  }),
  timeZone: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'Default: your zone' }),
  ),
  attendees: Type.Optional(
    Type.Array(
      Type.Union([
        Type.String({ minLength: 1, maxLength: 200 }),
        Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }), side: Type.Optional(Side) },
          { additionalProperties: false },
        ),
      ]),
      { maxItems: 30, description: 'Members are ours, contacts of the account theirs' },
    ),
  ),
  notes: Type.Optional(Type.String({ maxLength: 50_000 })),
};

const MilestoneUpdate = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    side: Type.Optional(Side),
    date: Type.Optional(Type.Union([IsoDateString, Type.Null()])),
    state: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('dropped')]),
    ),
  },
  { additionalProperties: false },
);

export function callRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/v1/calls/preview',
    {
      schema: {
        tags: ['calls'],
        summary: 'Step 1 of logging a call: the promises and next step read from the notes',
        description: 'Saves nothing. Confirm, edit or drop each proposal, then POST /api/v1/calls.',
        body: Type.Object(settingFields, { additionalProperties: false }),
        response: withProblems({ 200: CallPreviewView }),
      },
    },
    async (request) => presentPreview(await previewCall(ctx, requireActor(request), request.body)),
  );

  app.post(
    '/api/v1/calls',
    {
      schema: {
        tags: ['calls'],
        summary:
          'Step 2: save the call with its confirmed promises, next step, checklist and plan changes',
        description:
          'One transaction: the call, its commitments, the next step, a plan revision tied to the call, and a touch. Either all of it is saved or none of it.',
        body: Type.Object(
          {
            ...settingFields,
            habits: Type.Optional(
              Type.Record(
                Type.String({ maxLength: 64 }),
                Type.Union([Type.Literal('done'), Type.Literal('partly'), Type.Literal('no')]),
                { description: 'Habit number, key or id → done / partly / no' },
              ),
            ),
            outcome: Type.Optional(Type.Union(CALL_OUTCOMES.map((o) => Type.Literal(o)))),
            reason: Type.Optional(Type.Union(POOR_OUTCOME_REASONS.map((r) => Type.Literal(r)))),
            lesson: Type.Optional(Type.String({ maxLength: 2_000 })),
            lessonHabits: Type.Optional(
              Type.Array(Type.Union([Type.String({ maxLength: 64 }), Type.Integer()]), {
                maxItems: 30,
              }),
            ),
            commitments: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    side: Side,
                    text: Type.String({ minLength: 1, maxLength: 500 }),
                    due: Type.Optional(Type.Union([IsoDateString, Type.Null()])),
                    dueTime: Type.Optional(Type.Union([Time, Type.Null()])),
                    sentence: Type.Optional(
                      Type.Union([Type.String({ maxLength: 2_000 }), Type.Null()]),
                    ),
                    lead: Type.Optional(
                      Type.Union([Type.Integer({ minimum: 0, maximum: 30 }), Type.Null()]),
                    ),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 50 },
              ),
            ),
            nextStep: Type.Optional(
              Type.Union([
                Type.Object(
                  {
                    text: Type.String({ minLength: 1, maxLength: 500 }),
                    date: IsoDateString,
                    time: Type.Optional(Type.Union([Time, Type.Null()])),
                  },
                  { additionalProperties: false },
                ),
                Type.Null(),
              ]),
            ),
            milestones: Type.Optional(Type.Array(MilestoneUpdate, { maxItems: 50 })),
            plan: Type.Optional(
              Type.Object(
                {
                  document: Type.Unknown({ description: 'A whole plan document' }),
                  base: Type.Optional(Type.Integer({ minimum: 0 })),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: LoggedCallView }, 409),
      },
    },
    async (request, reply) => {
      const logged = await logCall(ctx, requireActor(request), request.body);
      return reply.code(201).send(presentLoggedCall(logged));
    },
  );

  app.get(
    '/api/v1/calls',
    {
      schema: {
        tags: ['calls'],
        summary: 'Calls, newest first: a deal’s, or on every deal you may see',
        querystring: Type.Object(
          {
            deal: Type.Optional(Id),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Type.Array(CallView) }),
      },
    },
    async (request) =>
      (
        await listCalls(ctx, requireActor(request), {
          ...(request.query.deal !== undefined && { dealId: request.query.deal }),
          ...(request.query.limit !== undefined && { limit: request.query.limit }),
        })
      ).map(presentCall),
  );

  app.get(
    '/api/v1/calls/:id',
    {
      schema: {
        tags: ['calls'],
        summary: 'One call',
        params: IdParams,
        response: withProblems({ 200: CallView }),
      },
    },
    async (request) => presentCall(await getCall(ctx, requireActor(request), request.params.id)),
  );
}
