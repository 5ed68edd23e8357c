// A `momentum worker` for the multi-process suite (test/webhooks/multi-worker.test.ts): the
// real job runner on PostgreSQL, in its own process, on a frozen clock (FROZEN_NOW), with fast
// retries and the real daily digest (sent through the SMTP peer at SMTP_URL).
import { digestJobsOf } from '../../../src/app/digest/send-digest.ts';
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
const ctx = contextFor(store, clock, undefined, {
  MOMENTUM_WEBHOOKS_ALLOW_PRIVATE: '1',
  SMTP_URL: env.SMTP_URL,
  MOMENTUM_FROM: env.MOMENTUM_FROM,
});
const runner = await startJobs(ctx, {
  concurrency: 2,
  pollMs: 50,
  // Look for dead workers' jobs every 500 ms, once a job has been locked for 2 s.
  recovery: { everyMs: 500, lockedForMs: 2_000 },
  overrides: { retryDelaysMs: [50, 50, 50, 50, 50] },
  // The real digest: who is due on the frozen clock, sent through SMTP_URL once per member.
  digest: digestJobsOf(ctx),
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
