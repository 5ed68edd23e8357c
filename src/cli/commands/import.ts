import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { readArchive } from '../../app/import-export/archive-files.ts';
import { csvFile } from '../../app/import-export/csv-file.ts';
import { restoreWorkspace } from '../../core/import-export/flows/archive.ts';
import {
  emptyMapping,
  parseMapping,
  type ImportMapping,
  type MappingPreview,
} from '../../core/import-export/mapping.ts';
import { runImport, type ImportProgress } from '../../core/import-export/flows/run-import.ts';
import {
  IMPORT_SOURCES,
  type CrmSource,
  type ImportReport,
  type RecordKind,
} from '../../core/import-export/types.ts';
import { DomainError, invalid } from '../../core/kernel/errors.ts';
import { formatTable, printJson } from '../output.ts';
import { resolveCliActor, withContext } from '../runtime.ts';

const KIND_LABELS: Record<RecordKind, string> = {
  account: 'accounts',
  contact: 'contacts',
  deal: 'deals',
  activity: 'activities',
};

function readMapping(file: string | undefined): ImportMapping {
  if (!file || !fs.existsSync(file)) return emptyMapping();
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(`The mapping ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseMapping(json);
}

/** A progress bar on a terminal; nothing when the output is a file or a pipe. */
export function progressBar(): { update(p: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{phase} [{bar}] {percentage}% | {value}/{total} rows | {file}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const total = p.totalRows ?? Math.max(p.rows, 1);
      const payload = {
        phase: p.phase === 'scan' ? 'Reading ' : 'Importing',
        file: path.basename(p.file),
      };
      if (!started) {
        bar.start(total, p.rows, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.rows, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function printPreview(preview: MappingPreview): string {
  const lines: string[] = [];
  for (const s of preview.stages)
    lines.push(
      `  stage    "${s.value}" → ${s.stage}${s.action === 'create' ? ' (a new stage)' : ''}`,
    );
  for (const o of preview.owners)
    lines.push(
      `  owner    "${o.value}" → ${o.email}${o.action === 'default' ? ' (not a member: the default owner)' : ''}`,
    );
  for (const c of preview.currencies)
    lines.push(
      `  currency "${c.value}" → ${c.currency ?? '? (not a currency code: map it, or its rows fail)'}${c.action === 'new' ? ' (new to this workspace)' : ''}`,
    );
  return lines.length
    ? `Mapping (values new to this workspace):\n${lines.join('\n')}\n`
    : 'Mapping: every stage, owner and currency is already known.\n';
}

export function formatReport(report: ImportReport, preview: MappingPreview): string {
  const out: string[] = [];
  out.push(
    formatTable(
      ['FILE', 'SOURCE', 'HOLDS', 'ROWS', 'DATES'],
      report.files.map((f) => [
        f.file,
        f.source,
        KIND_LABELS[f.kind],
        f.rows,
        f.dateOrder === 'mdy' ? 'month-first' : f.dateOrder === 'dmy' ? 'day-first' : 'ISO or none',
      ]),
    ),
  );
  out.push('');
  out.push(printPreview(preview));
  out.push(report.dryRun ? 'Dry run: nothing was written. An import would give:' : 'Imported:');
  const kinds = report.files.map((f) => f.kind).filter((k, i, all) => all.indexOf(k) === i);
  out.push(
    formatTable(
      ['', 'CREATED', 'UPDATED', 'UNCHANGED', 'FAILED'],
      kinds.map((k) => {
        const c = report.counts[k];
        return [KIND_LABELS[k], c.created, c.updated, c.unchanged, c.failed];
      }),
    ),
  );
  if (report.issueCount) {
    out.push('');
    out.push(`Rows not imported (${report.issueCount}):`);
    for (const i of report.issues) out.push(`  ${i.file}:${i.line}  ${i.reason}`);
    if (report.issueCount > report.issues.length)
      out.push(`  … and ${report.issueCount - report.issues.length} more`);
  }
  return `${out.join('\n')}\n`;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import CSV exports from HubSpot, Pipedrive or Salesforce, or a Momentum export')
    .argument('<files...>', 'the exported CSV files (several files of one export at once)')
    .option(
      '--from <source>',
      `which tool wrote the files: ${IMPORT_SOURCES.join(', ')} (default: told from the columns)`,
    )
    .option('--dry-run', 'read everything and report what would happen, writing nothing')
    .option(
      '--owner <email>',
      'the member who owns rows whose owner is not a member (default: you)',
    )
    .option(
      '--map <file.json>',
      'a mapping of stages, owners and currencies: used if it exists, then saved with every value found',
    )
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
Re-running an import updates the records it made (matched by the tool's own ids) and adds no
duplicates. Rows that cannot be imported are listed with their file and line; the others are kept,
and the command then exits 1.

Examples:
  momentum import --dry-run --map mapping.json hubspot-companies.csv hubspot-deals.csv
  momentum import --map mapping.json hubspot-companies.csv hubspot-deals.csv
  momentum import --from pipedrive --owner sam@acme.com deals.csv activities.csv`,
    )
    .action(async (files: string[], opts, command: Command) => {
      const from = opts.from as string | undefined;
      if (from && !(IMPORT_SOURCES as readonly string[]).includes(from))
        throw invalid(`--from must be one of ${IMPORT_SOURCES.join(', ')}, got "${from}".`);
      for (const f of files) if (!fs.existsSync(f)) throw invalid(`No file ${f}.`);
      if (from === 'momentum') {
        if (files.length !== 1)
          throw invalid('--from momentum takes one export: its JSON file or its CSV folder.');
        if (opts.dryRun || opts.map || opts.owner)
          throw invalid('--dry-run, --map and --owner are for CRM files, not a Momentum export.');
        await withContext(command, async (ctx) => {
          const empty = (await ctx.workspaces.count(ctx.runner.executor)) === 0;
          const actor = empty ? null : await resolveCliActor(ctx, command);
          const member = actor
            ? await ctx.members.findById(ctx.runner.executor, actor.workspaceId, actor.memberId)
            : null;
          const result = await restoreWorkspace(
            ctx,
            actor && member
              ? { workspaceId: actor.workspaceId, actor, actorEmail: member.email }
              : { workspaceId: null, actor: null, actorEmail: null },
            readArchive(files[0]!),
          );
          if (opts.json) printJson(result);
          else
            process.stdout.write(
              `Imported ${result.rows} rows of ${result.tables} tables into workspace ${result.workspaceId}.\n`,
            );
        });
        return;
      }
      const mapping = readMapping(opts.map);
      await withContext(command, async (ctx) => {
        const actor = await resolveCliActor(ctx, command);
        const bar = progressBar();
        let result;
        try {
          result = await runImport(
            ctx,
            actor,
            files.map((f) => csvFile(f)),
            {
              from: from as CrmSource | undefined,
              dryRun: Boolean(opts.dryRun),
              ownerEmail: opts.owner,
              mapping,
              onProgress: (p) => bar.update(p),
            },
          );
        } finally {
          bar.stop();
        }
        if (opts.map) fs.writeFileSync(opts.map, `${JSON.stringify(result.mapping, null, 2)}\n`);
        if (opts.json) printJson({ ...result.report, mapping: result.preview });
        else process.stdout.write(formatReport(result.report, result.preview));
        if (result.report.issueCount) {
          throw new DomainError(
            'validation',
            `${result.report.issueCount} row${result.report.issueCount === 1 ? ' was' : 's were'} not imported (listed above); the others ${result.report.dryRun ? 'would be' : 'were'} kept.`,
          );
        }
      });
    });
}
