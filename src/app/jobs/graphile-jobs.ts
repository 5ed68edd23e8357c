import { sql } from 'kysely';
import type { Runner, RunnerOptions, Task } from 'graphile-worker';
import type { EnqueueOptions, JobDefinitions, JobQueue, JobRunner } from '../../core/jobs/ports.ts';
import type { Executor } from '../../core/kernel/transactions.ts';
import type { Store } from '../../storage/connection/open.ts';
import { kyselyOf } from '../../storage/executor.ts';
import { parseCronEntries } from './cron.ts';
import { workerLiveness, type LivenessOptions, type WorkerLiveness } from './graphile-liveness.ts';
import { DEFAULT_MAX_ATTEMPTS } from './sqlite-jobs.ts';

/*
 * The queue on PostgreSQL: graphile-worker 0.17 in its own schema (decision 017). Jobs are
 * added with its SQL function `add_job` inside our own transactions (a job exists only if the
 * change that made it commits), and run by its workers in any number of processes; its cron
 * schedules the recurring jobs once per minute across all of them.
 */

export interface GraphileSettings {
  connectionString: string;
  /** The schema graphile-worker keeps its tables in. */
  schema: string;
}

/** graphile-worker's schema for a database whose tables live in `schema` (tests give each suite
 * a schema; production uses graphile-worker's default). */
export function graphileSchemaFor(schema: string | undefined): string {
  return schema ? `${schema}_jobs` : 'graphile_worker';
}

let installed = new Map<string, Promise<void>>();

/** Creates (or upgrades) graphile-worker's schema, once per process and schema. */
export function installGraphile(settings: GraphileSettings): Promise<void> {
  const key = `${settings.connectionString}#${settings.schema}`;
  let done = installed.get(key);
  if (!done) {
    done = import('graphile-worker').then(({ runMigrations, Logger }) =>
      runMigrations({
        connectionString: settings.connectionString,
        schema: settings.schema,
        logger: new Logger(() => () => {}),
      }),
    );
    done.catch(() => installed.delete(key));
    installed.set(key, done);
  }
  return done;
}

/** For tests that drop schemas between suites. */
export function forgetGraphileInstalls(): void {
  installed = new Map();
}

export function graphileJobQueue(store: Store, settings: GraphileSettings): JobQueue {
  const enqueueIn = async (
    tx: Executor,
    type: string,
    payload: unknown,
    options: EnqueueOptions = {},
  ) => {
    await installGraphile(settings);
    const runAt = options.runAt ? new Date(options.runAt.epochMilliseconds).toISOString() : null;
    await sql`select ${sql.id(settings.schema)}.add_job(
        ${type},
        ${JSON.stringify(payload ?? {})}::json,
        run_at => ${runAt}::timestamptz,
        max_attempts => ${options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}::int,
        job_key => ${options.jobKey ?? null}::text
      )`.execute(kyselyOf(tx));
  };
  return {
    enqueueIn,
    enqueue: (type, payload, options) =>
      store.transaction((tx) => enqueueIn(tx, type, payload, options)),
  };
}

export interface GraphileRunnerOptions {
  concurrency?: number;
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Freeing the jobs of workers that died (src/app/jobs/graphile-liveness.ts). */
  recovery?: Omit<LivenessOptions, 'log'>;
}

export function graphileJobRunner(
  settings: GraphileSettings,
  definitions: JobDefinitions,
  options: GraphileRunnerOptions = {},
): JobRunner & { workerIds(): string[] } {
  let runner: Runner | null = null;
  let liveness: WorkerLiveness | null = null;
  const ids = new Set<string>();
  const startLiveness = async () => {
    liveness = workerLiveness(settings, {
      ...options.recovery,
      ...(options.log && { log: options.log }),
    });
    await liveness.start();
    return liveness;
  };
  /** graphile-worker's events, naming this process's workers (jobs are locked by the pool's id
   * or a worker's) and holding their liveness locks. */
  const workerEvents = async (alive: WorkerLiveness) => {
    const { EventEmitter } = await import('node:events');
    const events = new EventEmitter() as NonNullable<RunnerOptions['events']>;
    const seen = (id: string) => {
      ids.add(id);
      alive.add(id);
    };
    events.on('pool:create', ({ workerPool }) => seen(workerPool.id));
    events.on('worker:create', ({ worker }) => seen(worker.workerId));
    return events;
  };
  const tasks = () => {
    const taskList: Record<string, Task> = {};
    for (const [type, handler] of Object.entries(definitions.handlers)) {
      taskList[type] = async (payload, helpers) => {
        await handler(payload, {
          attempt: helpers.job.attempts,
          maxAttempts: helpers.job.max_attempts,
        });
      };
    }
    return taskList;
  };
  return {
    workerIds: () => [...ids],
    async runOnce() {
      const { runOnce, Logger } = await import('graphile-worker');
      await installGraphile(settings);
      const alive = await startLiveness();
      try {
        await alive.recover();
        await runOnce({
          events: await workerEvents(alive),
          connectionString: settings.connectionString,
          schema: settings.schema,
          taskList: tasks(),
          logger: new Logger(() => () => {}),
        });
      } finally {
        await alive.stop();
        liveness = null;
      }
    },
    async start() {
      const { run, Logger } = await import('graphile-worker');
      await installGraphile(settings);
      const taskList = tasks();
      const log = options.log;
      const alive = await startLiveness();
      runner = await run({
        events: await workerEvents(alive),
        connectionString: settings.connectionString,
        schema: settings.schema,
        concurrency: options.concurrency ?? 4,
        pollInterval: options.pollMs ?? 2_000,
        noHandleSignals: true,
        taskList,
        parsedCronItems: await parseCronEntries(definitions.cron),
        logger: new Logger((scope) => (level, message, meta) => {
          if (level === 'error' || level === 'warning')
            log?.(`${message}${scope.workerId ? ` (${scope.workerId})` : ''}`, meta?.error);
        }),
      });
    },
    async stop() {
      await runner?.stop();
      runner = null;
      await liveness?.stop();
      liveness = null;
    },
  };
}
