import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import type {
  AccountLinkRef,
  AccountWrite,
  ActivityWrite,
  ContactWrite,
  DealWrite,
  ImportWriter,
  RowWrite,
  WriteContext,
  WriteResult,
} from '../../core/import-export/ports.ts';
import { capabilitiesOf, chunksFor } from '../dialects/capabilities.ts';
import { kyselyOf } from '../executor.ts';
import { momentumInputsChanged } from '../momentum/momentum-inputs.ts';
import type { Database } from '../schema.ts';

/*
 * Imports write in batches: one query finds the batch's existing records by external ref, one
 * multi-row insert adds the new ones, and only rows whose values changed are updated. Nothing
 * here holds more than one batch, so memory does not grow with the file.
 */
type Db = Kysely<Database>;
const nameKey = (name: string) => name.trim().toLowerCase();
/** Multi-row INSERT text by table, columns, row count and placeholder style: built once and
 * reused, so a million-row import compiles a handful of statements (and SQLite's statement
 * cache keeps each one prepared) instead of building a query tree for every batch. */
const insertTexts = new Map<string, string>();

function insertText(table: string, columns: string[], rows: number, dollar: boolean): string {
  const cacheKey = `${table}|${columns.join(',')}|${rows}|${dollar}`;
  let text = insertTexts.get(cacheKey);
  if (text) return text;
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 0; c < columns.length; c++) marks.push(dollar ? `$${++n}` : '?');
    tuples.push(`(${marks.join(', ')})`);
  }
  text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`;
  if (insertTexts.size > 64) insertTexts.clear();
  insertTexts.set(cacheKey, text);
  return text;
}

/** Whether the connection's dialect numbers its placeholders ($1, as PostgreSQL does). */
const dollarPlaceholders = new WeakMap<object, boolean>();
function usesDollar(db: Db): boolean {
  const adapter = db.getExecutor().adapter;
  let dollar = dollarPlaceholders.get(adapter);
  if (dollar === undefined) {
    dollar = db
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', '')
      .compile()
      .sql.includes('$1');
    dollarPlaceholders.set(adapter, dollar);
  }
  return dollar;
}

/** Rows an import run has added to each table, and how many it had added when the table's
 * planner statistics were last refreshed (by the run's write context). */
const grown = new WeakMap<WriteContext, Map<string, { added: number; analyzedAt: number }>>();
/** Rows a run adds to a table before its statistics are first refreshed; then again at ten times
 * as many (1,000, 10,000, 100,000, …): once the planner knows the workspace fills the table, it
 * scales its estimates with the table's size, and each `analyze` of a large table costs a
 * sample of it (a few hundred milliseconds). */
const ANALYZE_FROM = 1_000;

/** Notes rows this run added to `table` and, where the dialect's planner needs it, refreshes the
 * table's statistics once the run has grown it enough: without them PostgreSQL finds a batch's
 * existing records by reading the whole workspace instead of the external-ref index. */
async function added(db: Db, context: WriteContext, table: keyof Database, rows: number) {
  if (rows === 0 || !capabilitiesOf(db).analyzeAfterBulkWrite) return;
  let tables = grown.get(context);
  if (!tables) grown.set(context, (tables = new Map()));
  const t = tables.get(table) ?? { added: 0, analyzedAt: 0 };
  tables.set(table, t);
  t.added += rows;
  if (t.added < Math.max(ANALYZE_FROM, 10 * t.analyzedAt)) return;
  t.analyzedAt = t.added;
  await sql`analyze ${sql.table(table)}`.execute(db);
}

async function insertMany<T extends keyof Database>(
  db: Db,
  context: WriteContext,
  table: T,
  rows: Insertable<Database[T]>[],
) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const dollar = usesDollar(db);
  // Rows per multi-row INSERT: as many as the dialect's parameter limit takes at this width.
  for (const chunk of chunksFor(db, rows as Record<string, unknown>[], {
    perItem: columns.length,
  })) {
    const parameters: unknown[] = [];
    for (const row of chunk) for (const c of columns) parameters.push(row[c] ?? null);
    await db.executeQuery(
      CompiledQuery.raw(insertText(table, columns, chunk.length, dollar), parameters),
    );
  }
  await added(db, context, table, rows.length);
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** Finds (or, by name, creates) the accounts a batch links to. */
async function resolveAccounts(
  db: Db,
  context: WriteContext,
  links: AccountLinkRef[],
): Promise<(link: AccountLinkRef) => string | { error: string }> {
  const refs = unique(links.map((l) => l.externalRef).filter((r): r is string => !!r));
  const byRef = new Map<string, string>();
  if (refs.length) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'external_ref'])
      .where('workspace_id', '=', context.workspaceId)
      .where('external_ref', 'in', refs)
      .execute();
    for (const r of rows) byRef.set(r.external_ref!, r.id);
  }
  const names = unique(
    links
      .filter((l) => l.name && !(l.externalRef && byRef.has(l.externalRef)))
      .map((l) => nameKey(l.name!)),
  );
  const byName = new Map<string, string>();
  if (names.length) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'name_key'])
      .where('workspace_id', '=', context.workspaceId)
      .where('name_key', 'in', names)
      .execute();
    for (const r of rows) byName.set(r.name_key, r.id);
    const missing = links.filter(
      (l) => l.name && !(l.externalRef && byRef.has(l.externalRef)) && !byName.has(nameKey(l.name)),
    );
    const inserts: Insertable<Database['accounts']>[] = [];
    for (const l of missing) {
      const key = nameKey(l.name!);
      if (byName.has(key)) continue;
      const id = context.ids('account');
      byName.set(key, id);
      inserts.push({
        id,
        workspace_id: context.workspaceId,
        name: l.name!.trim(),
        name_key: key,
        domain: null,
        external_ref: null,
        created_at: context.now,
        version: 1,
      });
    }
    await insertMany(db, context, 'accounts', inserts);
  }
  return (link) => {
    const id =
      (link.externalRef && byRef.get(link.externalRef)) ||
      (link.name && byName.get(nameKey(link.name)));
    if (id) return id;
    return {
      error: `no company ${link.externalRef?.replace(/^\w+:/, '') ?? ''} has been imported; import its companies/organizations file first (or in the same run)`,
    };
  };
}

async function writeAccounts(
  db: Db,
  c: WriteContext,
  rows: AccountWrite[],
): Promise<WriteResult[]> {
  const existing = await db
    .selectFrom('accounts')
    .select(['id', 'name', 'name_key', 'domain', 'external_ref'])
    .where('workspace_id', '=', c.workspaceId)
    .where('external_ref', 'in', unique(rows.map((r) => r.externalRef)))
    .execute();
  const byRef = new Map(existing.map((r) => [r.external_ref!, r]));
  // An account made by hand (or by a deal's company name) is adopted by the first import that
  // brings the same name, rather than refused as a duplicate.
  const names = unique(rows.filter((r) => !byRef.has(r.externalRef)).map((r) => nameKey(r.name)));
  const byName = new Map<string, { id: string; external_ref: string | null }>();
  if (names.length) {
    const rowsByName = await db
      .selectFrom('accounts')
      .select(['id', 'name_key', 'external_ref'])
      .where('workspace_id', '=', c.workspaceId)
      .where('name_key', 'in', names)
      .execute();
    for (const r of rowsByName) byName.set(r.name_key, r);
  }
  const results: WriteResult[] = [];
  const inserts: Insertable<Database['accounts']>[] = [];
  for (const r of rows) {
    const current = byRef.get(r.externalRef);
    const key = nameKey(r.name);
    if (current) {
      if (current.name === r.name && current.domain === r.domain) {
        results.push('unchanged');
        continue;
      }
      const taken = current.name_key !== key ? byName.get(key) : undefined;
      if (taken && taken.id !== current.id) {
        results.push({ error: `another account is already named "${r.name}"` });
        continue;
      }
      await db
        .updateTable('accounts')
        .set({ name: r.name, name_key: key, domain: r.domain, version: sql`version + 1` })
        .where('id', '=', current.id)
        .execute();
      byRef.set(r.externalRef, { ...current, name: r.name, name_key: key, domain: r.domain });
      results.push('updated');
      continue;
    }
    const named = byName.get(key);
    if (named) {
      if (named.external_ref) {
        results.push({
          error: `another account is already named "${r.name}" (${named.external_ref})`,
        });
        continue;
      }
      await db
        .updateTable('accounts')
        .set({ external_ref: r.externalRef, domain: r.domain, version: sql`version + 1` })
        .where('id', '=', named.id)
        .execute();
      byName.set(key, { id: named.id, external_ref: r.externalRef });
      byRef.set(r.externalRef, {
        id: named.id,
        name: r.name,
        name_key: key,
        domain: r.domain,
        external_ref: r.externalRef,
      });
      results.push('updated');
      continue;
    }
    const id = c.ids('account');
    inserts.push({
      id,
      workspace_id: c.workspaceId,
      name: r.name,
      name_key: key,
      domain: r.domain,
      external_ref: r.externalRef,
      created_at: c.now,
      version: 1,
    });
    byName.set(key, { id, external_ref: r.externalRef });
    byRef.set(r.externalRef, {
      id,
      name: r.name,
      name_key: key,
      domain: r.domain,
      external_ref: r.externalRef,
    });
    results.push('created');
  }
  await insertMany(db, c, 'accounts', inserts);
  return results;
}

async function writeContacts(
  db: Db,
  c: WriteContext,
  rows: ContactWrite[],
): Promise<WriteResult[]> {
  const accountOf = await resolveAccounts(
    db,
    c,
    rows.map((r) => r.account),
  );
  const existing = await db
    .selectFrom('contacts')
    .select(['id', 'account_id', 'name', 'email', 'title', 'external_ref'])
    .where('workspace_id', '=', c.workspaceId)
    .where('external_ref', 'in', unique(rows.map((r) => r.externalRef)))
    .execute();
  const byRef = new Map(existing.map((r) => [r.external_ref!, r]));
  const results: WriteResult[] = [];
  const inserts: Insertable<Database['contacts']>[] = [];
  for (const r of rows) {
    const accountId = accountOf(r.account);
    if (typeof accountId !== 'string') {
      results.push(accountId);
      continue;
    }
    const values = { account_id: accountId, name: r.name, email: r.email, title: r.title };
    const current = byRef.get(r.externalRef);
    if (current) {
      if (
        current.account_id === accountId &&
        current.name === r.name &&
        current.email === r.email &&
        current.title === r.title
      ) {
        results.push('unchanged');
        continue;
      }
      await db
        .updateTable('contacts')
        .set({ ...values, version: sql`version + 1` })
        .where('id', '=', current.id)
        .execute();
      byRef.set(r.externalRef, { ...current, ...values });
      results.push('updated');
      continue;
    }
    const row = {
      id: c.ids('contact'),
      workspace_id: c.workspaceId,
      ...values,
      external_ref: r.externalRef,
      created_at: c.now,
      version: 1,
    };
    inserts.push(row);
    byRef.set(r.externalRef, row);
    results.push('created');
  }
  await insertMany(db, c, 'contacts', inserts);
  return results;
}

const DEAL_FIELDS = [
  'title',
  'account_id',
  'stage_id',
  'owner_id',
  'amount_minor',
  'currency',
  'expected_close',
  'status',
  'close_reason',
  'closed_at',
] as const;

async function writeDeals(
  db: Db,
  c: WriteContext,
  rows: DealWrite[],
  changed: string[],
): Promise<WriteResult[]> {
  const accountOf = await resolveAccounts(
    db,
    c,
    rows.map((r) => r.account),
  );
  const existing = await db
    .selectFrom('deals')
    .select(['id', 'external_ref', 'created_at', ...DEAL_FIELDS])
    .where('workspace_id', '=', c.workspaceId)
    .where('external_ref', 'in', unique(rows.map((r) => r.externalRef)))
    .execute();
  const byRef = new Map(existing.map((r) => [r.external_ref!, r]));
  const results: WriteResult[] = [];
  const inserts: Insertable<Database['deals']>[] = [];
  const outcomes: Insertable<Database['deal_outcomes']>[] = [];
  const outcome = (dealId: string, r: DealWrite) =>
    outcomes.push({
      id: c.ids('outcome'),
      workspace_id: c.workspaceId,
      deal_id: dealId,
      outcome: r.status,
      reason: r.closeReason,
      lesson: null,
      re_engage_on: null,
      decided_by: r.ownerId,
      decided_at: r.closedAt ?? c.now,
    });
  for (const r of rows) {
    const accountId = accountOf(r.account);
    if (typeof accountId !== 'string') {
      results.push(accountId);
      continue;
    }
    const values = {
      title: r.title,
      account_id: accountId,
      stage_id: r.stageId,
      owner_id: r.ownerId,
      amount_minor: r.amountMinor,
      currency: r.currency,
      expected_close: r.expectedClose,
      status: r.status,
      close_reason: r.closeReason,
      closed_at: r.closedAt,
    };
    const current = byRef.get(r.externalRef);
    if (current && r.keepStage) values.stage_id = current.stage_id;
    if (current) {
      if (DEAL_FIELDS.every((f) => current[f] === values[f])) {
        results.push('unchanged');
        continue;
      }
      await db
        .updateTable('deals')
        .set({
          ...values,
          updated_at: c.now,
          ...(current.stage_id !== values.stage_id && { stage_changed_at: c.now }),
          version: sql`version + 1`,
        })
        .where('id', '=', current.id)
        .execute();
      changed.push(current.id);
      if (r.status !== 'open' && current.status !== r.status) outcome(current.id, r);
      byRef.set(r.externalRef, { ...current, ...values });
      results.push('updated');
      continue;
    }
    const row = {
      id: c.ids('deal'),
      workspace_id: c.workspaceId,
      ...values,
      re_engage_on: null,
      stage_changed_at: r.createdAt,
      last_touch_at: null,
      external_ref: r.externalRef,
      created_at: r.createdAt,
      updated_at: c.now,
      version: 1,
    };
    // A deal the import creates has no recorded momentum to leave behind (its trend starts the
    // next time its inputs change), so only updated deals are reported: recording a whole
    // import's new deals would cost it a scoring pass per batch.
    inserts.push(row);
    if (r.status !== 'open') outcome(row.id, r);
    byRef.set(r.externalRef, row);
    results.push('created');
  }
  await insertMany(db, c, 'deals', inserts);
  await insertMany(db, c, 'deal_outcomes', outcomes);
  return results;
}

function classify(doneOn: string, due: string | null): string | null {
  if (!due) return null;
  return doneOn < due ? 'early' : doneOn === due ? 'on-time' : 'late';
}

async function writeActivities(
  db: Db,
  c: WriteContext,
  rows: ActivityWrite[],
  changed: string[],
): Promise<WriteResult[]> {
  const deals = await db
    .selectFrom('deals')
    .select(['id', 'external_ref'])
    .where('workspace_id', '=', c.workspaceId)
    .where('external_ref', 'in', unique(rows.map((r) => r.dealExternalRef)))
    .execute();
  const dealOf = new Map(deals.map((d) => [d.external_ref!, d.id]));
  // Touches, promises and next steps are momentum inputs of their deals (an unchanged row only
  // makes its deal's momentum be recorded again, from the same data).
  for (const r of rows) {
    const id = dealOf.get(r.dealExternalRef);
    if (id) changed.push(id);
  }
  const refs = unique(rows.map((r) => r.externalRef));
  const lookup = async <T extends 'touches' | 'commitments' | 'next_steps'>(table: T) =>
    new Map(
      (
        await db
          .selectFrom(table as 'touches')
          .selectAll()
          .where('workspace_id', '=', c.workspaceId)
          .where('external_ref', 'in', refs)
          .execute()
      ).map((r) => [r.external_ref!, r as unknown as Database[T]]),
    );
  const touches = await lookup('touches');
  const promises = await lookup('commitments');
  const steps = await lookup('next_steps');
  const results: WriteResult[] = [];
  const latestTouch = new Map<string, string>();
  for (const r of rows) {
    const dealId = dealOf.get(r.dealExternalRef);
    if (!dealId) {
      results.push({
        error: `no deal ${r.dealExternalRef.replace(/^\w+:/, '')} has been imported; import its deals file first (or in the same run)`,
      });
      continue;
    }
    if (r.as === 'touch') {
      const at = r.at!;
      // An open promise or next step from an earlier run that is now done is closed, not kept open.
      const promise = promises.get(r.externalRef);
      if (promise && promise.state === 'open') {
        await db
          .updateTable('commitments')
          .set({
            state: 'done',
            done_at: at,
            classification: classify(at.slice(0, 10), promise.due_date),
            updated_at: c.now,
            version: sql`version + 1`,
          })
          .where('id', '=', promise.id)
          .execute();
      }
      const step = steps.get(r.externalRef);
      if (step && step.state === 'open') {
        await db
          .updateTable('next_steps')
          .set({ state: 'done', version: sql`version + 1` })
          .where('id', '=', step.id)
          .execute();
      }
      const current = touches.get(r.externalRef);
      const values = {
        deal_id: dealId,
        member_id: r.memberId,
        kind: r.touchKind,
        at,
        text: r.text,
      };
      if (current) {
        if (
          current.deal_id === dealId &&
          current.member_id === r.memberId &&
          current.kind === r.touchKind &&
          current.at === at &&
          current.text === r.text
        ) {
          results.push(
            promise?.state === 'open' || step?.state === 'open' ? 'updated' : 'unchanged',
          );
          continue;
        }
        await db.updateTable('touches').set(values).where('id', '=', current.id).execute();
        results.push('updated');
      } else {
        const row = {
          id: c.ids('touch'),
          workspace_id: c.workspaceId,
          ...values,
          commitment_id: null,
          call_id: null,
          external_ref: r.externalRef,
          created_at: c.now,
        };
        await db.insertInto('touches').values(row).execute();
        await added(db, c, 'touches', 1);
        touches.set(r.externalRef, row as never);
        results.push(promise || step ? 'updated' : 'created');
      }
      const latest = latestTouch.get(dealId);
      if (!latest || latest < at) latestTouch.set(dealId, at);
      continue;
    }
    if (r.as === 'next-step') {
      const current = steps.get(r.externalRef);
      if (current) {
        if (current.text === r.text && current.due_date === r.due && current.deal_id === dealId) {
          results.push('unchanged');
          continue;
        }
        await db
          .updateTable('next_steps')
          .set({ text: r.text, due_date: r.due!, deal_id: dealId, version: sql`version + 1` })
          .where('id', '=', current.id)
          .execute();
        results.push('updated');
        continue;
      }
      // A deal has one open next step: the imported one takes the place of the one before.
      await db
        .updateTable('next_steps')
        .set({ state: 'replaced', version: sql`version + 1` })
        .where('deal_id', '=', dealId)
        .where('state', '=', 'open')
        .execute();
      const row = {
        id: c.ids('nextStep'),
        workspace_id: c.workspaceId,
        deal_id: dealId,
        text: r.text,
        due_date: r.due!,
        due_time: null,
        state: 'open',
        call_id: null,
        created_by: r.memberId,
        created_at: c.now,
        external_ref: r.externalRef,
        version: 1,
      };
      await db.insertInto('next_steps').values(row).execute();
      await added(db, c, 'next_steps', 1);
      steps.set(r.externalRef, { ...row, version: 1 } as never);
      results.push('created');
      continue;
    }
    const current = promises.get(r.externalRef);
    if (current) {
      if (
        current.text === r.text &&
        current.due_date === r.due &&
        current.owner_id === r.memberId
      ) {
        results.push('unchanged');
        continue;
      }
      await db
        .updateTable('commitments')
        .set({
          text: r.text,
          due_date: r.due,
          target_date: r.due,
          owner_id: r.memberId,
          updated_at: c.now,
          version: sql`version + 1`,
        })
        .where('id', '=', current.id)
        .execute();
      results.push('updated');
      continue;
    }
    const row = {
      id: c.ids('commitment'),
      workspace_id: c.workspaceId,
      deal_id: dealId,
      owner_id: r.memberId,
      side: 'ours',
      text: r.text,
      due_date: r.due,
      due_time: null,
      made_on: c.today,
      // Made elsewhere, so no early lead: the target is the promised day itself.
      lead_days: 0,
      target_date: r.due,
      state: 'open',
      done_at: null,
      classification: null,
      dropped_reason: null,
      snoozed_until: null,
      snooze_reason: null,
      last_chased_at: null,
      source_sentence: null,
      call_id: null,
      created_at: c.now,
      updated_at: c.now,
      external_ref: r.externalRef,
      version: 1,
    };
    await db.insertInto('commitments').values(row).execute();
    await added(db, c, 'commitments', 1);
    promises.set(r.externalRef, row as never);
    results.push('created');
  }
  for (const [dealId, at] of latestTouch) {
    await db
      .updateTable('deals')
      .set({ last_touch_at: at })
      .where('id', '=', dealId)
      .where((eb) => eb.or([eb('last_touch_at', 'is', null), eb('last_touch_at', '<', at)]))
      .execute();
  }
  return results;
}

let savepoints = 0;

export const importWriter: ImportWriter = {
  async write(ex, context, rows: readonly RowWrite[]) {
    if (rows.length === 0) return [];
    const db = kyselyOf(ex);
    const kind = rows[0]!.kind;
    if (rows.some((r) => r.kind !== kind)) throw new Error('One batch holds one kind of record.');
    switch (kind) {
      case 'account':
        return writeAccounts(db, context, rows as AccountWrite[]);
      case 'contact':
        return writeContacts(db, context, rows as ContactWrite[]);
      case 'deal':
      case 'activity': {
        // The deals whose momentum inputs the batch wrote, recorded before the import commits
        // like every repository write (storage/momentum/momentum-inputs.ts).
        const changed: string[] = [];
        const results =
          kind === 'deal'
            ? await writeDeals(db, context, rows as DealWrite[], changed)
            : await writeActivities(db, context, rows as ActivityWrite[], changed);
        momentumInputsChanged(ex, changed);
        return results;
      }
    }
  },
  async savepoint(ex, fn) {
    const db = kyselyOf(ex);
    const name = `import_${++savepoints}`;
    await sql.raw(`savepoint ${name}`).execute(db);
    try {
      const result = await fn();
      await sql.raw(`release savepoint ${name}`).execute(db);
      return result;
    } catch (error) {
      await sql.raw(`rollback to savepoint ${name}`).execute(db);
      await sql.raw(`release savepoint ${name}`).execute(db);
      throw error;
    }
  },
  async currencies(ex, workspaceId) {
    const rows = await kyselyOf(ex)
      .selectFrom('deals')
      .select('currency')
      .distinct()
      .where('workspace_id', '=', workspaceId)
      .execute();
    return rows.map((r) => r.currency);
  },
};
