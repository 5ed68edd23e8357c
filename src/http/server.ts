import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { VERSION } from '../app/version.ts';
import { registerAuthentication } from './auth/authenticate.ts';
import { problemErrorHandler } from './problems.ts';
import { accountRoutes } from './routes/accounts.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { commitmentRoutes } from './routes/commitments.ts';
import { dealRoutes } from './routes/deals.ts';
import { demoRoutes } from './routes/demo.ts';
import { healthRoutes } from './routes/health.ts';
import { memberRoutes } from './routes/members.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { marchRoutes } from './routes/march.ts';
import { nextStepRoutes } from './routes/next-steps.ts';
import { stageRoutes } from './routes/stages.ts';
import { todayRoutes } from './routes/today.ts';
import { touchRoutes } from './routes/touches.ts';
import { callRoutes } from './routes/calls.ts';
import { dealOutcomeRoutes } from './routes/deal-outcomes.ts';
import { insightRoutes } from './routes/insights.ts';
import { planRoutes } from './routes/plans.ts';
import { playbookRoutes } from './routes/playbook.ts';
import { importRoutes } from './routes/imports.ts';
import { ProblemSchema } from './schemas/common.ts';
import { registerStaticWeb } from './static-web.ts';
import { registerCsrfProtection } from './security/csrf.ts';
import { frameworkErrorHandler } from './security/framework-errors.ts';
import { registerSecurityHeaders } from './security/headers.ts';
import { registerInputGuard } from './security/input-guard.ts';
import { registerPlatformProblems } from './security/platform-problems.ts';
import {
  AUTH_REQUESTS_PER_MINUTE,
  DEFAULT_REQUESTS_PER_MINUTE,
  registerRequestRateLimit,
} from './security/rate-limits.ts';
import { registerRouteCatalogue } from './security/route-catalogue.ts';
import { createSignInThrottle, type SignInLimits } from './security/sign-in-throttle.ts';

export interface ServerOptions {
  logger?: FastifyServerOptions['logger'];
  webDist?: string;
  /** Anyone may sign up and create a workspace (multi-tenant); otherwise only the first. */
  openSignup?: boolean;
  /** Trust X-Forwarded-For/-Proto/-Host from a reverse proxy in front of this server. */
  trustProxy?: boolean;
  /** The origin browsers reach this server at, for the CSRF origin check (default: Host). */
  publicOrigin?: string;
  /** Requests per minute per API token, session, or anonymous IP address. */
  requestsPerMinute?: number;
  /** Sign-up/sign-in attempts per minute per IP address, and the failed-password limits. */
  authRequestsPerMinute?: number;
  signInLimits?: SignInLimits;
}

const BODY_LIMIT_BYTES = 512 * 1024;

export async function buildServer(ctx: AppContext, options: ServerOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Unknown fields are refused, not silently dropped: no mass assignment by accident.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(problemErrorHandler);
  registerRouteCatalogue(app);
  registerPlatformProblems(app);
  registerSecurityHeaders(app);
  registerInputGuard(app);
  // An empty POST (e.g. "mark done") validates as an empty object, so body schemas can say
  // what is optional instead of every action needing a dummy body.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD')
      request.body = {};
  });
  app.addSchema(ProblemSchema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Momentum API',
        version: VERSION,
        description:
          'Sales follow-through: commitments kept early, a steady daily march, no deal left to neglect.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token from `momentum token create`',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: '__Host-momentum_session',
            description:
              'The browser session from /api/v1/auth/login; writes also send X-CSRF-Token',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerAuthentication(app, ctx);
  registerCsrfProtection(app, options.publicOrigin ? { publicOrigin: options.publicOrigin } : {});
  await registerRequestRateLimit(app, options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE);
  authRoutes(app, ctx, {
    openSignup: options.openSignup ?? false,
    throttle: createSignInThrottle(ctx.clock, options.signInLimits),
    authRequestsPerMinute: options.authRequestsPerMinute ?? AUTH_REQUESTS_PER_MINUTE,
  });
  memberRoutes(app, ctx);
  auditRoutes(app, ctx);
  healthRoutes(app, ctx, VERSION);
  demoRoutes(app, ctx, { openSignup: options.openSignup ?? false });
  accountRoutes(app, ctx);
  dealRoutes(app, ctx);
  tokenRoutes(app, ctx);
  commitmentRoutes(app, ctx);
  todayRoutes(app, ctx);
  touchRoutes(app, ctx);
  marchRoutes(app, ctx);
  stageRoutes(app, ctx);
  nextStepRoutes(app, ctx);
  playbookRoutes(app, ctx);
  callRoutes(app, ctx);
  planRoutes(app, ctx);
  dealOutcomeRoutes(app, ctx);
  insightRoutes(app, ctx);
  importRoutes(app, ctx);

  await registerStaticWeb(app, options.webDist);
  return app;
}
