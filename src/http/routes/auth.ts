import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { changePassword } from '../../core/auth/flows/change-password.ts';
import { PASSWORD_MAX_LENGTH } from '../../core/auth/password-policy.ts';
import { endSession, type OpenedSession } from '../../core/auth/flows/sessions.ts';
import { signIn } from '../../core/auth/flows/sign-in.ts';
import { signUp } from '../../core/auth/flows/sign-up.ts';
import { acceptInvitation } from '../../core/auth/flows/invitations.ts';
import type { Member } from '../../core/workspaces/types.ts';
import { requireActor } from '../auth/authenticate.ts';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.ts';
import { presentMember, SessionView } from '../../contract/members/member.ts';
import { authRouteRateLimit } from '../security/rate-limits.ts';
import { passwordAttempts, type SignInThrottle } from '../security/sign-in-throttle.ts';
import { withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

export interface AuthRouteOptions {
  /** Anyone may create a workspace, even when the server already has one. */
  openSignup: boolean;
  throttle: SignInThrottle;
  /** Sign-up, sign-in and invitation attempts per IP address per minute. */
  authRequestsPerMinute: number;
}

const AUTH_BODY_LIMIT = 16 * 1024;
const Email = Type.String({ minLength: 3, maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Profile = {
  name: Name,
  timeZone: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'IANA zone, e.g. Europe/Berlin',
  }),
  region: Type.String({
    minLength: 2,
    maxLength: 16,
    description: 'Holiday region, e.g. US, DE-BY',
  }),
  weekend: Type.Optional(Type.String({ maxLength: 40, description: 'e.g. sat,sun or fri,sat' })),
};

export function authRoutes(app: TypedApp, ctx: AppContext, options: AuthRouteOptions) {
  const perIp = authRouteRateLimit(options.authRequestsPerMinute);

  /** The shared password limiter, bound to this caller's address: every door that checks a
   * password counts in it (see PasswordAttempts). */
  const attempts = (request: FastifyRequest, reply: FastifyReply) => ({
    ...ctx,
    attempts: passwordAttempts(options.throttle, request, reply),
  });

  async function signedIn(
    request: FastifyRequest,
    reply: FastifyReply,
    result: OpenedSession & { member: Member },
  ) {
    const workspace = await ctx.workspaces.findById(ctx.runner.executor, result.member.workspaceId);
    setSessionCookie(request, reply, result.secret);
    return {
      member: presentMember(result.member),
      workspace: { id: result.member.workspaceId, name: workspace?.name ?? '' },
      csrfToken: result.session.csrfToken,
    };
  }

  app.post(
    '/api/v1/auth/signup',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      config: perIp,
      schema: {
        tags: ['auth'],
        summary: 'Create a workspace and its owner, and sign in',
        description:
          'Open only while the server has no workspace, unless it runs with --open-signup.',
        security: [],
        body: Type.Object(
          { workspace: Name, email: Email, password: Password, ...Profile },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: SessionView }, 403, 409),
      },
    },
    async (request, reply) => {
      const result = await signUp(attempts(request, reply), request.body, {
        open: options.openSignup,
      });
      return reply.code(201).send(await signedIn(request, reply, result));
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      config: perIp,
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie and returns the CSRF token',
        security: [],
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
        response: withProblems({ 200: SessionView }),
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const result = await signIn(attempts(request, reply), {
        email,
        password,
        replacingSessionId:
          request.credential?.kind === 'session' ? request.credential.sessionId : null,
      });
      return reply.send(await signedIn(request, reply, result));
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: the session is revoked on the server and the cookie cleared',
        security: [],
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      if (request.credential?.kind === 'session' && request.actor) {
        await endSession(ctx, request.actor, request.credential.sessionId);
      }
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/auth/accept-invitation',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      config: perIp,
      schema: {
        tags: ['auth'],
        summary: 'Join a workspace with an invitation token, setting a password, and sign in',
        description:
          'Someone who already has an account (in another workspace) enters its password instead.',
        security: [],
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password, ...Profile },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: SessionView }, 409),
      },
    },
    async (request, reply) => {
      const result = await acceptInvitation(attempts(request, reply), request.body);
      return reply.code(201).send(await signedIn(request, reply, result));
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      bodyLimit: AUTH_BODY_LIMIT,
      config: perIp,
      schema: {
        tags: ['auth'],
        summary: 'Change your password; signs out every session',
        description:
          'From a browser session, a fresh session replaces the current one (new cookie, new CSRF token). API tokens stay valid.',
        body: Type.Object(
          { currentPassword: Password, newPassword: Password },
          { additionalProperties: false },
        ),
        response: withProblems({
          200: Type.Object({ csrfToken: Type.Union([Type.String(), Type.Null()]) }),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const fresh = await changePassword(attempts(request, reply), actor, {
        ...request.body,
        fromSession: request.credential?.kind === 'session',
      });
      if (fresh) setSessionCookie(request, reply, fresh.secret);
      return { csrfToken: fresh?.session.csrfToken ?? null };
    },
  );
}
