import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { VERSION } from '../app/version.ts';
import { registerAuthentication } from './auth/authenticate.ts';
import { problemErrorHandler } from './problems.ts';
import { accountRoutes } from './routes/accounts.ts';
import { commitmentRoutes } from './routes/commitments.ts';
import { dealRoutes } from './routes/deals.ts';
import { healthRoutes } from './routes/health.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { ProblemSchema } from './schemas/common.ts';
import { registerStaticWeb } from './static-web.ts';

export interface ServerOptions {
  logger?: FastifyServerOptions['logger'];
  webDist?: string;
}

const BODY_LIMIT_BYTES = 512 * 1024;

export async function buildServer(ctx: AppContext, options: ServerOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Unknown fields are refused, not silently dropped: no mass assignment by accident.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(problemErrorHandler);
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
        },
      },
      security: [{ bearer: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthentication(app, ctx);
  healthRoutes(app, ctx, VERSION);
  accountRoutes(app, ctx);
  dealRoutes(app, ctx);
  tokenRoutes(app, ctx);
  commitmentRoutes(app, ctx);

  await registerStaticWeb(app, options.webDist);
  return app;
}
