import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../kernel/transactions.ts';

/*
 * The job port (decision 017): work that runs later, outside a request, on whichever process
 * runs jobs. PostgreSQL: graphile-worker, shared by any number of processes. SQLite: our own
 * `jobs` table, polled by the one process that owns the file. Use cases and handlers see only
 * this.
 */

export interface EnqueueOptions {
  /** At most one pending job per key: enqueueing again replaces the pending one's payload and
   * time (a job already running keeps going and a new one is queued). */
  jobKey?: string;
  /** Not before this instant (default: now). */
  runAt?: Temporal.Instant;
  /** How many times the queue runs a job whose handler throws (default 5). */
  maxAttempts?: number;
}

export interface JobQueue {
  /** Queues a job in its own transaction. */
  enqueue(type: string, payload: unknown, options?: EnqueueOptions): Promise<void>;
  /** Queues a job inside the caller's transaction: it exists only if that transaction commits. */
  enqueueIn(tx: Executor, type: string, payload: unknown, options?: EnqueueOptions): Promise<void>;
}

export interface JobInfo {
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

/** Runs one job; throwing makes the queue retry it later (up to its attempts). */
export type JobHandler = (payload: unknown, job: JobInfo) => Promise<void>;

/** A recurring job: a five-field cron schedule in UTC (e.g. "* * * * *" every minute). */
export interface CronEntry {
  /** Unique name; a schedule fires once per matching minute across all processes. */
  identifier: string;
  schedule: string;
  type: string;
}

export interface JobDefinitions {
  handlers: Readonly<Record<string, JobHandler>>;
  cron: readonly CronEntry[];
}

/** What `momentum serve` and `momentum worker` start and stop. */
export interface JobRunner {
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  /** Runs every job due now, one after another, until none is left (no cron). */
  runOnce(): Promise<void>;
}

/** Retries of a failing job: exponential, capped, with jitter from `random` (0..1). */
export function backoffMs(attempt: number, random: number, baseMs = 1_000, capMs = 3_600_000) {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.8 + 0.4 * random));
}
