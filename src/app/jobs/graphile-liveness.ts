import type pg from 'pg';

/*
 * Freeing the jobs of a worker process that died (kill -9, a lost machine) on PostgreSQL.
 * graphile-worker keeps a job locked by its worker until four hours have passed; a digest due
 * at 08:00 would then leave at noon. Each process proves it is alive by holding a session-level
 * advisory lock per worker id (`hashtext(id)` under LIVENESS_CLASS) on a connection of its own;
 * PostgreSQL drops those locks the moment the process's session ends. Every process then looks,
 * now and then, for jobs locked for a while by a worker whose liveness lock it can take: that
 * worker is gone, and graphile-worker's own `force_unlock_workers` makes its jobs available
 * again. Nothing else of the queue is ours (decision 017); the effects stay exactly-once through
 * their send keys, so even a wrongly freed job sends nothing twice.
 */

/** The advisory-lock class of "a Momentum job worker with this id is alive". */
export const LIVENESS_CLASS = 0x4d6a62; // "Mjb"

export interface LivenessOptions {
  /** How often to look for dead workers' jobs (ms). */
  everyMs?: number;
  /** Only jobs locked at least this long are looked at (ms): a worker takes its liveness lock
   * within moments of starting, so a younger lock is never mistaken for a dead one. */
  lockedForMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export const DEFAULT_LIVENESS: Required<Omit<LivenessOptions, 'log'>> = {
  everyMs: 30_000,
  lockedForMs: 60_000,
};

export interface WorkerLiveness {
  start(): Promise<void>;
  /** Holds the liveness lock of a worker id of this process from now on. */
  add(workerId: string): void;
  /** Frees the jobs of dead workers now; returns their ids. */
  recover(): Promise<string[]>;
  stop(): Promise<void>;
}

export function workerLiveness(
  settings: { connectionString: string; schema: string },
  options: LivenessOptions = {},
): WorkerLiveness {
  const everyMs = options.everyMs ?? DEFAULT_LIVENESS.everyMs;
  const lockedForMs = options.lockedForMs ?? DEFAULT_LIVENESS.lockedForMs;
  const log = options.log ?? (() => {});
  const wanted = new Set<string>();
  let holder: pg.Client | null = null;
  let reaper: pg.Pool | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;
  // Lock requests run one after another on the one connection.
  let chain: Promise<unknown> = Promise.resolve();

  const lock = async (client: pg.Client, id: string) => {
    const { rows } = await client.query<{ ok: boolean }>(
      'select pg_try_advisory_lock($1::int, hashtext($2)) as ok',
      [LIVENESS_CLASS, id],
    );
    // False only when another live process's id hashes alike: its lock keeps this id safe too.
    if (!rows[0]?.ok) log(`liveness lock of ${id} is held by another process (hash collision)`);
  };

  const connect = async (): Promise<void> => {
    const { default: pgModule } = await import('pg');
    const client = new pgModule.Client({
      connectionString: settings.connectionString,
      application_name: 'momentum-jobs-liveness',
    });
    client.on('error', (error) => {
      if (holder !== client) return;
      holder = null;
      log('the job liveness connection failed; reconnecting', error);
      void client.end().catch(() => {});
      if (!stopped) scheduleReconnect();
    });
    await client.connect();
    for (const id of wanted) await lock(client, id);
    holder = client;
  };

  const scheduleReconnect = () => {
    setTimeout(() => {
      if (stopped || holder) return;
      chain = chain.then(connect).catch((error: unknown) => {
        log('could not reconnect the job liveness connection', error);
        scheduleReconnect();
      });
    }, 1_000).unref();
  };

  const recover = async (): Promise<string[]> => {
    if (!reaper) return [];
    const schema = `"${settings.schema.replaceAll('"', '""')}"`;
    const client = await reaper.connect();
    try {
      await client.query('begin');
      // A transaction-level try-lock succeeds only where no live session holds the worker's
      // liveness lock; it is released at commit.
      const { rows } = await client.query<{ id: string }>(
        `select id from (
           select locked_by as id from ${schema}._private_jobs
            where locked_by is not null and locked_at < now() - make_interval(secs => $2::double precision / 1000)
           union
           select locked_by from ${schema}._private_job_queues
            where locked_by is not null and locked_at < now() - make_interval(secs => $2::double precision / 1000)
         ) locked
         where pg_try_advisory_xact_lock($1::int, hashtext(id))`,
        [LIVENESS_CLASS, lockedForMs],
      );
      const dead = rows.map((r) => r.id).filter((id) => !wanted.has(id));
      if (dead.length > 0)
        await client.query(`select ${schema}.force_unlock_workers($1::text[])`, [dead]);
      await client.query('commit');
      if (dead.length > 0) log(`freed the jobs of stopped workers ${dead.join(', ')}`);
      return dead;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    async start() {
      const { default: pgModule } = await import('pg');
      reaper = new pgModule.Pool({
        connectionString: settings.connectionString,
        max: 1,
        application_name: 'momentum-jobs-recovery',
      });
      reaper.on('error', (error) => log('the job recovery connection failed', error));
      chain = chain.then(connect);
      await chain;
      timer = setInterval(() => {
        recover().catch((error: unknown) => log('could not look for stopped workers', error));
      }, everyMs);
      timer.unref();
    },
    add(id) {
      if (wanted.has(id)) return;
      wanted.add(id);
      chain = chain
        .then(() => (holder ? lock(holder, id) : undefined))
        .catch((error: unknown) => log(`could not take the liveness lock of ${id}`, error));
    },
    recover,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await chain.catch(() => {});
      const client = holder;
      holder = null;
      await client?.end().catch(() => {});
      await reaper?.end().catch(() => {});
      reaper = null;
    },
  };
}
