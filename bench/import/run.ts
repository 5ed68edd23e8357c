/*
 * CSV import of 1,000,000 rows (docs/rules.md#performance-targets): at least half the rows per second of a bare batched
 * INSERT of the same rows into the same tables, measured in the same run, with peak memory that
 * does not grow with the file. On SQLite, and on PostgreSQL when DATABASE_URL or
 * TEST_DATABASE_URL is set. The files are generated in each tool's own format (HubSpot with
 * month-first dates, Pipedrive with ";" and day-first dates, Salesforce with API names); a third
 * of the rows each, 1% companies and 99% deals.
 *
 * Prints, per dialect: the baseline's and the import's rows per second, their ratio, and the
 * import's peak RSS at the full size and at a tenth of it (bounded memory: the two stay close),
 * and, because a shared machine makes wall-clock rates noisy, each process's own CPU time and the
 * load average around each measurement.
 *
 * Run: npm run bench:import [-- --rows N] [-- --dialect sqlite|postgres]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../../test/support/dialects.ts';
import { writeSourceFiles } from './generate.ts';

if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL)
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const arg = (name: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const ROWS = Number(arg('--rows') ?? 1_000_000);
const only = arg('--dialect');
const dialects = (
  process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)
).filter((d) => !only || d === only);
const MEASURE = path.join(import.meta.dirname, 'measure.ts');
const TSX = path.resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');

interface Measurement {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
  /** The machine's 1-minute load average when the measurement started and ended. */
  load: [number, number];
}

const load = () => Number(os.loadavg()[0]!.toFixed(2));

async function measure(
  mode: 'baseline' | 'import',
  dialect: 'sqlite' | 'postgres',
  rows: number,
  files: unknown,
): Promise<Measurement> {
  const db = await createTestDatabase(dialect);
  const loadBefore = load();
  try {
    const r = spawnSync(
      process.execPath,
      [TSX, MEASURE, mode, JSON.stringify(db.config), String(rows), JSON.stringify(files)],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (r.status !== 0) throw new Error(`${mode} on ${dialect} failed (exit ${r.status})`);
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<Measurement, 'load'>;
    return { ...m, load: [loadBefore, load()] };
  } finally {
    await db.dispose();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-bench-import-'));
try {
  process.stdout.write(
    `Generating ${ROWS.toLocaleString('en-US')} rows of CSV per tool format… (${os.cpus().length} CPUs, load ${load()})\n`,
  );
  const full = await writeSourceFiles(fs.mkdtempSync(path.join(dir, 'full-')), ROWS);
  const tenth = await writeSourceFiles(fs.mkdtempSync(path.join(dir, 'tenth-')), ROWS / 10);
  for (const dialect of dialects) {
    const base = await measure('baseline', dialect, ROWS, null);
    const imp = await measure('import', dialect, ROWS, full);
    const small = await measure('import', dialect, ROWS / 10, tenth);
    const baseRate = base.rows / base.seconds;
    const importRate = imp.rows / imp.seconds;
    const ratio = importRate / baseRate;
    process.stdout.write(
      [
        `\n${dialect}: ${imp.rows.toLocaleString('en-US')} rows`,
        `  bare batched INSERT : ${Math.round(baseRate).toLocaleString('en-US')} rows/s (${base.seconds.toFixed(1)} s)`,
        `  momentum import     : ${Math.round(importRate).toLocaleString('en-US')} rows/s (${imp.seconds.toFixed(1)} s; every file is read twice: the scan, then the write)`,
        `  ratio               : ${ratio.toFixed(2)}× (target ≥ 0.50×) ${ratio >= 0.5 ? 'PASS' : 'FAIL'}`,
        `  CPU of the process  : baseline ${base.cpuSeconds.toFixed(1)} s, import ${imp.cpuSeconds.toFixed(1)} s (CPU ratio ${(base.cpuSeconds / imp.cpuSeconds).toFixed(2)}×; excludes the database server)`,
        `  load average        : baseline ${base.load.join(' → ')}, import ${imp.load.join(' → ')} (noisy when other work runs)`,
        `  peak RSS of import  : ${imp.maxRssMiB.toFixed(0)} MiB at ${imp.rows.toLocaleString('en-US')} rows, ${small.maxRssMiB.toFixed(0)} MiB at ${small.rows.toLocaleString('en-US')} rows (baseline process: ${base.maxRssMiB.toFixed(0)} MiB)`,
        '',
      ].join('\n'),
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
