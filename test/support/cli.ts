import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DialectName } from '../../src/storage/connection/dialect.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/momentum.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the real `momentum` bin, as a user would. The database comes only from `options.env`
 * (never from the environment the tests run in). */
export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MOMENTUM_DB;
  Object.assign(env, options.env);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json<T>() {
      return JSON.parse(r.stdout) as T;
    },
  };
}

export interface CliDatabase {
  /** A fresh working folder for the runs. */
  cwd: string;
  /** MOMENTUM_DB (a file in `cwd`) or DATABASE_URL (a fresh PostgreSQL database). */
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A private database for a CLI suite: the CLI connects by URL, so on PostgreSQL each suite
 * gets a whole database of its own rather than a schema. */
export async function createCliDatabase(dialect: DialectName, label = 'cli'): Promise<CliDatabase> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), `momentum-${label}-`));
  if (dialect === 'sqlite') {
    return {
      cwd,
      env: { MOMENTUM_DB: path.join(cwd, 'momentum.db') },
      dispose: async () => fs.rmSync(cwd, { recursive: true, force: true }),
    };
  }
  const name = `momentum_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    cwd,
    env: { DATABASE_URL: url.toString() },
    async dispose() {
      fs.rmSync(cwd, { recursive: true, force: true });
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
