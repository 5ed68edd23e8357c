import type { AccountRepository } from '../../accounts/ports.ts';
import type { AuditRepository } from '../../kernel/audit-log.ts';
import { recordAudit } from '../../audit/record.ts';
import type { StageRepository } from '../../deals/ports.ts';
import { DEFAULT_NEGLECT_DAYS, type Stage } from '../../deals/types.ts';
import type { WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { forbidden, invalid } from '../../kernel/errors.ts';
import { runIds } from '../../kernel/ids.ts';
import type { Executor } from '../../kernel/transactions.ts';
import type { MemberRepository } from '../../workspaces/ports.ts';
import type { Actor, Member } from '../../workspaces/types.ts';
import { HeaderIndex, RowView } from '../columns.ts';
import { DateOrderDetector, type DateOrder } from '../dates.ts';
import {
  emptyFound,
  MAX_DISTINCT,
  planMapping,
  type FoundValues,
  type ImportMapping,
  type MappingPreview,
} from '../mapping.ts';
import type { ImportWriter, RowWrite, WriteContext, WriteResult } from '../ports.ts';
import { RecordResolver } from '../resolve.ts';
import { recogniseFile } from '../sources/index.ts';
import { DateReader, RowError, type FileFormat } from '../sources/format.ts';
import {
  emptyCounts,
  type CrmSource,
  type FileSummary,
  type ImportReport,
  type RecordKind,
  type RowIssue,
} from '../types.ts';

/** One record of a CSV file: its fields and the line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A file to import, readable from the start as often as needed (once to scan, once to write),
 * in chunks of records (one await per chunk, not per record, keeps large files cheap). */
export interface ImportFile {
  name: string;
  read(): AsyncIterable<CsvRecord[]>;
}

export interface ImportProgress {
  phase: 'scan' | 'import';
  file: string;
  rows: number;
  /** Rows in all files (known after the scan). */
  totalRows: number | null;
}

export interface ImportOptions {
  from?: CrmSource;
  dryRun: boolean;
  /** Who owns rows whose owner is not a member (default: the one importing). */
  ownerEmail?: string;
  mapping: ImportMapping;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** How many bad rows the report lists (all are counted). */
  maxIssues?: number;
}

export interface ImportResult {
  report: ImportReport;
  mapping: ImportMapping;
  preview: MappingPreview;
}

export type ImportDeps = WriteDeps & {
  stages: StageRepository;
  members: MemberRepository;
  accounts: AccountRepository;
  audit: AuditRepository;
  importWriter: ImportWriter;
};

const KIND_ORDER: Record<RecordKind, number> = { account: 0, contact: 1, deal: 2, activity: 3 };
const DEFAULT_BATCH = 1_000;
const DEFAULT_MAX_ISSUES = 1_000;

/** Rolls the dry run's single transaction back at the end. */
class DryRunDone extends Error {}

interface ScannedFile {
  file: ImportFile;
  format: FileFormat;
  header: HeaderIndex;
  order: DateOrder | null;
  rows: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop()!;
}

async function scanFile(
  file: ImportFile,
  options: ImportOptions,
  found: FoundValues,
  progress: (rows: number) => void,
): Promise<ScannedFile> {
  let header: HeaderIndex | null = null;
  let format: FileFormat | null = null;
  const detector = new DateOrderDetector();
  let dateColumns: number[] = [];
  let rows = 0;
  const collect = (set: Set<string>, positions: number[], fields: string[]) => {
    for (const p of positions) {
      const v = fields[p]?.trim();
      if (v && set.size < MAX_DISTINCT) set.add(v);
    }
  };
  let stageCols: number[] = [];
  let ownerCols: number[] = [];
  let currencyCols: number[] = [];
  try {
    for await (const chunk of file.read())
      for (const record of chunk) {
        if (!header) {
          header = new HeaderIndex(record.fields);
          format = recogniseFile(baseName(file.name), header, options.from);
          const positions = (names: string[]) =>
            names.map((n) => header!.position(n)).filter((p): p is number => p !== undefined);
          dateColumns = positions(format.columns.dates);
          stageCols = positions(format.columns.stage).slice(0, 1);
          ownerCols = positions(format.columns.owner).slice(0, 1);
          currencyCols = positions(format.columns.currency).slice(0, 1);
          continue;
        }
        rows++;
        if (rows % 10_000 === 0) progress(rows);
        for (const p of dateColumns) {
          const v = record.fields[p];
          if (v) detector.add(v);
        }
        collect(found.stages, stageCols, record.fields);
        collect(found.owners, ownerCols, record.fields);
        collect(found.currencies, currencyCols, record.fields);
      }
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'validation') throw error;
    throw invalid(`${baseName(file.name)} cannot be read as CSV: ${message(error)}`);
  }
  if (!header || !format) throw invalid(`${baseName(file.name)} is empty: it has no header row.`);
  const decided = detector.decide(options.mapping.dateOrders[baseName(file.name)]);
  if ('refusal' in decided)
    throw invalid(
      `${baseName(file.name)} is refused: ${decided.refusal.replace('<file name>', baseName(file.name))}.`,
    );
  progress(rows);
  return { file, format, header, order: decided.order, rows };
}

async function createStages(
  deps: ImportDeps,
  tx: Executor,
  actor: Actor,
  stages: Stage[],
  names: string[],
): Promise<Stage[]> {
  let position = Math.max(0, ...stages.map((s) => s.position));
  const created: Stage[] = [];
  for (const name of names) {
    const stage: Stage = {
      id: deps.ids('stage'),
      workspaceId: actor.workspaceId,
      name,
      position: ++position,
      neglectDays: DEFAULT_NEGLECT_DAYS,
      version: 1,
    };
    await deps.stages.insert(tx, stage);
    await recordAudit(deps, tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.memberId,
      action: 'stage.create',
      entity: 'stage',
      entityId: stage.id,
      after: stage,
    });
    created.push(stage);
  }
  return created;
}

/**
 * Imports CRM export files into the actor's workspace. First every file is read once: which tool
 * and object it is, its date order, and the stages, owners and currencies it uses (the mapping
 * preview). A file that cannot be read, or whose dates are ambiguous, stops the import before
 * anything is written. Then rows are written in batches, accounts before contacts before deals
 * before activities; a bad row is reported with its file and line and the others are kept. Each
 * row is all-or-nothing (a batch that fails is retried row by row). A dry run does all of this
 * inside one transaction that is rolled back, so it reports exactly what a real run would do.
 */
export async function runImport(
  deps: ImportDeps,
  actor: Actor,
  files: readonly ImportFile[],
  options: ImportOptions,
): Promise<ImportResult> {
  if (actor.role === 'rep') throw forbidden('Only owners and managers can import.');
  if (files.length === 0) throw invalid('Name at least one CSV file to import.');
  const ex0 = deps.runner.executor;
  const members = await deps.members.listByWorkspace(ex0, actor.workspaceId);
  const self = members.find((m) => m.id === actor.memberId)!;
  let defaultOwner: Member = self;
  if (options.ownerEmail) {
    const email = options.ownerEmail.trim().toLowerCase();
    const found = members.find((m) => m.email === email && !m.removedAt);
    if (!found) throw invalid(`--owner ${options.ownerEmail} is not a member of this workspace.`);
    defaultOwner = found;
  }

  // 1. Scan.
  const found = emptyFound();
  const scanned: ScannedFile[] = [];
  let scannedRows = 0;
  for (const file of files) {
    const s = await scanFile(file, options, found, (rows) =>
      options.onProgress?.({
        phase: 'scan',
        file: file.name,
        rows: scannedRows + rows,
        totalRows: null,
      }),
    );
    scannedRows += s.rows;
    scanned.push(s);
  }
  const sources = new Set(scanned.map((s) => s.format.source));
  if (sources.size > 1)
    throw invalid(
      `One import reads one tool's export; these files come from ${[...sources].join(' and ')}.`,
    );
  const source = scanned[0]!.format.source;
  scanned.sort((a, b) => KIND_ORDER[a.format.kind] - KIND_ORDER[b.format.kind]);

  // 2. Mapping preview.
  const stages = await deps.stages.listByWorkspace(ex0, actor.workspaceId);
  const currencies = await deps.importWriter.currencies(ex0, actor.workspaceId);
  const { mapping, preview } = planMapping(
    found,
    { stages, members, currencies },
    options.mapping,
    defaultOwner,
  );
  const toCreate = [
    ...new Set(preview.stages.filter((s) => s.action === 'create').map((s) => s.stage)),
  ];

  const report: ImportReport = {
    dryRun: options.dryRun,
    files: scanned.map((s): FileSummary => ({
      file: baseName(s.file.name),
      source: s.format.source,
      kind: s.format.kind,
      rows: s.rows,
      dateOrder: s.order,
    })),
    counts: emptyCounts(),
    issues: [],
    issueCount: 0,
    stagesCreated: toCreate,
  };
  const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const addIssue = (issue: RowIssue) => {
    report.issueCount++;
    if (report.issues.length < maxIssues) report.issues.push(issue);
  };

  const now = toStoredInstant(deps.clock.now());
  const context: WriteContext = {
    workspaceId: actor.workspaceId,
    now,
    today: now.slice(0, 10),
    ids: runIds(deps.ids),
  };
  const batchSize = options.batchSize ?? DEFAULT_BATCH;

  const work = async (unit: <T>(fn: (ex: Executor) => Promise<T>) => Promise<T>) => {
    const created = await unit((tx) => createStages(deps, tx, actor, stages, toCreate));
    const allStages = [...stages, ...created];
    let done = 0;
    for (const s of scanned) {
      const counts = report.counts[s.format.kind];
      const before = { ...counts };
      // Won and lost deals go to the workspace's own last stage, not one this import adds.
      const resolver = new RecordResolver(
        source,
        mapping,
        allStages,
        stages,
        members,
        defaultOwner,
        now,
      );
      const dates = new DateReader(s.order);
      const fileName = baseName(s.file.name);
      let batch: { row: RowWrite; line: number }[] = [];
      const write = async (rows: { row: RowWrite; line: number }[]) => {
        let results: WriteResult[];
        try {
          results = await unit((tx) =>
            deps.importWriter.write(
              tx,
              context,
              rows.map((r) => r.row),
            ),
          );
        } catch {
          // One row broke the batch: write each on its own to keep the others and name it.
          results = [];
          for (const r of rows) {
            try {
              results.push((await unit((tx) => deps.importWriter.write(tx, context, [r.row])))[0]!);
            } catch (error) {
              results.push({ error: message(error).split('\n')[0]! });
            }
          }
        }
        results.forEach((result, i) => {
          if (typeof result === 'string') counts[result]++;
          else {
            counts.failed++;
            addIssue({ file: fileName, line: rows[i]!.line, reason: result.error });
          }
        });
        done += rows.length;
        options.onProgress?.({
          phase: 'import',
          file: s.file.name,
          rows: done,
          totalRows: scannedRows,
        });
      };
      // Batches are written one after the other, but the next batch is read while the one before
      // is being written (the database works while the file is parsed), so a write is awaited
      // only when the next is ready, and before anything else touches the database.
      let writing: Promise<void> | null = null;
      const flush = async () => {
        if (batch.length === 0) return;
        const rows = batch;
        batch = [];
        if (writing) await writing;
        const next = write(rows);
        // Marked handled here; the rejection still reaches the next await of `writing`.
        next.catch(() => {});
        writing = next;
      };
      const drain = async () => {
        const last = writing;
        writing = null;
        if (last) await last;
      };
      let first = true;
      const firstIssue = report.issues.length;
      try {
        for await (const chunk of s.file.read())
          for (const record of chunk) {
            if (first) {
              first = false;
              continue;
            }
            if (record.fields.length !== s.header.size) {
              counts.failed++;
              addIssue({
                file: fileName,
                line: record.line,
                reason: `the row has ${record.fields.length} fields where the header has ${s.header.size}`,
              });
              done++;
              continue;
            }
            try {
              const parsed = s.format.read(new RowView(s.header, record.fields), dates);
              batch.push({ row: resolver.resolve(parsed), line: record.line });
            } catch (error) {
              if (!(error instanceof RowError)) throw error;
              counts.failed++;
              addIssue({ file: fileName, line: record.line, reason: error.message });
              done++;
            }
            if (batch.length >= batchSize) await flush();
          }
        await flush();
      } finally {
        // Whatever stopped the reading, the write in flight finishes before anything else runs
        // (its failure, if any, is the one reported).
        await drain();
      }
      // A write's bad rows arrive after the rows read meanwhile: the report lists them by line.
      const fileIssues = report.issues.splice(firstIssue).sort((a, b) => a.line - b.line);
      report.issues.push(...fileIssues);
      await unit((tx) =>
        recordAudit(deps, tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.memberId,
          action: 'import.file',
          entity: 'import',
          entityId: fileName,
          after: {
            file: fileName,
            source: s.format.source,
            kind: s.format.kind,
            rows: s.rows,
            created: counts.created - before.created,
            updated: counts.updated - before.updated,
            unchanged: counts.unchanged - before.unchanged,
            failed: counts.failed - before.failed,
          },
        }),
      );
    }
  };

  if (options.dryRun) {
    try {
      await deps.runner.transaction(async (tx) => {
        await work((fn) => deps.importWriter.savepoint(tx, () => fn(tx)));
        throw new DryRunDone();
      });
    } catch (error) {
      if (!(error instanceof DryRunDone)) throw error;
    }
  } else {
    await work((fn) => deps.runner.transaction(fn));
  }
  return { report, mapping, preview };
}
