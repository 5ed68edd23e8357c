import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { ImportJobs } from '../../app/import-export/import-jobs.ts';
import { CRM_SOURCES } from '../../core/import-export/types.ts';
import { requireActor } from '../auth/authenticate.ts';
import { ImportJobView, presentImportJob, UploadView } from '../../contract/imports/import-job.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

/*
 * Importing CRM exports: upload each CSV file (the raw file as the body, Content-Type text/csv),
 * then start an import job with the uploads and read its progress until it is done. A dry run
 * answers with the mapping preview and the counts and writes nothing; its uploads stay, so the
 * real run can follow with the (edited) mapping.
 */
const UPLOAD_STREAM = Symbol('upload stream');

export function importRoutes(app: TypedApp, ctx: AppContext) {
  const jobs = new ImportJobs(ctx);
  app.addHook('onClose', async () => jobs.close());
  // The body of an upload is streamed to disk by the route, never parsed or held in memory. The
  // stream is kept out of sight (not enumerable) so that hooks which walk a body's fields (the
  // NUL guard) do not wander through a socket's internals.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) =>
    done(null, Object.defineProperty({}, UPLOAD_STREAM, { value: payload, enumerable: false })),
  );

  app.post(
    '/api/v1/imports/uploads',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload one exported CSV file (the raw file as the body, Content-Type: text/csv)',
        querystring: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+$' }) },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: UploadView }, 403, 413, 415),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const body = (request.body as Record<symbol, Readable> | undefined)?.[UPLOAD_STREAM];
      if (!body || typeof body.pipe !== 'function') {
        return reply.code(415).type('application/problem+json').send({
          type: 'about:blank',
          title: 'Unsupported Media Type',
          status: 415,
          code: 'unsupported-media-type',
          detail: 'Send the CSV file itself as the body, with Content-Type: text/csv.',
        });
      }
      const upload = await jobs.upload(actor, request.query.name, body);
      return reply.code(201).send({ id: upload.id, name: upload.name, bytes: upload.bytes });
    },
  );

  app.post(
    '/api/v1/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Start importing uploaded files; read the job until its state is done',
        body: Type.Object(
          {
            uploads: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
              minItems: 1,
              maxItems: 20,
            }),
            from: Type.Optional(Type.Union(CRM_SOURCES.map((s) => Type.Literal(s)))),
            dryRun: Type.Optional(Type.Boolean()),
            owner: Type.Optional(Type.String({ maxLength: 254 })),
            mapping: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 202: ImportJobView }, 403),
      },
    },
    async (request, reply) => {
      const job = jobs.start(requireActor(request), request.body);
      return reply.code(202).send(presentImportJob(job));
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'An import job: its progress, then its report',
        params: IdParams,
        response: withProblems({ 200: ImportJobView }),
      },
    },
    async (request) => presentImportJob(jobs.get(requireActor(request), request.params.id)),
  );
}
