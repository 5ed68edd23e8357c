/*
 * The real `momentum serve` in a child process, as an operator runs it: on port 0, with the
 * database from the environment. The fault suite watches whether it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { contextFor } from '../../../src/app/context.ts';
import { createApiToken } from '../../../src/core/auth/flows/api-tokens.ts';
import { initWorkspace } from '../../../src/core/workspaces/flows/init-workspace.ts';
import type { DatabaseConfig } from '../../../src/storage/connection/config.ts';
import { openStore } from '../../../src/storage/connection/open.ts';

const BIN = path.resolve(import.meta.dirname, '../../../bin/momentum.mjs');

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly base: string;
  /** Everything it wrote to stdout and stderr. */
  output(): string;
  /** The exit code once it has exited (null while it runs). */
  exitCode(): number | null | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, for the end of a run (or the crash rounds). */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** DATABASE_URL (PostgreSQL) or MOMENTUM_DB (a SQLite file). */
  database: { DATABASE_URL: string } | { MOMENTUM_DB: string };
  env?: NodeJS.ProcessEnv;
  args?: string[];
}

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MOMENTUM_DB;
  Object.assign(env, options.database, options.env);
  const child = spawn(
    process.execPath,
    [
      BIN,
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      ...(process.env.FAULTS_DEBUG ? [] : ['--quiet']),
      ...(options.args ?? []),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  let code: number | null | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (c, signal) => {
      code = c;
      resolve({ code: c, signal });
    }),
  );
  let port: number | null = null;
  for (let i = 0; i < 1200 && port === null && code === undefined; i++) {
    const m = /running at http:\/\/[^:]+:(\d+)/.exec(out);
    if (m) port = Number(m[1]);
    else await new Promise((r) => setTimeout(r, 50));
  }
  if (port === null) {
    child.kill('SIGKILL');
    throw new Error(`momentum serve did not start:\n${out}`);
  }
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    exitCode: () => code,
    exited,
    async kill() {
      if (code === undefined) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** A migrated database with a workspace, its owner and an API token for the owner. */
export async function prepareWorkspace(config: DatabaseConfig): Promise<{ token: string }> {
  const store = await openStore(config);
  try {
    await store.migrateToLatest();
    const ctx = contextFor(store);
    const { owner } = await initWorkspace(ctx, {
      workspace: 'Faults',
      name: 'Olive Owner',
      email: 'owner@faults.test',
      timeZone: 'UTC',
      region: 'US',
      weekend: 'sat,sun',
    });
    const actor = { memberId: owner.id, workspaceId: owner.workspaceId, role: owner.role };
    const { secret } = await createApiToken(ctx, actor, { name: 'faults' });
    return { token: secret };
  } finally {
    await store.close();
  }
}
