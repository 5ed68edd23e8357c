import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { createSampleWorkspace } from '../../app/demo/load-sample-workspace.ts';
import { PASSWORD_MAX_LENGTH } from '../../core/auth/password-policy.ts';
import { setSessionCookie } from '../auth/session-cookie.ts';
import { presentMember, SessionView } from '../../contract/members/member.ts';
import { authRouteRateLimit } from '../security/rate-limits.ts';
import { passwordAttempts, type SignInThrottle } from '../security/sign-in-throttle.ts';
import { withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

export interface DemoRouteOptions {
  /** Same rule as sign-up: anyone may create a workspace, or only the first visitor. */
  openSignup: boolean;
  /** The password limiter sign-in uses: an address that has an account is a failed attempt. */
  throttle: SignInThrottle;
}

const Name = Type.String({ minLength: 1, maxLength: 200 });

/**
 * "Explore with sample data". It creates a NEW workspace (the caller becomes its owner, exactly
 * as at sign-up) and fills it with a sample team; it never writes into an existing workspace.
 * So it is open exactly when sign-up is: on a server with no workspace yet (or one run with
 * --open-signup), under the sign-up rate limit.
 */
export function demoRoutes(app: TypedApp, ctx: AppContext, options: DemoRouteOptions) {
  app.get(
    '/api/v1/demo',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Whether this server is on its first run (no workspace yet): then the first visitor sets it up, empty or with sample data',
        security: [],
        response: withProblems({
          200: Type.Object({ firstRun: Type.Boolean(), sampleAvailable: Type.Boolean() }),
        }),
      },
    },
    async () => {
      const firstRun = (await ctx.workspaces.count(ctx.runner.executor)) === 0;
      return { firstRun, sampleAvailable: firstRun || options.openSignup };
    },
  );

  app.post(
    '/api/v1/demo',
    {
      bodyLimit: 16 * 1024,
      config: authRouteRateLimit(),
      schema: {
        tags: ['auth'],
        summary: 'Create a workspace filled with a sample team and sign in as its owner',
        description:
          'Takes the same fields as sign-up and is open when sign-up is. The sample (a few reps, deals in every stage, calls, promises kept early, on time and late, neglected deals, plan revisions) is dated relative to today.',
        security: [],
        body: Type.Object(
          {
            workspace: Name,
            name: Name,
            email: Type.String({ minLength: 3, maxLength: 254 }),
            password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 }),
            timeZone: Type.String({ minLength: 1, maxLength: 64 }),
            region: Type.String({ minLength: 2, maxLength: 16 }),
            weekend: Type.Optional(Type.String({ maxLength: 40 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: SessionView }, 403, 409),
      },
    },
    async (request, reply) => {
      const signedIn = await createSampleWorkspace(
        { ...ctx, attempts: passwordAttempts(options.throttle, request, reply) },
        request.body,
        { open: options.openSignup },
      );
      const workspace = await ctx.workspaces.findById(
        ctx.runner.executor,
        signedIn.member.workspaceId,
      );
      setSessionCookie(request, reply, signedIn.secret);
      return reply.code(201).send({
        member: presentMember(signedIn.member),
        workspace: { id: signedIn.member.workspaceId, name: workspace?.name ?? '' },
        csrfToken: signedIn.session.csrfToken,
      });
    },
  );
}
