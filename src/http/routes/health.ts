import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import type { TypedApp } from './types.ts';

export function healthRoutes(app: TypedApp, ctx: AppContext, version: string) {
  app.get(
    '/api/v1/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and the database in use',
        security: [],
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
            version: Type.String(),
          }),
        },
      },
    },
    async () => ({ status: 'ok' as const, database: ctx.store.capabilities.name, version }),
  );
}
