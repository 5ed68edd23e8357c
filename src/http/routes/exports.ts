import fs from 'node:fs';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { prepareExport } from '../../app/import-export/export-files.ts';
import { requireActor } from '../auth/authenticate.ts';
import { withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

/*
 * The workspace export, as `momentum export` writes it (owners and managers). JSON is the one
 * file momentum-export.json. CSV is one file per table: without `table` the answer is the
 * manifest.json that lists them in order, and `table=deals` answers deals.csv; fetching the
 * manifest and then each table gives the same folder the CLI writes, which `momentum import
 * --from momentum` reads back. The body is streamed from a temporary file, never held in memory.
 */
export function exportRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/export',
    {
      schema: {
        tags: ['imports'],
        summary: 'Download everything the workspace holds (same files as momentum export)',
        querystring: Type.Object(
          {
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
            table: Type.Optional(Type.String({ pattern: '^\\w{1,64}$' })),
          },
          { additionalProperties: false },
        ),
        response: withProblems(
          {
            200: Type.Unknown({
              description:
                'The file as an attachment: momentum-export.json or manifest.json (JSON), or one table as text/csv',
            }),
          },
          403,
        ),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const format = request.query.format ?? 'json';
      const download = await prepareExport(ctx, actor, format, request.query.table);
      const stream = fs.createReadStream(download.file);
      // Removed once sent, or once the client has gone away.
      stream.once('close', download.cleanup);
      return reply
        .header('content-type', download.contentType)
        .header('content-disposition', `attachment; filename="${download.name}"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
}
