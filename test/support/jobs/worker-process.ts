// A `momentum worker` for the multi-process suite (test/webhooks/multi-worker.test.ts): the
// real job runner on PostgreSQL, in its own process, on a frozen clock (FROZEN_NOW), with fast
// retries and a fake digest that records its send key in the database (as the e-mail side's
// sendDailyDigest does) and reports each send to the receiver.
import { sql } from 'kysely';
import { contextFor } from '../../../src/app/context.ts';
import { startJobs } from '../../../src/app/jobs/start-jobs.ts';
import { fixedClock } from '../clock.ts';
import { openStore } from '../../../src/storage/connection/open.ts';

const env = process.env;
const store = await openStore({
  dialect: 'postgres',
  url: env.WORKER_DB_URL!,
  schema: env.WORKER_DB_SCHEMA!,
});
const clock = fixedClock(env.FROZEN_NOW!);
const ctx = contextFor(store, clock, undefined, { MOMENTUM_WEBHOOKS_ALLOW_PRIVATE: '1' });
const runner = await startJobs(ctx, {
  concurrency: 2,
  pollMs: 50,
  // Look for dead workers' jobs every 500 ms, once a job has been locked for 2 s.
  recovery: { everyMs: 500, lockedForMs: 2_000 },
  overrides: { retryDelaysMs: [50, 50, 50, 50, 50] },
  digest: {
    scheduler: {
      membersDueForDigest: async () => JSON.parse(env.DIGEST_TARGETS ?? '[]'),
    },
    sender: {
      async sendDailyDigest(target) {
        const claimed = await store.transaction(async (tx) => {
          const r = await sql`insert into fake_digest_sends (member_id, local_date, pid)
            values (${target.memberId}, ${target.localDate}, ${process.pid})
            on conflict do nothing`.execute(tx as never);
          return Number(r.numAffectedRows ?? 0) > 0;
        });
        if (!claimed) return 'already-sent';
        await fetch(`${env.RECEIVER_URL}/digest`, {
          method: 'POST',
          body: JSON.stringify(target),
        });
        return 'sent';
      },
    },
  },
});
const ids = (runner as unknown as { workerIds?: () => string[] }).workerIds?.() ?? [];
process.stdout.write(`ready ${process.pid} ${JSON.stringify(ids)}\n`);
const report = setInterval(() => {
  const now = (runner as unknown as { workerIds?: () => string[] }).workerIds?.() ?? [];
  process.stdout.write(`workers ${JSON.stringify(now)}\n`);
}, 200);
process.on('SIGTERM', () => {
  clearInterval(report);
  void runner
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
