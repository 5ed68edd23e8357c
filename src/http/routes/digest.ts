import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { sendDigestNow } from '../../app/digest/send-digest.ts';
import { localDateOf } from '../../core/calendar/index.ts';
import { escapeHtml } from '../../core/notifications/digest-content.ts';
import {
  getDigestSettings,
  previewUnsubscribe,
  unsubscribe,
  type DigestSettings,
} from '../../core/notifications/flows/digest-preferences.ts';
import { updateDigestSettings } from '../../core/notifications/flows/digest-preferences.ts';
import { EMAIL_NOT_CONFIGURED } from '../../core/notifications/ports.ts';
import { DomainError, forbidden, isDomainError, notFound } from '../../core/kernel/errors.ts';
import { requireActor } from '../auth/authenticate.ts';
import { IsoDateString, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

const DigestSettingsView = Type.Object({
  enabled: Type.Boolean(),
  time: Type.String({ description: "HH:MM in the member's time zone" }),
  timeZone: Type.String(),
  version: Type.Integer(),
  emailConfigured: Type.Boolean(),
  /** Why nothing is sent, when e-mail is not configured. */
  notice: Type.Union([Type.String(), Type.Null()]),
});

const DigestSendView = Type.Object({
  outcome: Type.Union([
    Type.Literal('sent'),
    Type.Literal('already-sent'),
    Type.Literal('skipped'),
  ]),
  localDate: Type.String(),
  to: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});

function present(s: DigestSettings, configured: boolean) {
  return { ...s, emailConfigured: configured, notice: configured ? null : EMAIL_NOT_CONFIGURED };
}

/** The small page behind the unsubscribe link: no script, no sign-in, the app's styles off. */
function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} · Momentum</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font:inherit;padding:.5rem 1rem}</style>',
    `</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  ].join('\n');
}

const tokenOf = (request: { params: unknown }) => (request.params as { token: string }).token;

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 300 }) });

export function digestRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/me/digest',
    {
      schema: {
        tags: ['digest'],
        summary: 'Your daily digest: on or off, its local time, and whether e-mail is configured',
        response: withProblems({ 200: DigestSettingsView }),
      },
    },
    async (request) =>
      present(await getDigestSettings(ctx, requireActor(request)), ctx.mailer.configured),
  );

  app.patch(
    '/api/v1/me/digest',
    {
      schema: {
        tags: ['digest'],
        summary: 'Turn your daily digest on or off, or set its time (HH:MM in your zone)',
        body: Type.Object(
          {
            enabled: Type.Optional(Type.Boolean()),
            time: Type.Optional(Type.String({ maxLength: 5 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: DigestSettingsView }),
      },
    },
    async (request) => {
      const body = request.body;
      const settings = await updateDigestSettings(ctx, requireActor(request), {
        ...(body.enabled !== undefined && { enabled: body.enabled }),
        ...(body.time !== undefined && { time: body.time }),
      });
      return present(settings, ctx.mailer.configured);
    },
  );

  app.post(
    '/api/v1/digest/send',
    {
      schema: {
        tags: ['digest'],
        summary:
          "Send a member's digest now (owners); the same digest (member and date) is never sent twice",
        body: Type.Object(
          {
            memberId: Type.Optional(Type.String({ maxLength: 64 })),
            date: Type.Optional(IsoDateString),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: DigestSendView }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (actor.role !== 'owner') throw forbidden('Only owners may send digests.');
      const memberId = request.body.memberId ?? actor.memberId;
      const member = await ctx.members.findById(ctx.runner.executor, actor.workspaceId, memberId);
      if (!member || member.removedAt) throw notFound('member', memberId);
      const localDate = request.body.date ?? localDateOf(ctx.clock.now(), member.timeZone);
      const result = await sendDigestNow(ctx, {
        workspaceId: actor.workspaceId,
        memberId,
        localDate,
      });
      return {
        outcome: result.outcome,
        localDate: result.localDate,
        ...(result.to && { to: result.to }),
        ...(result.reason && { reason: result.reason }),
      };
    },
  );

  // The link in every digest: GET shows what one click will do (mail scanners follow links, so
  // looking changes nothing); POST does it, from the page's button or from a mail client's own
  // one-click button (RFC 8058: "List-Unsubscribe=One-Click", form-encoded or multipart). No
  // sign-in: the token is signed for that member. Outside /api/, so no CSRF token is asked.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 4096 }, (_r, _b, done) =>
      done(null, {}),
    );
    const failure = (error: unknown) => {
      if (isDomainError(error) && error.code === 'not-found') return error.message;
      throw error;
    };
    scope.get(
      '/unsubscribe/:token',
      { schema: { hide: true, params: TokenParams } },
      async (request, reply) => {
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        try {
          const { email, enabled } = await previewUnsubscribe(ctx, tokenOf(request));
          const action = `/unsubscribe/${encodeURIComponent(tokenOf(request))}`;
          return page(
            enabled ? 'Unsubscribe from the daily digest?' : 'You are unsubscribed',
            enabled
              ? `<p>The daily digest for <strong>${escapeHtml(email)}</strong> will stop. You can turn it back on in Settings → Notifications.</p>` +
                  `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`
              : `<p>The daily digest for <strong>${escapeHtml(email)}</strong> is off. Turn it back on in Settings → Notifications.</p>`,
          );
        } catch (error) {
          reply.code(404);
          return page('Link not valid', `<p>${escapeHtml(failure(error))}</p>`);
        }
      },
    );
    scope.post(
      '/unsubscribe/:token',
      { schema: { hide: true, params: TokenParams } },
      async (request, reply) => {
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        try {
          const { email } = await unsubscribe(ctx, tokenOf(request));
          return page(
            'You are unsubscribed',
            `<p>No more daily digests for <strong>${escapeHtml(email)}</strong>. Turn it back on in Settings → Notifications.</p>`,
          );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          reply.code(404);
          return page('Link not valid', `<p>${escapeHtml(failure(error))}</p>`);
        }
      },
    );
  });
}
