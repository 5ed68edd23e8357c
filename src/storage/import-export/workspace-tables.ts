import type { Kysely } from 'kysely';
import type { Executor } from '../../core/kernel/transactions.ts';
import type { ExportPage, WorkspaceArchive } from '../../core/import-export/flows/archive.ts';
import { chunksFor } from '../dialects/capabilities.ts';
import { kyselyOf } from '../executor.ts';
import type { Database } from '../schema.ts';

/*
 * Everything a workspace holds, table by table, in an order in which each row's references come
 * before it (so a restore can insert in the same order). Rows leave without `workspace_id` (the
 * archive is one workspace) and members leave with their e-mail and name instead of a user id
 * (users are shared between workspaces). Sessions, API tokens, invitations and calendar feed URLs are secrets and
 * stay behind. Each table is read in pages by its key, so memory does not grow with its size.
 */
type Db = Kysely<Database>;
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

interface TableSpec {
  name: string;
  key: string[];
  /** The column that ties a row to its workspace, or the parent table that does. */
  scope: { column: 'workspace_id' } | { column: string; parent: string };
}

const own = (name: string): TableSpec => ({ name, key: ['id'], scope: { column: 'workspace_id' } });
const child = (name: string, key: string[], column: string, parent: string): TableSpec => ({
  name,
  key,
  scope: { column, parent },
});

export const ARCHIVE_TABLES: readonly TableSpec[] = [
  own('members'),
  child('member_days_off', ['member_id', 'day'], 'member_id', 'members'),
  own('stages'),
  own('habits'),
  own('accounts'),
  own('contacts'),
  own('deals'),
  child('deal_shares', ['deal_id', 'member_id'], 'deal_id', 'deals'),
  own('calls'),
  child('call_attendees', ['call_id', 'position'], 'call_id', 'calls'),
  child('call_habits', ['call_id', 'habit_id'], 'call_id', 'calls'),
  own('plan_revisions'),
  own('commitments'),
  own('commitment_renegotiations'),
  own('touches'),
  own('next_steps'),
  own('booked_calls'),
  own('deal_outcomes'),
  child('momentum_snapshots', ['deal_id', 'day'], 'deal_id', 'deals'),
  own('digest_preferences'),
  own('digest_sends'),
  own('audit_log'),
  own('mail_messages'),
  own('mail_matches'),
];

/** Tables an older archive may hold that no longer exist: restoring skips their rows
 * (`quotas`, dropped by migration 015, was always empty: nothing ever wrote it). */
export const RETIRED_TABLES: readonly string[] = ['quotas'];

const PAGE = 2_000;

function scoped(db: AnyDb, spec: TableSpec, workspaceId: string) {
  const q = db.selectFrom(spec.name).selectAll(spec.name);
  if (spec.scope.column === 'workspace_id') return q.where('workspace_id', '=', workspaceId);
  const { parent, column } = spec.scope as { column: string; parent: string };
  return q.where(
    column,
    'in',
    db.selectFrom(parent).select('id').where('workspace_id', '=', workspaceId),
  );
}

async function* pages(db: AnyDb, spec: TableSpec, workspaceId: string) {
  let after: unknown[] | null = null;
  for (;;) {
    let q = scoped(db, spec, workspaceId);
    if (after) {
      const last = after;
      q =
        spec.key.length === 1
          ? q.where(spec.key[0]!, '>', last[0] as string)
          : q.where((eb) =>
              eb(
                eb.refTuple(spec.key[0]!, spec.key[1]!),
                '>',
                eb.tuple(last[0] as string, last[1] as string),
              ),
            );
    }
    for (const k of spec.key) q = q.orderBy(k);
    const rows = await q.limit(PAGE).execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    const lastRow = rows[rows.length - 1]!;
    after = spec.key.map((k) => lastRow[k]);
  }
}

async function memberPage(db: Db, rows: Record<string, unknown>[]) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where(
      'id',
      'in',
      rows.map((r) => r.user_id as string),
    )
    .execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map(({ user_id, workspace_id: _w, ...rest }) => {
    const user = byId.get(user_id as string)!;
    return { ...rest, email: user.email, name: user.name };
  });
}

export const workspaceArchive: WorkspaceArchive = {
  tables: ['workspace', ...ARCHIVE_TABLES.map((spec) => spec.name)],

  async *read(ex: Executor, workspaceId: string, only?: string): AsyncGenerator<ExportPage> {
    const db = kyselyOf(ex);
    if (only === undefined || only === 'workspace') {
      const workspace = await db
        .selectFrom('workspaces')
        .select(['name', 'created_at'])
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      yield { table: 'workspace', rows: [workspace] };
    }
    for (const spec of ARCHIVE_TABLES) {
      if (only !== undefined && spec.name !== only) continue;
      let any = false;
      for await (const rows of pages(db as unknown as AnyDb, spec, workspaceId)) {
        any = true;
        yield {
          table: spec.name,
          rows:
            spec.name === 'members'
              ? await memberPage(db, rows)
              : rows.map(({ workspace_id: _w, ...rest }) => rest),
        };
      }
      if (!any) yield { table: spec.name, rows: [] };
    }
  },

  async holdings(ex, workspaceId) {
    const db = kyselyOf(ex);
    const count = async (table: 'accounts' | 'deals' | 'calls') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('workspace_id', '=', workspaceId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      accounts: await count('accounts'),
      deals: await count('deals'),
      calls: await count('calls'),
    };
  },

  async clear(ex, workspaceId) {
    const db = kyselyOf(ex) as unknown as AnyDb;
    // Children first; what `momentum init` made (its owner, stages, habits, audit) goes too.
    for (const spec of [...ARCHIVE_TABLES].reverse()) {
      if (spec.scope.column === 'workspace_id') {
        await db.deleteFrom(spec.name).where('workspace_id', '=', workspaceId).execute();
      } else {
        const { parent, column } = spec.scope as { column: string; parent: string };
        await db
          .deleteFrom(spec.name)
          .where(
            column,
            'in',
            db.selectFrom(parent).select('id').where('workspace_id', '=', workspaceId),
          )
          .execute();
      }
      if (spec.name === 'members') {
        // Secrets stay behind (not exported), but go with the workspace's contents.
        for (const table of [
          'api_tokens',
          'invitations',
          'webhook_attempts',
          'webhook_deliveries',
          'webhook_events',
          'webhooks',
          'calendar_feeds',
        ]) {
          await db.deleteFrom(table).where('workspace_id', '=', workspaceId).execute();
        }
      }
    }
  },

  async restore(ex, workspaceId, table, rows, { now, ids }) {
    if (rows.length === 0) return;
    const db = kyselyOf(ex);
    if (table === 'workspace') {
      const w = rows[0]!;
      await db
        .updateTable('workspaces')
        .set({ name: String(w.name), created_at: String(w.created_at) })
        .where('id', '=', workspaceId)
        .execute();
      return;
    }
    if (RETIRED_TABLES.includes(table)) return;
    const spec = ARCHIVE_TABLES.find((t) => t.name === table);
    if (!spec) throw new Error(`The archive holds an unknown table "${table}".`);
    let values = rows;
    if (table === 'members') {
      values = [];
      for (const { email, name, ...member } of rows) {
        let user = await db
          .selectFrom('users')
          .select('id')
          .where('email', '=', String(email))
          .executeTakeFirst();
        if (!user) {
          user = { id: ids('user') };
          await db
            .insertInto('users')
            .values({
              id: user.id,
              email: String(email),
              name: String(name),
              password_hash: null,
              created_at: now,
            })
            .execute();
        }
        values.push({ ...member, user_id: user.id });
      }
    }
    if (spec.scope.column === 'workspace_id')
      values = values.map((r) => ({ ...r, workspace_id: workspaceId }));
    const width = Object.keys(values[0]!).length;
    for (const part of chunksFor(ex, values, { perItem: width })) {
      await (db as unknown as AnyDb).insertInto(table).values(part).execute();
    }
  },
};
