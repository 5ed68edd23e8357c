import type { Command } from 'commander';
import { resolveDatabaseConfig } from '../../storage/connection/config.ts';
import { globalOptions, parseInteger } from '../runtime.ts';

const log = (message: string, error?: unknown) =>
  process.stderr.write(
    `momentum worker: ${message}${error instanceof Error ? `: ${error.message}` : ''}\n`,
  );

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'Run background jobs (webhook deliveries, scheduled scans, the daily digest) without serving HTTP; any number may run on one PostgreSQL database',
    )
    .option('--concurrency <n>', 'jobs run at once (default 4)', parseInteger('--concurrency'))
    .option('--once', 'run the jobs that are due now, then exit (no schedule)')
    .option('--json', 'with --once: print {"ran":true} when done')
    .action(async (opts, command: Command) => {
      const config = resolveDatabaseConfig(globalOptions(command));
      const { openContext } = await import('../../app/context.ts');
      const { jobRunnerFor } = await import('../../app/jobs/start-jobs.ts');
      const { digestJobsOf } = await import('../../app/digest/send-digest.ts');
      const ctx = await openContext(config);
      const runner = jobRunnerFor(ctx, {
        digest: digestJobsOf(ctx),
        log,
        ...(opts.concurrency !== undefined && { concurrency: opts.concurrency }),
      });
      if (opts.once) {
        try {
          await runner.runOnce();
        } finally {
          await ctx.store.close();
        }
        if (opts.json) process.stdout.write('{"ran":true}\n');
        else process.stdout.write('Ran the jobs that were due.\n');
        return;
      }
      await runner.start();
      const where = config.dialect === 'sqlite' ? `SQLite ${config.file}` : 'PostgreSQL';
      process.stdout.write(`Momentum worker is running jobs (${where}); SIGTERM stops it.\n`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          log(`${signal}: finishing the running jobs`);
          const giveUp = setTimeout(() => {
            log('jobs did not finish in time; exiting (they will run again)');
            process.exit(1);
          }, 30_000);
          giveUp.unref();
          void runner
            .stop()
            .then(() => ctx.store.close())
            .catch((error: unknown) => log('error while stopping', error))
            .finally(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
