import type { WriteDeps } from '../../kernel/deps.ts';
import { toStoredInstant } from '../../time/dates.ts';
import { conflict, DomainError, forbidden, invalid } from '../../kernel/errors.ts';
import type { IdGenerator } from '../../kernel/ids.ts';
import type { Executor, TransactionRunner } from '../../kernel/transactions.ts';
import type { WorkspaceRepository } from '../../workspaces/ports.ts';
import type { Actor } from '../../workspaces/types.ts';

/*
 * Momentum's own export: every table of a workspace, row for row, with the stored values as
 * they are (ids, versions, instants), so that importing it into an empty workspace gives the
 * same workspace back — on the same dialect or the other one. Exporting again then gives the
 * same files, byte for byte: tables and rows come in a fixed order and nothing in the archive
 * depends on when or where it was made.
 */
export type ArchiveRow = Record<string, unknown>;

export interface ExportPage {
  table: string;
  rows: ArchiveRow[];
}

export const ARCHIVE_FORMAT = 'momentum-export';
export const ARCHIVE_VERSION = 1;

/** Storage's side: reads a workspace's tables in pages, and writes them back. */
export interface WorkspaceArchive {
  /** The tables every export holds, in the order it writes them (an empty one included). */
  readonly tables: readonly string[];
  /** Every table in order, or only `table` (one of `tables`) when it is given. */
  read(ex: Executor, workspaceId: string, table?: string): AsyncIterable<ExportPage>;
  holdings(
    ex: Executor,
    workspaceId: string,
  ): Promise<{ accounts: number; deals: number; calls: number }>;
  /** Removes what a new workspace starts with (members, stages, habits, audit entries). */
  clear(ex: Executor, workspaceId: string): Promise<void>;
  restore(
    ex: Executor,
    workspaceId: string,
    table: string,
    rows: ArchiveRow[],
    context: { now: string; ids: IdGenerator },
  ): Promise<void>;
}

/** Where an export goes (a JSON file, or a CSV file per table); streamed page by page. */
export interface ArchiveSink {
  write(page: ExportPage): Promise<void>;
  close(): Promise<void>;
}

export function requireArchiveRole(actor: Actor, what: string): void {
  if (actor.role === 'rep') throw forbidden(`Only owners and managers can ${what}.`);
}

/** Streams the whole workspace into `sink`, inside one read transaction so it is consistent;
 * with `only`, just that table of it (one CSV file downloaded on its own). */
export async function exportWorkspace(
  deps: { runner: TransactionRunner; archive: WorkspaceArchive },
  actor: Actor,
  sink: ArchiveSink,
  only?: string,
): Promise<{ tables: number; rows: number }> {
  requireArchiveRole(actor, 'export the workspace');
  if (only !== undefined && !deps.archive.tables.includes(only))
    throw new DomainError(
      'not-found',
      `The export has no table "${only}"; the manifest lists its tables.`,
    );
  let tables = 0;
  let rows = 0;
  let last: string | null = null;
  await deps.runner.transaction(async (tx) => {
    for await (const page of deps.archive.read(tx, actor.workspaceId, only)) {
      if (page.table !== last) tables++;
      last = page.table;
      rows += page.rows.length;
      await sink.write(page);
    }
  });
  await sink.close();
  return { tables, rows };
}

/**
 * Brings an archive back into a workspace that holds no accounts, deals or calls yet (as after
 * `momentum init`): what init made is replaced by the archive's members, stages, playbook and
 * history, all in one transaction. The archive's members must include the person restoring it,
 * who would otherwise lock themselves out.
 */
export async function restoreWorkspace(
  deps: Pick<WriteDeps, 'runner' | 'clock' | 'ids'> & {
    archive: WorkspaceArchive;
    workspaces: WorkspaceRepository;
  },
  target:
    | { workspaceId: string; actor: Actor; actorEmail: string }
    | { workspaceId: null; actor: null; actorEmail: null },
  pages: AsyncIterable<ExportPage>,
): Promise<{ workspaceId: string; rows: number; tables: number }> {
  if (target.actor) requireArchiveRole(target.actor, 'import a Momentum export');
  const now = toStoredInstant(deps.clock.now());
  let rows = 0;
  const tables = new Set<string>();
  const workspaceId = target.workspaceId ?? deps.ids('workspace');
  await deps.runner.transaction(async (tx) => {
    // A database with no workspace yet (moving to PostgreSQL) gets one, named by the archive.
    if (!target.workspaceId)
      await deps.workspaces.insert(tx, {
        id: workspaceId,
        name: 'Restoring',
        createdAt: now,
        version: 1,
      });
    const held = await deps.archive.holdings(tx, workspaceId);
    if (held.accounts || held.deals || held.calls) {
      throw conflict(
        `A Momentum export is imported into an empty workspace; this one already holds ${held.accounts} accounts, ${held.deals} deals and ${held.calls} calls. Create a new one (momentum init with a new database) and import there.`,
      );
    }
    await deps.archive.clear(tx, workspaceId);
    let sawSelf = target.actorEmail === null;
    for await (const page of pages) {
      if (tables.size === 0 && page.table !== 'workspace')
        throw invalid('The export does not start with its workspace; is it a Momentum export?');
      tables.add(page.table);
      if (page.table === 'members' && target.actorEmail)
        sawSelf ||= page.rows.some((m) => String(m.email).toLowerCase() === target.actorEmail);
      await deps.archive.restore(tx, workspaceId, page.table, page.rows, { now, ids: deps.ids });
      rows += page.rows.length;
    }
    if (!tables.has('workspace') || !tables.has('members'))
      throw invalid('The export has no workspace or members; is it a Momentum export?');
    if (!sawSelf)
      throw invalid(
        `You (${target.actorEmail}) are not a member in this export, so importing it would lock you out; import it as one of its members (--as EMAIL) or into a new database.`,
      );
  });
  return { workspaceId, rows, tables: tables.size };
}
