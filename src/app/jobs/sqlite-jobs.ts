import { randomBytes } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import {
  backoffMs,
  type EnqueueOptions,
  type JobDefinitions,
  type JobQueue,
  type JobRunner,
} from '../../core/jobs/ports.ts';
import type { Executor } from '../../core/kernel/transactions.ts';
import type { Store } from '../../storage/connection/open.ts';
import { kyselyOf } from '../../storage/executor.ts';
import { cronMatches, parseCronEntries } from './cron.ts';

/*
 * The queue on SQLite (decision 017): rows in our own `jobs` table, run by a poller inside the
 * one process that owns the database file. A job is claimed by an UPDATE inside an IMMEDIATE
 * transaction (SQLite's single writer makes the claim exclusive); a claim older than
 * LOCK_EXPIRY_MS (its process died) is taken over. Job times are the real clock: they are the
 * machinery's, not the domain's.
 */

export const DEFAULT_MAX_ATTEMPTS = 5;
const LOCK_EXPIRY_MS = 5 * 60_000;

const iso = (ms: number) => new Date(ms).toISOString();
const newJobId = () => `jb_${randomBytes(9).toString('base64url')}`;

export function sqliteJobQueue(store: Store): JobQueue {
  const enqueueIn = async (
    tx: Executor,
    type: string,
    payload: unknown,
    options: EnqueueOptions = {},
  ) => {
    const db = kyselyOf(tx);
    const runAt = iso(options.runAt ? options.runAt.epochMilliseconds : Date.now());
    const row = {
      type,
      payload: JSON.stringify(payload ?? {}),
      run_at: runAt,
      max_attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    };
    if (options.jobKey) {
      // As graphile-worker does: a running job with this key gives the key up (it finishes as
      // it is) and a new job takes it; a pending one is replaced.
      await db
        .updateTable('jobs')
        .set({ job_key: null })
        .where('job_key', '=', options.jobKey)
        .where((eb) => eb.or([eb('locked_at', 'is not', null), eb('failed_at', 'is not', null)]))
        .execute();
      await db
        .insertInto('jobs')
        .values({ id: newJobId(), job_key: options.jobKey, created_at: iso(Date.now()), ...row })
        .onConflict((oc) =>
          oc.column('job_key').doUpdateSet({ ...row, attempts: 0, last_error: null }),
        )
        .execute();
    } else {
      await db
        .insertInto('jobs')
        .values({ id: newJobId(), job_key: null, created_at: iso(Date.now()), ...row })
        .execute();
    }
  };
  return {
    enqueueIn,
    enqueue: (type, payload, options) =>
      store.transaction((tx) => enqueueIn(tx, type, payload, options)),
  };
}

export interface SqliteRunnerOptions {
  /** How often an idle runner looks for due jobs (ms). */
  pollMs?: number;
  concurrency?: number;
  log?: (message: string, error?: unknown) => void;
}

export function sqliteJobRunner(
  store: Store,
  definitions: JobDefinitions,
  options: SqliteRunnerOptions = {},
): JobRunner {
  const pollMs = options.pollMs ?? 500;
  const concurrency = options.concurrency ?? 2;
  const workerId = `worker_${randomBytes(6).toString('hex')}`;
  const queue = sqliteJobQueue(store);
  let cron: Awaited<ReturnType<typeof parseCronEntries>> = [];
  const types = Object.keys(definitions.handlers);
  let stopping = false;
  let loops: Promise<void>[] = [];
  let wake: (() => void) | null = null;
  let cronTimer: NodeJS.Timeout | null = null;
  let lastCronMinute = Math.floor(Date.now() / 60_000);

  async function claim() {
    return store.transaction(async (tx) => {
      const db = kyselyOf(tx);
      const now = Date.now();
      const job = await db
        .selectFrom('jobs')
        .selectAll()
        .where('run_at', '<=', iso(now))
        .where('failed_at', 'is', null)
        .where('type', 'in', types)
        .where((eb) =>
          eb.or([eb('locked_at', 'is', null), eb('locked_at', '<', iso(now - LOCK_EXPIRY_MS))]),
        )
        .orderBy('run_at')
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst();
      if (!job) return null;
      await db
        .updateTable('jobs')
        .set({ locked_at: iso(now), locked_by: workerId, attempts: job.attempts + 1 })
        .where('id', '=', job.id)
        .execute();
      return { ...job, attempts: job.attempts + 1 };
    });
  }

  async function runOne(): Promise<boolean> {
    const job = await claim();
    if (!job) return false;
    const handler = definitions.handlers[job.type]!;
    try {
      await handler(JSON.parse(job.payload), {
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
      });
      await store.db.deleteFrom('jobs').where('id', '=', job.id).execute();
    } catch (error) {
      options.log?.(`job ${job.type} ${job.id} failed (attempt ${job.attempts})`, error);
      const message = error instanceof Error ? error.message : String(error);
      const last = job.attempts >= job.max_attempts;
      await store.db
        .updateTable('jobs')
        .set({
          locked_at: null,
          locked_by: null,
          last_error: message.slice(0, 2_000),
          run_at: iso(Date.now() + backoffMs(job.attempts, Math.random())),
          failed_at: last ? iso(Date.now()) : null,
        })
        .where('id', '=', job.id)
        .execute();
    }
    return true;
  }

  async function loop() {
    while (!stopping) {
      let worked = false;
      try {
        worked = await runOne();
      } catch (error) {
        options.log?.('the job runner could not reach the database', error);
      }
      if (!worked && !stopping)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  async function fireCron() {
    const minute = Math.floor(Date.now() / 60_000);
    for (let m = lastCronMinute + 1; m <= minute; m++) {
      const at = new Date(m * 60_000);
      for (const item of cron) {
        if (!cronMatches(item, at)) continue;
        await queue.enqueue(
          item.task,
          { _cron: { ts: at.toISOString() } },
          {
            jobKey: `cron:${item.identifier}:${at.toISOString()}`,
            runAt: Temporal.Instant.fromEpochMilliseconds(m * 60_000),
            maxAttempts: 3,
          },
        );
      }
    }
    lastCronMinute = minute;
  }

  return {
    async start() {
      stopping = false;
      cron = await parseCronEntries(definitions.cron);
      loops = Array.from({ length: concurrency }, () => loop());
      if (cron.length)
        cronTimer = setInterval(() => {
          fireCron().catch((error) => options.log?.('scheduling cron jobs failed', error));
        }, 1_000);
    },
    async runOnce() {
      while (await runOne());
    },
    async stop() {
      stopping = true;
      if (cronTimer) clearInterval(cronTimer);
      (wake as (() => void) | null)?.();
      await Promise.all(loops);
    },
  };
}
