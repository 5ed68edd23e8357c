// `npm test`: typecheck, lint, the unit and integration suites (each integration suite once per
// dialect), then the browser suite. Ends with one line summing every runner and the time taken.
// .ci/run's second Node passes --no-static-checks (typecheck, lint and format do not depend on
// the Node that runs them) and --no-browser (the browser suite runs once, on the first);
// --no-unit leaves out the unit and integration run (.ci/run runs the first Node's browser suite
// on its own, beside the second Node's suite).
// Files or folders given after the flags narrow the unit and integration run, in the same
// setting (`node scripts/test.mjs --no-browser --no-static-checks test/cli`).
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const started = performance.now();
const staticChecks = !process.argv.includes('--no-static-checks');
const browserSuite = !process.argv.includes('--no-browser');
const unitSuite = !process.argv.includes('--no-unit');
/** Files or folders named after the flags narrow the unit and integration run to them. */
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));

/*
 * The suites' temporary folders (every SQLite test database, the CLI suites' working folders)
 * go to a RAM-backed folder when the machine has one: SQLite syncs the disk at every commit
 * (synchronous = FULL), about 8 ms here on the virtual disk against 0.2 ms in RAM, and the
 * suites commit tens of thousands of times. The databases behave the same; only a power cut
 * could tell the difference, and no test cuts the power.
 */
const scratch = fs.existsSync('/dev/shm')
  ? fs.mkdtempSync(path.join('/dev/shm', 'momentum-test-'))
  : null;
// Open to every user, sticky, as /tmp is: some suites hand a folder of their own to a server
// that runs as another user (initdb as postgres for the fault tests, Dovecot for e-mail in).
if (scratch) fs.chmodSync(scratch, 0o1777);
const testEnv = scratch ? { TMPDIR: scratch } : {};
process.on('exit', () => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/*
 * PostgreSQL likewise: the suites' schemas go into a database of this run's own whose commits
 * do not wait for the disk (synchronous_commit = off: what is committed is seen at once by every
 * connection, as before; only a crash of the server itself could lose the last moments, and no
 * test crashes the shared server). Dropped at the end.
 */
async function adminQuery(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
let runDatabase = null;
if (process.env.TEST_DATABASE_URL) {
  const name = `momentum_run_${process.pid}_${Date.now().toString(36)}`;
  try {
    await adminQuery(process.env.TEST_DATABASE_URL, `create database ${name}`);
    await adminQuery(
      process.env.TEST_DATABASE_URL,
      `alter database ${name} set synchronous_commit = off`,
    );
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    runDatabase = { name, admin: process.env.TEST_DATABASE_URL, url: url.toString() };
    testEnv.TEST_DATABASE_URL = runDatabase.url;
  } catch (error) {
    process.stdout.write(
      `(the suites use ${process.env.TEST_DATABASE_URL} itself: no database of their own, ${error.message})\n`,
    );
  }
}

function run(label, command, args, env = {}) {
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...testEnv, ...env },
  });
  return result.status === 0;
}

/** Runs one static check with its output kept, resolving to whether it passed. */
function runQuietly(command, args) {
  return new Promise((resolve) => {
    const output = [];
    const child = spawn(command, args, { cwd: root, env: process.env });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => {
      output.push(Buffer.from(`${error.message}\n`));
      resolve({ ok: false, output: Buffer.concat(output) });
    });
    child.on('close', (code) => resolve({ ok: code === 0, output: Buffer.concat(output) }));
  });
}

/**
 * The static checks, two at a time (each is one busy thread, and this machine has two cores
 * or more): each one's output printed whole when it ends, under its name, then its verdict.
 */
async function checks(list) {
  const lanes = Math.max(2, Math.min(list.length, os.availableParallelism()));
  const queue = [...list];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [label, command, args] = next;
      const { ok, output } = await runQuietly(command, args);
      process.stdout.write(`\n▶ ${label}\n`);
      process.stdout.write(output);
      totals[ok ? 'passed' : 'failed'] += 1;
      process.stdout.write(`${ok ? '✓' : '✗'} ${label}\n`);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

function vitest(label, config, report, extra = []) {
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  const out = path.join(root, 'test-results', report);
  fs.rmSync(out, { force: true });
  const ok = run(label, bin('vitest'), [
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...extra,
  ]);
  if (!fs.existsSync(out)) {
    totals.failed += 1;
    process.stdout.write(`✗ ${label}: the runner did not report (crashed?)\n`);
    return;
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests + (ok || r.numFailedTests > 0 ? 0 : 1);
  totals.skipped += r.numPendingTests + r.numTodoTests;
}

const postgres = process.env.TEST_DATABASE_URL
  ? `PostgreSQL at ${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`
  : 'PostgreSQL skipped (set TEST_DATABASE_URL)';
const browser = !browserSuite
  ? 'browser tests not run (--no-browser)'
  : fs.existsSync('/usr/bin/chromium')
    ? 'Chromium at /usr/bin/chromium'
    : 'browser tests skipped (no /usr/bin/chromium)';
process.stdout.write(`Dialects: SQLite, ${postgres}. Browser: ${browser}.\n`);

if (staticChecks) {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  await checks([
    ['typecheck', process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit']],
    ['lint (eslint)', bin('eslint'), ['.']],
    [
      'dependency rules (dependency-cruiser)',
      bin('depcruise'),
      ['--config', '.dependency-cruiser.mjs', 'src', 'web/src'],
    ],
    ['typecheck web', process.execPath, [tsc, '-p', 'web/tsconfig.json', '--noEmit']],
    ['format (prettier)', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  ]);
}
if (unitSuite) vitest('unit and integration tests', 'vitest.config.ts', 'unit.json', filters);
if (browserSuite) vitest('browser tests', 'vitest.e2e.config.ts', 'e2e.json');

if (runDatabase) {
  await adminQuery(
    runDatabase.admin,
    `drop database if exists ${runDatabase.name} with (force)`,
  ).catch((error) =>
    process.stdout.write(`(could not drop ${runDatabase.name}: ${error.message})\n`),
  );
}

const seconds = Math.round((performance.now() - started) / 1000);
process.stdout.write(
  `\nNode ${process.version}, ${Math.floor(seconds / 60)} min ${seconds % 60} s\n` +
    `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
// .ci/run runs this once per Node version and sums the runs into its own closing line.
if (process.env.MOMENTUM_TOTALS_FILE)
  fs.writeFileSync(process.env.MOMENTUM_TOTALS_FILE, JSON.stringify(totals));
process.exit(totals.failed === 0 ? 0 : 1);
