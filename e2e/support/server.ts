import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contextFor, type AppContext } from '../../src/app/context.ts';
import { openStore } from '../../src/storage/connection/open.ts';
import { buildServer } from '../../src/http/server.ts';
import { fixedClock } from '../../test/support/clock.ts';

export const WEB_DIST = path.resolve('web', 'dist');

export interface TestServer {
  url: string;
  ctx: AppContext;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/**
 * The real server, in this process, on a free port, with a fresh SQLite file and a frozen
 * clock, serving the built web app. Every suite gets its own.
 */
export async function startServer(
  now: string,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-e2e-'));
  const store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'e2e.db') });
  await store.migrateToLatest();
  const clock = fixedClock(now);
  // E-mail is configured only by `options.env` (SMTP_URL, MOMENTUM_FROM), never by the
  // environment the tests run in.
  const ctx = contextFor(store, clock, undefined, options.env ?? {});
  const app = await buildServer(ctx, { webDist: WEB_DIST, authRequestsPerMinute: 1000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // Links in e-mails point at this server, as MOMENTUM_PUBLIC_URL would.
  ctx.publicUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    clock,
    async close() {
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
