import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { AppContext } from '../context.ts';
import { csvFile } from './csv-file.ts';
import { parseMapping, emptyMapping } from '../../core/import-export/mapping.ts';
import { runImport, type ImportResult } from '../../core/import-export/flows/run-import.ts';
import type { CrmSource } from '../../core/import-export/types.ts';
import {
  DomainError,
  forbidden,
  invalid,
  isDomainError,
  notFound,
} from '../../core/kernel/errors.ts';
import type { Actor } from '../../core/workspaces/types.ts';

/*
 * Imports over the API: files are uploaded first (streamed to a temporary folder, never held in
 * memory), then an import job runs them in the background while the client reads its progress.
 * Jobs live in this process: a client polls the instance it started the job on (with several
 * instances behind a balancer, sticky sessions keep it there).
 */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const KEEP_FINISHED_MS = 60 * 60 * 1000;

export interface Upload {
  id: string;
  workspaceId: string;
  memberId: string;
  name: string;
  file: string;
  bytes: number;
}

export interface ImportJob {
  id: string;
  workspaceId: string;
  memberId: string;
  state: 'running' | 'done' | 'failed';
  phase: 'scan' | 'import';
  rows: number;
  totalRows: number | null;
  dryRun: boolean;
  result: ImportResult | null;
  error: { code: string; message: string } | null;
  finishedAt: number | null;
}

export interface StartImport {
  uploads: string[];
  from?: CrmSource;
  dryRun?: boolean;
  owner?: string;
  mapping?: unknown;
}

function canImport(actor: Actor): void {
  if (actor.role === 'rep') throw forbidden('Only owners and managers can import.');
}

export class ImportJobs {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-uploads-'));
  private readonly uploads = new Map<string, Upload>();
  private readonly jobs = new Map<string, ImportJob>();
  private readonly ctx: AppContext;

  constructor(ctx: AppContext) {
    this.ctx = ctx;
  }

  async upload(actor: Actor, name: string, body: Readable): Promise<Upload> {
    canImport(actor);
    const id = this.ctx.ids('importJob');
    const file = path.join(this.dir, `${id}.csv`);
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > MAX_UPLOAD_BYTES)
          done(
            new DomainError(
              'validation',
              `An upload may hold at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`,
            ),
          );
        else done(null, chunk);
      },
    });
    try {
      await pipeline(body, limit, fs.createWriteStream(file));
    } catch (error) {
      fs.rmSync(file, { force: true });
      throw error;
    }
    if (bytes === 0) {
      fs.rmSync(file, { force: true });
      throw invalid(
        'The upload is empty: send the CSV file as the request body (Content-Type: text/csv).',
      );
    }
    const upload: Upload = {
      id,
      workspaceId: actor.workspaceId,
      memberId: actor.memberId,
      name,
      file,
      bytes,
    };
    this.uploads.set(id, upload);
    return upload;
  }

  start(actor: Actor, input: StartImport): ImportJob {
    canImport(actor);
    this.sweep();
    if (input.uploads.length === 0) throw invalid('Name at least one upload to import.');
    const uploads = input.uploads.map((id) => {
      const u = this.uploads.get(id);
      if (!u || u.workspaceId !== actor.workspaceId || u.memberId !== actor.memberId)
        throw notFound('upload', id);
      return u;
    });
    const mapping = input.mapping === undefined ? emptyMapping() : parseMapping(input.mapping);
    const job: ImportJob = {
      id: this.ctx.ids('importJob'),
      workspaceId: actor.workspaceId,
      memberId: actor.memberId,
      state: 'running',
      phase: 'scan',
      rows: 0,
      totalRows: null,
      dryRun: input.dryRun ?? false,
      result: null,
      error: null,
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    const dryRun = job.dryRun;
    void runImport(
      this.ctx,
      actor,
      uploads.map((u) => csvFile(u.file, u.name)),
      {
        ...(input.from && { from: input.from }),
        ...(input.owner && { ownerEmail: input.owner }),
        dryRun,
        mapping,
        onProgress: (p) => {
          job.phase = p.phase;
          job.rows = p.rows;
          job.totalRows = p.totalRows;
        },
      },
    )
      .then((result) => {
        job.result = result;
        job.state = 'done';
        job.rows = job.totalRows ?? job.rows;
      })
      .catch((error: unknown) => {
        job.state = 'failed';
        job.error = isDomainError(error)
          ? { code: error.code, message: error.message }
          : { code: 'internal', message: 'The import failed; nothing more was written.' };
      })
      .finally(() => {
        job.finishedAt = Date.now();
        // A dry run keeps its uploads, so that the real run can follow without sending them again.
        if (!dryRun)
          for (const u of uploads) {
            this.uploads.delete(u.id);
            fs.rmSync(u.file, { force: true });
          }
      });
    return job;
  }

  get(actor: Actor, id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job || job.workspaceId !== actor.workspaceId || job.memberId !== actor.memberId)
      throw notFound('import', id);
    return job;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs)
      if (job.finishedAt && now - job.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }

  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
