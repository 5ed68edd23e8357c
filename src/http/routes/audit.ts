import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { AUDIT_PAGE_MAX, listAudit } from '../../core/audit/list-audit.ts';
import { requireActor } from '../auth/authenticate.ts';
import { AuditView, presentAudit } from '../../contract/audit/audit-entry.ts';
import { withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';
import type { CachedReadCheck } from '../caching/read-cache.ts';

export function auditRoutes(app: TypedApp, ctx: AppContext, cachedRead: CachedReadCheck) {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (owners and managers)',
        description:
          'Page back with `before` set to the `id` of the last entry you received (or any instant).',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX })),
            before: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            entity: Type.Optional(
              Type.String({ minLength: 1, maxLength: 64, description: 'Only this record id' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Type.Array(AuditView) }, 403),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (await cachedRead(request, reply)) return reply;
      const { limit, before, entity } = request.query;
      const entries = await listAudit(ctx, actor, {
        ...(limit !== undefined && { limit }),
        ...(before && { before }),
        ...(entity && { entityId: entity }),
      });
      return entries.map(presentAudit);
    },
  );
}
