/*
 * One measurement, in a process of its own so that its peak memory (the OS's max RSS) is the
 * measurement's alone: `baseline` inserts the generated rows with bare batched INSERTs; `import`
 * runs the real import on the generated files. Prints one JSON line on stdout.
 */
import { Temporal } from 'temporal-polyfill';
import type { Insertable } from 'kysely';
import { contextFor } from '../../src/app/context.ts';
import { csvFile } from '../../src/app/import-export/csv-file.ts';
import { progressBar } from '../../src/cli/commands/import.ts';
import { emptyMapping } from '../../src/core/import-export/mapping.ts';
import { runImport } from '../../src/core/import-export/flows/run-import.ts';
import { initWorkspace } from '../../src/core/workspaces/flows/init-workspace.ts';
import type { DatabaseConfig } from '../../src/storage/connection/config.ts';
import { openStore } from '../../src/storage/connection/open.ts';
import type { Database } from '../../src/storage/schema.ts';
import { kyselyOf } from '../../src/storage/executor.ts';
import { company, deal, isoDay, shape, SOURCES, type BenchSource } from './generate.ts';

const [mode, configJson, rowsArg, filesJson] = process.argv.slice(2);
const config = JSON.parse(configJson!) as DatabaseConfig;
const totalRows = Number(rowsArg);
const BATCH = 1_000;

const store = await openStore(config);
await store.migrateToLatest();
const ctx = contextFor(store);
const { owner } = await initWorkspace(ctx, {
  workspace: 'Bench',
  name: 'Olivia Owner',
  email: 'owner@example.com',
  timeZone: 'UTC',
  region: 'US',
});
const actor = { memberId: owner.id, workspaceId: owner.workspaceId, role: owner.role };

async function baseline(): Promise<number> {
  const stages = await ctx.stages.listByWorkspace(store.executor, owner.workspaceId);
  const stageId = new Map(stages.map((s) => [s.name, s.id]));
  const { companies, deals } = shape(totalRows);
  const now = Temporal.Now.instant().toString();
  let rows = 0;
  const flush = async <T extends 'accounts' | 'deals'>(
    table: T,
    batch: Insertable<Database[T]>[],
  ) => {
    await store.transaction(async (tx) => {
      await kyselyOf(tx)
        .insertInto(table)
        .values(batch as never)
        .execute();
    });
    rows += batch.length;
  };
  for (const source of SOURCES as readonly BenchSource[]) {
    let accounts: Insertable<Database['accounts']>[] = [];
    for (let i = 0; i < companies; i++) {
      const c = company(source, i);
      accounts.push({
        id: `ac_${c.ref}`,
        workspace_id: owner.workspaceId,
        name: c.name,
        name_key: c.name.toLowerCase(),
        domain: c.domain,
        external_ref: `${source}:${c.ref}`,
        created_at: now,
        version: 1,
      });
      if (accounts.length === BATCH) {
        await flush('accounts', accounts);
        accounts = [];
      }
    }
    if (accounts.length) await flush('accounts', accounts);
    let batch: Insertable<Database['deals']>[] = [];
    for (let i = 0; i < deals; i++) {
      const d = deal(source, i, companies);
      const created = `${isoDay(d.createdDay)}T00:00:00.000Z`;
      batch.push({
        id: `dl_${d.ref}`,
        workspace_id: owner.workspaceId,
        account_id: `ac_${d.companyRef}`,
        owner_id: owner.id,
        title: d.title,
        stage_id: stageId.get(d.stage)!,
        amount_minor: d.amount * 100,
        currency: d.currency,
        expected_close: isoDay(d.closeDay),
        status: 'open',
        re_engage_on: null,
        close_reason: null,
        closed_at: null,
        stage_changed_at: created,
        last_touch_at: null,
        external_ref: `${source}:${d.ref}`,
        created_at: created,
        updated_at: now,
        version: 1,
      });
      if (batch.length === BATCH) {
        await flush('deals', batch);
        batch = [];
      }
    }
    if (batch.length) await flush('deals', batch);
  }
  return rows;
}

async function importAll(): Promise<number> {
  const files = JSON.parse(filesJson!) as Record<BenchSource, string[]>;
  let rows = 0;
  for (const source of SOURCES) {
    const bar = progressBar();
    try {
      const { report } = await runImport(
        ctx,
        actor,
        files[source]!.map((f) => csvFile(f)),
        {
          from: source,
          dryRun: false,
          mapping: emptyMapping(),
          batchSize: BATCH,
          onProgress: (p) => bar.update(p),
        },
      );
      for (const c of Object.values(report.counts)) rows += c.created;
      if (report.issueCount)
        throw new Error(`${report.issueCount} rows failed: ${JSON.stringify(report.issues[0])}`);
    } finally {
      bar.stop();
    }
  }
  return rows;
}

const started = process.hrtime.bigint();
const rows = mode === 'baseline' ? await baseline() : await importAll();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await store.close();
const usage = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({
    mode,
    rows,
    seconds,
    // This process's own CPU time (the database server's, on PostgreSQL, is not in it).
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    maxRssMiB: usage.maxRSS / 1024,
  })}\n`,
);
