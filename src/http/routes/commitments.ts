import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import {
  addCommitment,
  completeCommitment,
  dropCommitment,
  editCommitment,
  getCommitment,
  listCommitments,
  snoozeCommitment,
} from '../../core/commitments/flows/manage-commitments.ts';
import { requireActor } from '../auth/authenticate.ts';
import { CommitmentView, presentCommitment } from '../../contract/commitments/commitment.ts';
import { IdParams, IsoDateString, withProblems } from '../schemas/common.ts';
import {
  IfMatchHeaders,
  ifMatchOptional,
  ifMatchUpdate,
  PRECONDITION_PROBLEMS,
} from '../security/preconditions.ts';
import type { TypedApp } from './types.ts';
import type { CachedReadCheck } from '../caching/read-cache.ts';

const Reason = Type.String({ minLength: 1, maxLength: 500 });
const DueTime = Type.Union([Type.String({ pattern: '^\\d{2}:\\d{2}$' }), Type.Null()]);
const Lead = Type.Union([Type.Integer({ minimum: 0, maximum: 30 }), Type.Null()]);

export function commitmentRoutes(app: TypedApp, ctx: AppContext, cachedRead: CachedReadCheck) {
  app.get(
    '/api/v1/commitments',
    {
      schema: {
        tags: ['commitments'],
        summary: 'List promises on the deals you can see',
        querystring: Type.Object(
          {
            deal: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            state: Type.Optional(
              Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('dropped')]),
            ),
            side: Type.Optional(Type.Union([Type.Literal('ours'), Type.Literal('theirs')])),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Type.Array(CommitmentView) }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (await cachedRead(request, reply)) return reply;
      const { deal, state, side } = request.query;
      const list = await listCommitments(ctx, actor, {
        ...(deal && { dealId: deal }),
        ...(state && { state }),
        ...(side && { side }),
      });
      return list.map(presentCommitment);
    },
  );

  app.post(
    '/api/v1/commitments',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Record a promise; its early target is computed on the deal owner’s calendar',
        body: Type.Object(
          {
            dealId: Type.String({ minLength: 1, maxLength: 64 }),
            side: Type.Union([Type.Literal('ours'), Type.Literal('theirs')]),
            text: Type.String({ minLength: 1, maxLength: 500 }),
            due: Type.Optional(Type.Union([IsoDateString, Type.Null()])),
            dueTime: Type.Optional(
              Type.Union([Type.String({ pattern: '^\\d{2}:\\d{2}$' }), Type.Null()]),
            ),
            madeOn: Type.Optional(IsoDateString),
            lead: Type.Optional(
              Type.Union([Type.Integer({ minimum: 0, maximum: 30 }), Type.Null()]),
            ),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: CommitmentView }),
      },
    },
    async (request, reply) => {
      const c = await addCommitment(ctx, requireActor(request), request.body);
      return reply.code(201).header('etag', `"${c.version}"`).send(presentCommitment(c));
    },
  );

  app.get(
    '/api/v1/commitments/:id',
    {
      schema: {
        tags: ['commitments'],
        summary: 'One promise',
        params: IdParams,
        response: withProblems({ 200: CommitmentView }),
      },
    },
    async (request, reply) => {
      const c = await getCommitment(ctx, requireActor(request), request.params.id);
      return reply.header('etag', `"${c.version}"`).send(presentCommitment(c));
    },
  );

  app.post(
    '/api/v1/commitments/:id/done',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Mark a promise kept (classified early, on-time or late); records a touch',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          { at: Type.Optional(Type.String({ minLength: 10, maxLength: 40 })) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: CommitmentView }, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) =>
      presentCommitment(
        await ifMatchOptional(request, reply, (expectedVersion) =>
          completeCommitment(ctx, requireActor(request), request.params.id, {
            at: request.body.at,
            expectedVersion,
          }),
        ),
      ),
  );

  app.post(
    '/api/v1/commitments/:id/drop',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Drop a promise, saying why',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: withProblems({ 200: CommitmentView }, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) =>
      presentCommitment(
        await ifMatchOptional(request, reply, (expectedVersion) =>
          dropCommitment(ctx, requireActor(request), request.params.id, {
            ...request.body,
            expectedVersion,
          }),
        ),
      ),
  );

  app.post(
    '/api/v1/commitments/:id/snooze',
    {
      schema: {
        tags: ['commitments'],
        summary: 'Hide a promise from Today until a date (never past its due date)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object({ to: IsoDateString, reason: Reason }, { additionalProperties: false }),
        response: withProblems({ 200: CommitmentView }, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) =>
      presentCommitment(
        await ifMatchOptional(request, reply, (expectedVersion) =>
          snoozeCommitment(ctx, requireActor(request), request.params.id, {
            ...request.body,
            expectedVersion,
          }),
        ),
      ),
  );

  app.patch(
    '/api/v1/commitments/:id',
    {
      schema: {
        tags: ['commitments'],
        summary:
          'Change what was promised or when (If-Match required). A new due date is agreed today or later; the target is recomputed, and changing an existing due is recorded as a renegotiation',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            text: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            due: Type.Optional(Type.Union([IsoDateString, Type.Null()])),
            dueTime: Type.Optional(DueTime),
            lead: Type.Optional(Lead),
            reason: Type.Optional(Reason),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: withProblems({ 200: CommitmentView }, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) =>
      presentCommitment(
        await ifMatchUpdate(request, reply, (expectedVersion) =>
          editCommitment(ctx, requireActor(request), request.params.id, {
            ...request.body,
            expectedVersion,
          }),
        ),
      ),
  );

  app.post(
    '/api/v1/commitments/:id/renegotiate',
    {
      schema: {
        tags: ['commitments'],
        summary:
          'Agree a new due date with the customer (a late promise cannot be snoozed): the old due is kept in its history, the early target is recomputed',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            due: IsoDateString,
            dueTime: Type.Optional(DueTime),
            text: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            lead: Type.Optional(Lead),
            reason: Type.Optional(Reason),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: CommitmentView }, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) =>
      presentCommitment(
        await ifMatchOptional(request, reply, (expectedVersion) =>
          editCommitment(ctx, requireActor(request), request.params.id, {
            ...request.body,
            expectedVersion,
          }),
        ),
      ),
  );
}
