import path from 'node:path';
import type { Command } from 'commander';
import {
  csvArchiveSink,
  JSON_ARCHIVE_FILE,
  jsonArchiveSink,
} from '../../app/import-export/archive-files.ts';
import { exportWorkspace } from '../../core/import-export/flows/archive.ts';
import { invalid } from '../../core/kernel/errors.ts';
import { printJson } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Export everything the workspace holds, as JSON or CSV')
    .option('--format <format>', 'json (one file) or csv (one file per table)', 'json')
    .option('--out <dir>', 'the folder to write into', '.')
    .option('--json', 'print a summary as JSON')
    .addHelpText(
      'after',
      `
It holds members and settings, playbook, stages, accounts, contacts, deals, calls, promises,
plans, touches, next steps, outcomes and lessons, momentum history and the audit log.
The export brings the workspace back with: momentum import --from momentum PATH
(into an empty workspace or a new database, SQLite or PostgreSQL). Passwords, sessions and API
tokens are not exported.

Examples:
  momentum export --out backups/2026-11-24
  DATABASE_URL=postgres://… momentum import --from momentum backups/2026-11-24/${JSON_ARCHIVE_FILE}`,
    )
    .action(async (opts, command: Command) => {
      const format = String(opts.format);
      if (format !== 'json' && format !== 'csv')
        throw invalid(`--format must be json or csv, got "${format}".`);
      const target =
        format === 'json' ? path.join(opts.out, JSON_ARCHIVE_FILE) : path.resolve(opts.out);
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const sink = format === 'json' ? jsonArchiveSink(target) : csvArchiveSink(target);
        const summary = await exportWorkspace(ctx, actor, sink);
        if (opts.json) printJson({ ...summary, format, path: target });
        else
          process.stdout.write(
            `Exported ${summary.rows} rows of ${summary.tables} tables to ${target}.\n`,
          );
      });
    });
}
