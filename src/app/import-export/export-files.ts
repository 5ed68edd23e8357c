import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportWorkspace, requireArchiveRole } from '../../core/import-export/flows/archive.ts';
import type { Actor } from '../../core/workspaces/types.ts';
import type { AppContext } from '../context.ts';
import {
  CSV_MANIFEST_FILE,
  csvArchiveSink,
  JSON_ARCHIVE_FILE,
  jsonArchiveSink,
} from './archive-files.ts';

export interface ExportDownload {
  /** The file to send, as `momentum export` writes it. */
  file: string;
  /** The name a browser saves it under. */
  name: string;
  contentType: string;
  /** Removes the file (and its folder) once it has been sent. */
  cleanup(): void;
}

/**
 * A workspace export for download: written by the same sinks as `momentum export` to a private
 * temporary folder, then streamed from disk. Going through a file (rather than streaming the
 * database read into the response) keeps a slow download from holding the export's transaction
 * open, and keeps memory flat however large the workspace is. JSON is the one file; CSV is one
 * file per table, so the manifest is sent unless `table` names one of them.
 */
export async function prepareExport(
  ctx: AppContext,
  actor: Actor,
  format: 'json' | 'csv',
  table?: string,
): Promise<ExportDownload> {
  // Before a sink opens a file in a folder that a refusal would remove under it.
  requireArchiveRole(actor, 'export the workspace');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-export-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    if (format === 'json') {
      const file = path.join(dir, JSON_ARCHIVE_FILE);
      await exportWorkspace(ctx, actor, jsonArchiveSink(file));
      return { file, name: JSON_ARCHIVE_FILE, contentType: 'application/json', cleanup };
    }
    // A table asked for on its own is read and written on its own (the same file as in the
    // whole export), so that downloading the tables one by one does not export the workspace
    // once per table.
    await exportWorkspace(ctx, actor, csvArchiveSink(dir), table);
    if (table === undefined)
      return {
        file: path.join(dir, CSV_MANIFEST_FILE),
        name: CSV_MANIFEST_FILE,
        contentType: 'application/json',
        cleanup,
      };
    return {
      file: path.join(dir, `${table}.csv`),
      name: `${table}.csv`,
      contentType: 'text/csv; charset=utf-8',
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
