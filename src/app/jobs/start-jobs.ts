import type { JobRunner } from '../../core/jobs/ports.ts';
import type { AppContext } from '../context.ts';
import { jobDefinitions, type JobDeps } from './definitions.ts';
import {
  graphileJobRunner,
  graphileSchemaFor,
  type GraphileRunnerOptions,
} from './graphile-jobs.ts';
import { sqliteJobRunner } from './sqlite-jobs.ts';

export interface StartJobsOptions {
  /** The daily digest's ports (src/app/digest); without them no digest job is scheduled. */
  digest?: JobDeps['digest'];
  concurrency?: number;
  pollMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** PostgreSQL: how soon the jobs of a worker that died are freed (tests shorten it). */
  recovery?: GraphileRunnerOptions['recovery'];
  /** Overrides for tests (retry schedule, randomness, the HTTP sender). */
  overrides?: Partial<Pick<JobDeps, 'retryDelaysMs' | 'random' | 'send'>>;
}

/** Starts running jobs in this process, on the queue of the context's dialect. */
export async function startJobs(
  ctx: AppContext,
  options: StartJobsOptions = {},
): Promise<JobRunner> {
  const runner = jobRunnerFor(ctx, options);
  await runner.start();
  return runner;
}

/** The runner for the context's dialect, not started. */
export function jobRunnerFor(ctx: AppContext, options: StartJobsOptions = {}): JobRunner {
  const definitions = jobDefinitions({
    ...ctx,
    digest: options.digest ?? null,
    ...(options.log && { log: options.log }),
    ...options.overrides,
  });
  const config = ctx.store.config;
  const runnerOptions = {
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    ...(options.pollMs !== undefined && { pollMs: options.pollMs }),
    ...(options.log && { log: options.log }),
    ...(options.recovery && { recovery: options.recovery }),
  };
  const runner =
    config.dialect === 'postgres'
      ? graphileJobRunner(
          { connectionString: config.url, schema: graphileSchemaFor(config.schema) },
          definitions,
          runnerOptions,
        )
      : sqliteJobRunner(ctx.store, definitions, runnerOptions);
  return runner;
}
