import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { intakeEml, mailSettingsFromEnv } from '../../app/mail/intake.ts';
import {
  dismissMailMatch,
  fileMailOnDeal,
  keepMailMatch,
  listInbox,
  listMailProposals,
  type FileMailResult,
} from '../../core/mail/flows/file-message.ts';
import {
  acceptProposedPromise,
  ignoreProposedPromise,
  listWaitingPromises,
} from '../../core/mail/flows/new-promises.ts';
import type { MailMessage } from '../../core/mail/types.ts';
import { requireActor } from '../auth/authenticate.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

/*
 * E-mail in over HTTP: upload one message (the raw .eml as the body, Content-Type
 * message/rfc822), the Inbox of messages waiting for a deal, Today's proposals that a message
 * kept a promise, and keeping or dismissing one. Only plain text leaves the API, never HTML.
 */

const Loose = Type.Unknown();

export function presentMailMessage(m: MailMessage) {
  return {
    id: m.id,
    status: m.status,
    reason: m.reason,
    direction: m.direction,
    source: m.source,
    memberId: m.memberId,
    from: m.fromAddress,
    recipients: m.recipients,
    subject: m.subject,
    sentAt: m.sentAt,
    text: m.bodyText.slice(0, 4_000),
    attachments: m.attachments,
    dealId: m.dealId,
    candidateDealIds: m.candidateDealIds,
    touchId: m.touchId,
    newPromises: m.proposedPromises.map((p, i) => ({
      number: i + 1,
      ...p,
      state: p.state ?? 'proposed',
      commitmentId: p.commitmentId ?? null,
    })),
  };
}

export function presentFileResult(r: FileMailResult) {
  return {
    message: presentMailMessage(r.message),
    duplicate: r.duplicate,
    deal: r.deal,
    candidates: r.candidates,
    keeps: r.matches.map((v) => ({
      id: v.match.id,
      band: v.match.band,
      score: v.match.score,
      matched: v.match.matched,
      reasons: v.match.reasons,
      state: v.match.state,
      commitment: v.commitment,
    })),
  };
}

export function mailRoutes(app: TypedApp, ctx: AppContext) {
  const settings = mailSettingsFromEnv();
  app.addContentTypeParser(
    'message/rfc822',
    { parseAs: 'buffer', bodyLimit: settings.maxBytes + 1 },
    (_request, body, done) => done(null, { raw: body }),
  );

  app.post(
    '/api/v1/mail/messages',
    {
      bodyLimit: settings.maxBytes + 1,
      schema: {
        tags: ['mail'],
        summary: 'Upload one e-mail (.eml as the body, Content-Type: message/rfc822) and file it',
        response: withProblems({ 201: Loose, 200: Loose }, 400, 413, 415),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const raw = (request.body as { raw?: Buffer } | undefined)?.raw;
      if (!raw || !Buffer.isBuffer(raw)) {
        return reply.code(415).type('application/problem+json').send({
          type: 'about:blank',
          title: 'Unsupported Media Type',
          status: 415,
          code: 'unsupported-media-type',
          detail: 'Send the .eml file itself as the body, with Content-Type: message/rfc822.',
        });
      }
      // Only members' own messages are filed for them: an upload is filed for its uploader alone.
      const result = await intakeEml(
        ctx,
        actor.workspaceId,
        raw,
        'upload',
        settings,
        actor.memberId,
      );
      return reply.code(result.duplicate ? 200 : 201).send(presentFileResult(result));
    },
  );

  app.get(
    '/api/v1/mail/inbox',
    {
      schema: {
        tags: ['mail'],
        summary: 'Messages waiting for a deal: several fit (ambiguous) or none did (unfiled)',
        querystring: Type.Object(
          {
            mine: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
            status: Type.Optional(Type.Union([Type.Literal('ambiguous'), Type.Literal('unfiled')])),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Loose }),
      },
    },
    async (request) =>
      (
        await listInbox(ctx, requireActor(request), {
          mine: request.query.mine === 'true',
          status: request.query.status ? [request.query.status] : undefined,
        })
      ).map(presentMailMessage),
  );

  app.get(
    '/api/v1/mail/proposals',
    {
      schema: {
        tags: ['mail'],
        summary: 'Promises your e-mail seems to have kept, waiting for "Mark kept" or "Not this"',
        response: withProblems({ 200: Loose }),
      },
    },
    async (request) =>
      (await listMailProposals(ctx, requireActor(request))).map((p) => ({
        id: p.match.id,
        band: p.match.band,
        score: p.match.score,
        matched: p.match.matched,
        reasons: p.match.reasons,
        commitment: p.commitment,
        message: p.message,
      })),
  );

  app.post(
    '/api/v1/mail/proposals/:id/keep',
    {
      schema: {
        tags: ['mail'],
        summary: 'Mark kept: the promise is done at the time the e-mail was sent',
        params: IdParams,
        response: withProblems({ 200: Loose }),
      },
    },
    async (request) => {
      const r = await keepMailMatch(ctx, requireActor(request), request.params.id);
      return {
        id: r.match.id,
        state: r.match.state,
        commitment: {
          id: r.commitment.id,
          state: r.commitment.state,
          doneAt: r.commitment.doneAt,
          classification: r.commitment.classification,
        },
      };
    },
  );

  app.post(
    '/api/v1/mail/proposals/:id/dismiss',
    {
      schema: {
        tags: ['mail'],
        summary: 'Not this: the e-mail did not keep that promise',
        params: IdParams,
        response: withProblems({ 200: Loose }),
      },
    },
    async (request) => {
      const m = await dismissMailMatch(ctx, requireActor(request), request.params.id);
      return { id: m.id, state: m.state };
    },
  );

  app.post(
    '/api/v1/mail/messages/:id/file',
    {
      schema: {
        tags: ['mail'],
        summary: 'File a waiting message on the deal you choose',
        params: IdParams,
        body: Type.Object(
          { dealId: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Loose }),
      },
    },
    async (request) =>
      presentFileResult(
        await fileMailOnDeal(ctx, requireActor(request), request.params.id, request.body.dealId),
      ),
  );

  const PromiseParams = Type.Object({
    id: Type.String({ minLength: 1, maxLength: 64 }),
    number: Type.Integer({ minimum: 1, maximum: 1000 }),
  });

  app.get(
    '/api/v1/mail/new-promises',
    {
      schema: {
        tags: ['mail'],
        summary: 'New promises read from your filed e-mail, waiting for Add or Ignore',
        response: withProblems({ 200: Loose }),
      },
    },
    async (request) =>
      (await listWaitingPromises(ctx, requireActor(request))).map((w) => ({
        message: w.message,
        number: w.number,
        text: w.promise.text,
        due: w.promise.due,
        dueTime: w.promise.dueTime,
        sentence: w.promise.sentence,
      })),
  );

  app.post(
    '/api/v1/mail/messages/:id/promises/:number/accept',
    {
      schema: {
        tags: ['mail'],
        summary:
          'Add new promise NUMBER (from 1) of an e-mail as an ours promise on its deal; once only (409 after)',
        params: PromiseParams,
        response: withProblems({ 201: Loose }),
      },
    },
    async (request, reply) => {
      const r = await acceptProposedPromise(
        ctx,
        requireActor(request),
        request.params.id,
        request.params.number,
      );
      return reply.code(201).send({
        message: presentMailMessage(r.message),
        number: r.number,
        commitment: {
          id: r.commitment.id,
          dealId: r.commitment.dealId,
          side: r.commitment.side,
          text: r.commitment.text,
          due: r.commitment.due,
          dueTime: r.commitment.dueTime,
          madeOn: r.commitment.madeOn,
          target: r.commitment.target,
          state: r.commitment.state,
        },
      });
    },
  );

  app.post(
    '/api/v1/mail/messages/:id/promises/:number/ignore',
    {
      schema: {
        tags: ['mail'],
        summary: 'Ignore new promise NUMBER of an e-mail: not a promise; nothing is created',
        params: PromiseParams,
        response: withProblems({ 200: Loose }),
      },
    },
    async (request) =>
      presentMailMessage(
        await ignoreProposedPromise(
          ctx,
          requireActor(request),
          request.params.id,
          request.params.number,
        ),
      ),
  );
}
