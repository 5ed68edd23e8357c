import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import http from 'node:http';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { VERSION } from '../app/version.ts';
import { registerAuthentication } from './auth/authenticate.ts';
import { createReadCache } from './caching/read-cache.ts';
import { createReadDoor, type ReadDoor } from './caching/read-door.ts';
import { problemErrorHandler } from './problems.ts';
import { accountRoutes } from './routes/accounts.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { commitmentRoutes } from './routes/commitments.ts';
import { dealMomentumRoutes } from './routes/deal-momentum.ts';
import { dealRoutes } from './routes/deals.ts';
import { demoRoutes } from './routes/demo.ts';
import { healthRoutes } from './routes/health.ts';
import { passwordResetRoutes } from './routes/password-resets.ts';
import { memberRoutes } from './routes/members.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { webhookRoutes } from './routes/webhooks.ts';
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
import { exportRoutes } from './routes/exports.ts';
import { importRoutes } from './routes/imports.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { digestRoutes } from './routes/digest.ts';
import { mailRoutes } from './routes/mail.ts';
import { ProblemSchema } from './schemas/common.ts';
import { registerStaticWeb } from './static-web.ts';
import { registerAllowedHosts } from './security/allowed-hosts.ts';
import { fastifyTrustProxy, type TrustedProxies } from './security/trust-proxy.ts';
import { createBearerThrottle, type BearerFailureLimit } from './security/bearer-throttle.ts';
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
  /** The reverse proxies in front of this server (a hop count, or their addresses and CIDR
   * ranges): X-Forwarded-For/-Proto/-Host entries they add are believed, the client's are not.
   * See security/trust-proxy.ts. */
  trustProxy?: TrustedProxies;
  /** The origin browsers reach this server at, for the CSRF origin check (default: Host). */
  publicOrigin?: string;
  /** The address people reach this server at, for links that leave the browser (calendar feed
   * URLs); default: publicOrigin, else the request's own. */
  publicUrl?: string;
  /** Requests per minute per API token, session, or anonymous IP address. */
  requestsPerMinute?: number;
  /** Sign-up/sign-in attempts per minute per IP address, and the failed-password limits. */
  authRequestsPerMinute?: number;
  signInLimits?: SignInLimits;
  /** Bounds on slow or idle clients (milliseconds); see SERVER_TIMEOUTS. */
  timeouts?: Partial<ServerTimeouts>;
  /** Failed bearer tokens per client address before its bearer requests answer 429. */
  bearerFailureLimit?: BearerFailureLimit;
}

export interface ServerTimeouts {
  /** A whole request, headers and body, must arrive within this (then 408 and closed). */
  requestMs: number;
  /** The request headers must arrive within this. */
  headersMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

/** A client that stalls mid-request must not hold a connection (or shutdown) for minutes. */
export const SERVER_TIMEOUTS: ServerTimeouts = {
  requestMs: 30_000,
  headersMs: 10_000,
  keepAliveMs: 5_000,
};

const BODY_LIMIT_BYTES = 512 * 1024;

const validatorPool = AjvCompiler();

/**
 * Request validation with two ajv setups. Unknown fields are refused, not silently dropped (no
 * mass assignment by accident). Query strings, path parameters and headers are text by nature,
 * so numbers and booleans there are parsed ("?limit=5"); a JSON body already has types, and
 * coercing them would store `"amount": true` as 1, so a body must carry the documented type.
 */
const requestValidators: NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator'] = (externalSchemas) => {
  const options = (coerceTypes: 'array' | false) => ({
    customOptions: { removeAdditional: false as const, coerceTypes, allErrors: false },
  });
  const text = validatorPool(externalSchemas, options('array'));
  const json = validatorPool(externalSchemas, options(false));
  return (route) => lazyValidator(() => (route.httpPart === 'body' ? json : text)(route));
};

type Validate = ReturnType<ReturnType<typeof validatorPool>>;

/**
 * A route's validator, compiled by its first request rather than at start-up: compiling the
 * schemas of every route (ajv generates and evaluates code for each) was a good part of what
 * `momentum serve` did before it could answer anything (issue 15). Fastify reads `errors` off
 * the function it was given after a failed validation: it forwards the compiled one's.
 */
function lazyValidator(compile: () => Validate): Validate {
  let compiled: Validate | undefined;
  const validate = ((data: unknown) => (compiled ??= compile())(data)) as Validate;
  Object.defineProperty(validate, 'errors', { get: () => compiled?.errors });
  return validate;
}

/**
 * Response serializers, compiled by a route's first answer with that status rather than at
 * start-up, as the validators are: fast-json-stringify generating and evaluating the code of
 * every route's responses took 0.4 s of the 1.2 s `momentum serve` needed before it answered
 * its first request (issue 15). Every route's responses are still compiled and checked by the
 * suites that call every route (test/http/fuzz.test.ts, test/http/route-matrix.ts).
 */
const responseSerializers: NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildSerializer'] = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data: unknown) => (serialize ??= compile(route))(data);
  };
};

export async function buildServer(ctx: AppContext, options: ServerOptions = {}) {
  const timeouts = { ...SERVER_TIMEOUTS, ...options.timeouts };
  const trustProxy = fastifyTrustProxy(options.trustProxy);
  /** Set once the routes are in place (below); until then every request goes to Fastify. */
  let door: ReadDoor | null = null;
  const app = Fastify({
    // Fastify's own HTTP server, with the read door in front of its handler (decision 030).
    // Fastify applies its timeouts only to a server it creates itself: these are the same.
    serverFactory: (handler) => {
      const server = http.createServer(
        { headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs) },
        (req, res) => {
          if (!door?.answer(req, res)) handler(req, res);
        },
      );
      server.keepAliveTimeout = timeouts.keepAliveMs;
      server.requestTimeout = timeouts.requestMs;
      return server;
    },
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    schemaController: {
      compilersFactory: { buildValidator: requestValidators, buildSerializer: responseSerializers },
    },
    return503OnClosing: true,
    trustProxy,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(problemErrorHandler);
  registerRouteCatalogue(app);
  registerPlatformProblems(app);
  const securityHeadersOf = registerSecurityHeaders(app);
  registerInputGuard(app);
  // An empty POST (e.g. "mark done") validates as an empty object, so body schemas can say
  // what is optional instead of every action needing a dummy body.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD')
      request.body = {};
    done();
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

  const hostAllowed = registerAllowedHosts(
    app,
    options.publicOrigin ? { publicOrigin: options.publicOrigin } : {},
  );
  const callers = await registerAuthentication(
    app,
    ctx,
    createBearerThrottle(ctx.clock, options.bearerFailureLimit),
  );
  registerCsrfProtection(app, options.publicOrigin ? { publicOrigin: options.publicOrigin } : {});
  const windows = await registerRequestRateLimit(
    app,
    options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
  );
  // Authenticated reads, kept while nothing is written (decision 004); after authentication,
  // CSRF and the rate limit, which still see every request.
  const readCache = createReadCache(app, ctx);
  const cachedRead = readCache.check;
  const throttle = createSignInThrottle(ctx.clock, options.signInLimits);
  authRoutes(app, ctx, {
    openSignup: options.openSignup ?? false,
    throttle,
    authRequestsPerMinute: options.authRequestsPerMinute ?? AUTH_REQUESTS_PER_MINUTE,
  });
  passwordResetRoutes(app, ctx, {
    authRequestsPerMinute: options.authRequestsPerMinute ?? AUTH_REQUESTS_PER_MINUTE,
  });
  memberRoutes(app, ctx, cachedRead);
  auditRoutes(app, ctx, cachedRead);
  healthRoutes(app, ctx, VERSION);
  demoRoutes(app, ctx, { openSignup: options.openSignup ?? false, throttle });
  accountRoutes(app, ctx);
  dealRoutes(app, ctx, cachedRead);
  tokenRoutes(app, ctx);
  webhookRoutes(app, ctx);
  commitmentRoutes(app, ctx, cachedRead);
  todayRoutes(app, ctx);
  dealMomentumRoutes(app, ctx, cachedRead);
  touchRoutes(app, ctx);
  marchRoutes(app, ctx, cachedRead);
  stageRoutes(app, ctx);
  nextStepRoutes(app, ctx);
  playbookRoutes(app, ctx);
  callRoutes(app, ctx);
  planRoutes(app, ctx);
  dealOutcomeRoutes(app, ctx);
  insightRoutes(app, ctx, cachedRead);
  const publicUrl = options.publicUrl ?? options.publicOrigin;
  calendarRoutes(app, ctx, publicUrl ? { publicUrl } : {});
  mailRoutes(app, ctx);
  importRoutes(app, ctx);
  exportRoutes(app, ctx);
  digestRoutes(app, ctx);

  await registerStaticWeb(app, options.webDist);

  // Behind trusted proxies the client's address, host and protocol come from X-Forwarded-*,
  // which only Fastify's trust-proxy code reads: the door stays shut there.
  if (trustProxy === false) {
    const opened = createReadDoor({
      clock: ctx.clock,
      changes: ctx.store.changes,
      hostAllowed,
      callers,
      windows,
      readCache,
      securityHeadersOf,
      parseCookie: (header) => app.parseCookie(header),
      log: app.log,
    });
    app.addHook('preClose', (done) => {
      opened.close();
      done();
    });
    door = opened;
  }
  return app;
}
