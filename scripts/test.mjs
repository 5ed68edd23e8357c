// `npm test`: typecheck, lint, the unit and integration suites (each integration suite once per
// dialect), then the browser suite. Ends with one line summing every runner and the time taken.
// .ci/run's second Node passes --no-static-checks (typecheck, lint and format do not depend on
// the Node that runs them) and --no-browser (the browser suite runs once, on the first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const started = performance.now();
const staticChecks = !process.argv.includes('--no-static-checks');
const browserSuite = !process.argv.includes('--no-browser');

function run(label, command, args, env = {}) {
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

function check(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  process.stdout.write(`${ok ? '✓' : '✗'} ${label}\n`);
}

function vitest(label, config, report) {
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
  check('typecheck', process.execPath, [
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'tsconfig.json',
    '--noEmit',
  ]);
  check('typecheck web', process.execPath, [
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'web/tsconfig.json',
    '--noEmit',
  ]);
  check('lint (eslint)', bin('eslint'), ['.']);
  check('format (prettier)', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
}
vitest('unit and integration tests', 'vitest.config.ts', 'unit.json');
if (browserSuite) vitest('browser tests', 'vitest.e2e.config.ts', 'e2e.json');

const seconds = Math.round((performance.now() - started) / 1000);
process.stdout.write(
  `\nNode ${process.version}, ${Math.floor(seconds / 60)} min ${seconds % 60} s\n` +
    `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
// .ci/run runs this once per Node version and sums the runs into its own closing line.
if (process.env.MOMENTUM_TOTALS_FILE)
  fs.writeFileSync(process.env.MOMENTUM_TOTALS_FILE, JSON.stringify(totals));
process.exit(totals.failed === 0 ? 0 : 1);
