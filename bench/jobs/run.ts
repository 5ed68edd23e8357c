/*
 * Jobs per second of our runner with a no-op job, against the queue's own bare baseline,
 * measured in the same run (decision 017):
 *
 *   SQLite      our `jobs` table: enqueue N (one transaction each, as a use case does) and run
 *               them with the in-process runner, vs a bare better-sqlite3 loop that inserts N
 *               rows and then selects and deletes them one by one, each in its own transaction.
 *   PostgreSQL  (when DATABASE_URL or TEST_DATABASE_URL is set) our port: enqueue through
 *               add_job in our transaction and run through our graphile-worker runner, vs
 *               graphile-worker's bare quickAddJob + run with a no-op task.
 *
 * Run: npm run bench:jobs [-- --quick]
 */
import { randomBytes } from 'node:crypto';
import { graphileJobQueue, graphileJobRunner } from '../../src/app/jobs/graphile-jobs.ts';
import { sqliteJobQueue, sqliteJobRunner } from '../../src/app/jobs/sqlite-jobs.ts';
import type { JobDefinitions } from '../../src/core/jobs/ports.ts';
import { openStore } from '../../src/storage/connection/open.ts';
import { createTestDatabase } from '../../test/support/dialects.ts';
import pg from 'pg';

const N = process.argv.includes('--quick') ? 300 : 2_000;

const rate = (n: number, ms: number) => (n / ms) * 1000;
const fmt = (x: number) => x.toFixed(0).padStart(7);

async function waitFor(done: () => boolean) {
  while (!done()) await new Promise((r) => setTimeout(r, 2));
}

function report(label: string, ours: number, bare: number) {
  process.stdout.write(
    `${label.padEnd(34)} ours ${fmt(ours)} jobs/s   bare ${fmt(bare)} jobs/s   ratio ${(ours / bare).toFixed(2)}×\n`,
  );
}

async function sqlite() {
  const database = await createTestDatabase('sqlite');
  const store = await openStore(database.config);
  await store.migrateToLatest();
  try {
    let count = 0;
    const defs: JobDefinitions = { handlers: { noop: async () => void count++ }, cron: [] };
    const queue = sqliteJobQueue(store);
    let t0 = performance.now();
    for (let i = 0; i < N; i++) await queue.enqueue('noop', { i });
    const enqueueMs = performance.now() - t0;
    const runner = sqliteJobRunner(store, defs, { pollMs: 1, concurrency: 1 });
    t0 = performance.now();
    await runner.start();
    await waitFor(() => count >= N);
    const runMs = performance.now() - t0;
    await runner.stop();

    // The bare baseline on the same file, through the raw driver.
    const raw = store.sqlite!;
    const insert = raw.prepare(
      `insert into jobs (id, type, payload, run_at, max_attempts, created_at) values (?, 'bare', '{}', ?, 5, ?)`,
    );
    const next = raw.prepare(
      `select id from jobs where type = 'bare' and run_at <= ? order by run_at limit 1`,
    );
    const del = raw.prepare('delete from jobs where id = ?');
    t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const now = new Date().toISOString();
      raw.transaction(() => insert.run(`b${i}`, now, now)).immediate();
    }
    const bareEnqueueMs = performance.now() - t0;
    t0 = performance.now();
    for (;;) {
      const row = raw
        .transaction(() => {
          const r = next.get(new Date().toISOString()) as { id: string } | undefined;
          if (r) del.run(r.id);
          return r;
        })
        .immediate();
      if (!row) break;
    }
    const bareRunMs = performance.now() - t0;
    process.stdout.write(`SQLite, ${N} no-op jobs\n`);
    report('  enqueue', rate(N, enqueueMs), rate(N, bareEnqueueMs));
    report('  run (claim, run, delete)', rate(N, runMs), rate(N, bareRunMs));
  } finally {
    await store.close();
    await database.dispose();
  }
}

async function postgres(url: string) {
  const schema = `bench_jobs_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const store = await openStore({ dialect: 'postgres', url, schema });
  await store.migrateToLatest();
  const ours = { connectionString: url, schema: `${schema}_jobs` };
  const bare = { connectionString: url, schema: `${schema}_bare` };
  try {
    let count = 0;
    const defs: JobDefinitions = { handlers: { noop: async () => void count++ }, cron: [] };
    const queue = graphileJobQueue(store, ours);
    await queue.enqueue('noop', { warm: true });
    count = 0;
    let t0 = performance.now();
    for (let i = 0; i < N; i++) await queue.enqueue('noop', { i });
    const enqueueMs = performance.now() - t0;
    const runner = graphileJobRunner(ours, defs, { concurrency: 4, pollMs: 100 });
    t0 = performance.now();
    await runner.start();
    await waitFor(() => count >= N + 1);
    const runMs = performance.now() - t0;
    await runner.stop();

    const { quickAddJob, run, runMigrations, Logger } = await import('graphile-worker');
    const logger = new Logger(() => () => {});
    await runMigrations({ ...bare, logger });
    let bareCount = 0;
    await quickAddJob({ ...bare, logger }, 'noop', { warm: true });
    t0 = performance.now();
    for (let i = 0; i < N; i++) await quickAddJob({ ...bare, logger }, 'noop', { i });
    const bareEnqueueMs = performance.now() - t0;
    t0 = performance.now();
    const bareRunner = await run({
      ...bare,
      logger,
      concurrency: 4,
      pollInterval: 100,
      noHandleSignals: true,
      taskList: { noop: async () => void bareCount++ },
    });
    await waitFor(() => bareCount >= N + 1);
    const bareRunMs = performance.now() - t0;
    await bareRunner.stop();
    process.stdout.write(`PostgreSQL (graphile-worker), ${N} no-op jobs\n`);
    report('  enqueue', rate(N, enqueueMs), rate(N, bareEnqueueMs));
    report('  run', rate(N, runMs), rate(N, bareRunMs));
  } finally {
    await store.close();
    for (const s of [schema, ours.schema, bare.schema])
      await admin.query(`drop schema if exists ${s} cascade`);
    await admin.end();
  }
}

await sqlite();
const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (url) await postgres(url);
else process.stdout.write('PostgreSQL: skipped (set DATABASE_URL or TEST_DATABASE_URL)\n');
