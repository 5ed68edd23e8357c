import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { problem, toProblem } from '../problems.ts';
import type { TypedApp } from './types.ts';

/** How long readiness waits for the database: a load balancer polls it every few seconds. */
const READINESS_TIMEOUT_MS = 2_000;

const Database = Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]);

/**
 * Liveness (`/health`) answers without touching the database: the process is up, so a
 * supervisor must not restart it because the database is away (restarting would not help).
 * Readiness (`/health/ready`) asks the database, so that a load balancer sends requests only to
 * an instance that can serve them, and stops while the database is unreachable.
 */
export function healthRoutes(app: TypedApp, ctx: AppContext, version: string) {
  app.get(
    '/api/v1/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and the database in use (does not query the database)',
        security: [],
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Database,
            version: Type.String(),
          }),
        },
      },
    },
    async () => ({ status: 'ok' as const, database: ctx.store.capabilities.name, version }),
  );

  app.get(
    '/api/v1/health/ready',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness: 200 when the database answers, 503 (with Retry-After) when not',
        security: [],
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Database }),
          503: Type.Ref('Problem'),
        },
      },
    },
    async (request, reply) => {
      try {
        await ctx.store.ping(READINESS_TIMEOUT_MS);
      } catch (error) {
        request.log.warn({ err: error }, 'not ready: the database does not answer');
        const cause = toProblem(error);
        const p =
          cause.status === 503
            ? cause
            : problem(503, 'database-unavailable', 'The database does not answer.');
        reply.header('retry-after', '5');
        return reply
          .code(503)
          .type('application/problem+json')
          .send({ ...p, instance: '/api/v1/health/ready' });
      }
      return { status: 'ready' as const, database: ctx.store.capabilities.name };
    },
  );
}
