import type { Command } from 'commander';
import type { JobRunner } from '../../core/jobs/ports.ts';
import { openContext } from '../../app/context.ts';
import { resolveDatabaseConfig } from '../../storage/connection/config.ts';
import { parseTrustProxy } from '../../http/security/trust-proxy.ts';
import { globalOptions, parseInteger } from '../runtime.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the web app and the HTTP API (default http://localhost:3000)')
    .option('--port <n>', 'port to listen on (PORT is honoured too)', parseInteger('--port'))
    .option('--host <host>', 'interface to bind (HOST is honoured too)')
    .option('--quiet', 'do not log each request')
    .option('--open-signup', 'let anyone sign up and create a workspace (default: only the first)')
    .option(
      '--trust-proxy <proxies>',
      'behind reverse proxies: how many (e.g. 1) or their addresses/CIDR ranges (e.g. 10.0.0.5,loopback); X-Forwarded-* entries they add are believed, the client’s own are not (TRUST_PROXY is honoured too)',
    )
    .option('--no-jobs', 'do not run background jobs here (run `momentum worker` instead)')
    .option(
      '--shutdown-timeout <ms>',
      'on SIGTERM, how long in-flight requests may take before the rest are cut off (SHUTDOWN_TIMEOUT_MS)',
      parseInteger('--shutdown-timeout'),
    )
    .action(async (opts, command: Command) => {
      const config = resolveDatabaseConfig(globalOptions(command));
      const proxies = opts.trustProxy ?? process.env.TRUST_PROXY;
      const trustProxy = proxies ? parseTrustProxy(String(proxies)) : undefined;
      // Loaded here so that every other command starts without Fastify and its plugins.
      const { buildServer } = await import('../../http/server.ts');
      const ctx = await openContext(config);
      const app = await buildServer(ctx, {
        logger: opts.quiet ? { level: 'warn' } : { level: process.env.LOG_LEVEL ?? 'info' },
        openSignup: Boolean(opts.openSignup),
        ...(trustProxy !== undefined && { trustProxy }),
        ...(process.env.MOMENTUM_ORIGIN && { publicOrigin: process.env.MOMENTUM_ORIGIN }),
        ...(process.env.MOMENTUM_PUBLIC_URL && { publicUrl: process.env.MOMENTUM_PUBLIC_URL }),
      });
      // Connections the pool was not using die with a database restart; requests that were
      // using one answer 503 and the pool opens fresh ones once the database is back.
      ctx.store.onConnectionError = (error) =>
        app.log.warn({ err: error }, 'a database connection was lost; it will be reopened');
      const port = opts.port ?? (process.env.PORT ? Number(process.env.PORT) : 3000);
      const host = opts.host ?? process.env.HOST ?? 'localhost';
      const shutdownMs =
        opts.shutdownTimeout ??
        (process.env.SHUTDOWN_TIMEOUT_MS ? Number(process.env.SHUTDOWN_TIMEOUT_MS) : 10_000);
      let closing = false;
      let closeSmtp: (() => Promise<void>) | null = null;
      let closeImap: (() => Promise<void>) | null = null;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info(
          { signal, deadlineMs: shutdownMs },
          'shutting down: finishing in-flight requests',
        );
        // close() stops accepting connections and resolves once in-flight requests are done. A
        // client that stalls mid-request would hold it forever: at the deadline, whatever is
        // left is cut off. A second bound covers a database that does not let the store close.
        const cutOff = setTimeout(() => {
          app.log.warn('shutdown deadline reached: closing the remaining connections');
          app.server.closeAllConnections();
        }, shutdownMs);
        const giveUp = setTimeout(() => {
          app.log.warn('the database did not close in time; exiting anyway');
          process.exit(0);
        }, shutdownMs + 5_000);
        giveUp.unref();
        try {
          await jobs?.stop();
          await closeSmtp?.();
          await closeImap?.();
          await app.close();
          clearTimeout(cutOff);
          await ctx.store.close();
        } catch (error) {
          app.log.error({ err: error }, 'error while shutting down');
        }
        process.exit(0);
      };
      let jobs: JobRunner | null = null;
      // E-mail in over SMTP, for sites that point an MX at Momentum (MAIL_SMTP_PORT).
      if (process.env.MAIL_SMTP_PORT) {
        const { startSmtpReceiver, mailWorkspaceId } = await import('../../app/mail/smtp.ts');
        const smtp = await startSmtpReceiver(ctx, {
          port: Number(process.env.MAIL_SMTP_PORT),
          host: process.env.MAIL_SMTP_HOST ?? host,
          workspaceId: await mailWorkspaceId(ctx),
          log: (line) => app.log.info(line),
        });
        closeSmtp = smtp.close;
        process.stdout.write(`E-mail in: SMTP on port ${smtp.port}\n`);
      }
      // The shared mailbox over IMAP (IMAP_URL), read beside the web server; `momentum mail
      // watch` runs the same reader without it.
      if (process.env.IMAP_URL) {
        const { runImapReader, redactImapUrl } = await import('../../app/mail/imap.ts');
        const { mailWorkspaceId } = await import('../../app/mail/smtp.ts');
        const workspaceId = await mailWorkspaceId(ctx).catch((error: Error) => {
          app.log.warn(`e-mail in: IMAP not read: ${error.message}`);
          return null;
        });
        if (workspaceId) {
          const stop = new AbortController();
          const reading = runImapReader(ctx, workspaceId, process.env.IMAP_URL, {
            signal: stop.signal,
            log: (line) => app.log.info(line),
          });
          closeImap = async () => {
            stop.abort();
            await reading;
          };
          process.stdout.write(`E-mail in: IMAP ${redactImapUrl(process.env.IMAP_URL)}\n`);
        }
      }
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      process.on('SIGINT', () => void shutdown('SIGINT'));
      await app.listen({ port, host });
      if (opts.jobs !== false) {
        const { startJobs } = await import('../../app/jobs/start-jobs.ts');
        const { digestJobsOf } = await import('../../app/digest/send-digest.ts');
        jobs = await startJobs(ctx, {
          digest: digestJobsOf(ctx),
          log: (message, error) => app.log.warn({ err: error }, message),
        });
      }
      const address = app.server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      const where = config.dialect === 'sqlite' ? `SQLite ${config.file}` : 'PostgreSQL';
      process.stdout.write(
        `Momentum is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${bound} (${where})\n`,
      );
    });
}
