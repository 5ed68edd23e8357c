import { Type, type Static } from 'typebox';
import type { ImportJob } from '../../app/import-export/import-jobs.ts';

const Counts = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  failed: Type.Integer(),
});

export const UploadView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  bytes: Type.Integer(),
});

export const ImportJobView = Type.Object({
  id: Type.String(),
  state: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  phase: Type.Union([Type.Literal('scan'), Type.Literal('import')]),
  rows: Type.Integer(),
  totalRows: Type.Union([Type.Integer(), Type.Null()]),
  dryRun: Type.Boolean(),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  report: Type.Union([
    Type.Object({
      files: Type.Array(
        Type.Object({
          file: Type.String(),
          source: Type.String(),
          kind: Type.String(),
          rows: Type.Integer(),
          dateOrder: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
      counts: Type.Object({ account: Counts, contact: Counts, deal: Counts, activity: Counts }),
      issues: Type.Array(
        Type.Object({ file: Type.String(), line: Type.Integer(), reason: Type.String() }),
      ),
      issueCount: Type.Integer(),
      stagesCreated: Type.Array(Type.String()),
    }),
    Type.Null(),
  ]),
  preview: Type.Union([
    Type.Object({
      stages: Type.Array(
        Type.Object({ value: Type.String(), stage: Type.String(), action: Type.String() }),
      ),
      owners: Type.Array(
        Type.Object({ value: Type.String(), email: Type.String(), action: Type.String() }),
      ),
      currencies: Type.Array(
        Type.Object({
          value: Type.String(),
          currency: Type.Union([Type.String(), Type.Null()]),
          action: Type.String(),
        }),
      ),
    }),
    Type.Null(),
  ]),
  /** The complete mapping, to send back (edited) with the real run. */
  mapping: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

export function presentImportJob(job: ImportJob): Static<typeof ImportJobView> {
  return {
    id: job.id,
    state: job.state,
    phase: job.phase,
    rows: job.rows,
    totalRows: job.totalRows,
    dryRun: job.dryRun,
    error: job.error,
    report: job.result
      ? {
          files: job.result.report.files,
          counts: job.result.report.counts,
          issues: job.result.report.issues,
          issueCount: job.result.report.issueCount,
          stagesCreated: job.result.report.stagesCreated,
        }
      : null,
    preview: job.result?.preview ?? null,
    mapping: (job.result?.mapping as unknown as Record<string, unknown>) ?? null,
  };
}
