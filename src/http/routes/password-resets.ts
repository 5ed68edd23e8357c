import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { emailPasswordReset } from '../../app/mail/reset-mail.ts';
import {
  confirmPasswordReset,
  requestPasswordReset,
} from '../../core/auth/flows/password-reset.ts';
import { PASSWORD_MAX_LENGTH } from '../../core/auth/password-policy.ts';
import { DomainError } from '../../core/kernel/errors.ts';
import { normaliseEmail } from '../../core/workspaces/validation.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import { authRouteRateLimit } from '../security/rate-limits.ts';
import { withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

/** What every reset request hears, whether or not the address has an account. */
export const RESET_REQUESTED =
  'If that address belongs to an account, a link to set a new password is on its way. It works once, for an hour.';
/** Reset requests per e-mail address per 15 minutes, from any IP address. */
export const RESETS_PER_ADDRESS = 3;

const AUTH_BODY_LIMIT = 16 * 1024;

/** Requests still being handled after their 202 (the work happens after the answer, so known
 * and unknown addresses answer equally fast). Tests await them. */
const pending = new Set<Promise<unknown>>();
export async function settleResetRequests(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}

export function passwordResetRoutes(
  app: TypedApp,
  ctx: AppContext,
  options: { authRequestsPerMinute: number },
) {
  const perIp = authRouteRateLimit(options.authRequestsPerMinute);
  const perAddress = app.rateLimit({
    max: RESETS_PER_ADDRESS,
    timeWindow: 15 * 60_000,
    keyGenerator: (request: FastifyRequest) => {
      const body = request.body as { email?: unknown } | undefined;
      const email = typeof body?.email === 'string' ? normaliseEmail(body.email) : '';
      return `reset-address:${email}`;
    },
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate-limited', `Too many reset requests; try again in ${context.after}.`),
  });

  app.post(
    '/api/v1/password-resets',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      config: perIp,
      preHandler: perAddress,
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password reset link by e-mail',
        description:
          'Always answers 202 with the same message, whether or not the address has an account. The link goes only to the mailbox (when e-mail is configured); an owner or manager can create one for a member otherwise.',
        security: [],
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 254 }) },
          { additionalProperties: false },
        ),
        response: withProblems({ 202: Type.Object({ message: Type.String() }) }),
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      const work = (async () => {
        const issued = await requestPasswordReset(ctx, { email });
        if (!issued) return;
        const delivery = await emailPasswordReset(ctx, issued);
        if (!delivery.emailed) {
          request.log.warn({ notice: delivery.notice }, 'password reset link not e-mailed');
        }
      })().catch((error: unknown) => request.log.error({ err: error }, 'password reset failed'));
      pending.add(work);
      void work.finally(() => pending.delete(work));
      return reply.code(202).send({ message: RESET_REQUESTED });
    },
  );

  app.post(
    '/api/v1/password-resets/confirm',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      config: perIp,
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a reset link token; signs out every session',
        description:
          'The token works once and for an hour. Every session of the person is revoked, and this browser gets a fresh one (204, new cookie).',
        security: [],
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 }),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      const result = await confirmPasswordReset(ctx, request.body);
      setSessionCookie(request, reply, result.secret);
      return reply.code(204).send();
    },
  );
}
