import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
  type MessagePort,
} from 'node:worker_threads';
import pg from 'pg';
import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../../src/core/kernel/clock.ts';
import type { DialectName } from '../../src/storage/dialects/dialect.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/momentum.mjs');
const WORKER = path.resolve(import.meta.dirname, 'cli-worker.mjs');
/** A command that takes longer than this in a test is stuck (waiting on stdin, say). */
const CLI_TIMEOUT_MS = 120_000;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

export interface CliOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Moves the suite's clock to this instant (ISO) before the command (see setCliClock). */
  now?: string;
}

/**
 * The instant the CLI's clock starts at in every suite: noon UTC of the day the suite runs
 * (before 8:00 in New York, before 23:00 in Sydney), so that no suite straddles a midnight in
 * the zones the tests use, as suites on the real clock did.
 */
export const CLI_START = `${new Date().toISOString().slice(0, 10)}T12:00:00Z`;

/** The arguments of `momentum init` as most CLI suites start: Ann Lee, owner of a workspace in
 * New York. */
export const initAnnArgs = (workspace = 'Acme', email = 'ann@acme.test'): string[] => [
  'init',
  '--workspace',
  workspace,
  '--name',
  'Ann Lee',
  '--email',
  email,
  '--tz',
  'America/New_York',
  '--region',
  'US',
];

/** Epoch milliseconds, shared with the worker: both threads read one clock. */
const sharedClock = new BigInt64Array(new SharedArrayBuffer(8));
sharedClock[0] = BigInt(Date.parse(CLI_START));

/**
 * The clock every runCli command sees, for the test's own contexts and servers too (so that
 * what a test does through the API and what it does through the CLI happen in one order): one
 * millisecond further at each reading.
 */
export const cliClock: Clock = {
  now: () => Temporal.Instant.fromEpochMilliseconds(Number(Atomics.add(sharedClock, 0, 1n) + 1n)),
};

/** Moves the suite's clock (forwards or back) to `iso`. */
export function setCliClock(iso: string): void {
  Atomics.store(sharedClock, 0, BigInt(Temporal.Instant.from(iso).epochMilliseconds));
}

function result(code: number, stdout: string, stderr: string): CliResult {
  return {
    code,
    stdout,
    stderr,
    json<T>() {
      return JSON.parse(stdout) as T;
    },
  };
}

/** The environment a command sees: the test's, without its database settings, plus `env`. */
function commandEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  delete merged.DATABASE_URL;
  delete merged.MOMENTUM_DB;
  return Object.assign(merged, env);
}

interface CliWorker {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
}

let cliWorker: CliWorker | null = null;

function startWorker(): CliWorker {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, {
    workerData: { port: port2, signal, clock: sharedClock },
    transferList: [port2],
    stdout: true,
    stderr: true,
  });
  // The worker lives as long as the suite's process and never keeps it from exiting.
  worker.unref();
  port1.unref();
  return { worker, port: port1, signal };
}

/**
 * Runs `momentum ARGS` in this process, through the CLI's main(), as a user would type it:
 * the same parsing, output and exit code, without starting Node for every command. The CLI's
 * sources load once per suite (in a worker thread, so that this stays synchronous) and its
 * clock is the suite's (see CLI_START and cliClock). The database comes only from `options.env` (never from the
 * environment the tests run in). test/cli/bin.test.ts runs the real bin once per command.
 */
export function runCli(args: string[], options: CliOptions): CliResult {
  cliWorker ??= startWorker();
  const { port, signal } = cliWorker;
  if (options.now) setCliClock(options.now);
  Atomics.store(signal, 0, 0);
  port.postMessage({
    args,
    cwd: options.cwd,
    env: commandEnv(options.env),
    input: options.input ?? '',
  });
  if (Atomics.wait(signal, 0, 0, CLI_TIMEOUT_MS) === 'timed-out') {
    void cliWorker.worker.terminate();
    cliWorker = null;
    throw new Error(`momentum ${args.join(' ')} did not finish within ${CLI_TIMEOUT_MS} ms`);
  }
  const reply = receiveMessageOnPort(port);
  if (!reply) throw new Error(`momentum ${args.join(' ')}: the CLI worker did not answer`);
  const { code, stdout, stderr } = reply.message as {
    code: number;
    stdout: string;
    stderr: string;
  };
  return result(code, stdout, stderr);
}

/** Runs the real `momentum` bin in a new process, on the real clock: the end-to-end check. */
export function runCliProcess(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: commandEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
  });
  return result(r.status ?? -1, r.stdout, r.stderr);
}

/** runCliProcess without blocking the suite's thread, so that several commands can run at once
 * (each starts its own Node: on two cores, two or three side by side take about half the time). */
export function runCliProcessAsync(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: commandEnv(options.env),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve(
        result(
          code ?? -1,
          Buffer.concat(out).toString('utf8'),
          Buffer.concat(err).toString('utf8'),
        ),
      ),
    );
    child.stdin.end(options.input ?? '');
  });
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
  // As scripts/test.mjs sets for the run's own database: commits need not wait for the disk.
  await admin(`alter database ${name} set synchronous_commit = off`);
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
