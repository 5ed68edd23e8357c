/*
 * Start-up (issue 15), each figure against a bare baseline measured in the same run, every
 * process started the same way (`node FILE ARGS`, the median of several starts):
 *
 *   1. `momentum --help` against `node -e 0` (target ≤ 3×);
 *   2. `momentum today --json` on a small database (one member, a few deals) against
 *      `node -e 0` (target ≤ 5×);
 *   3. `momentum serve` until GET /api/v1/health answers against a bare node:http server until
 *      its first answer (target ≤ 10×);
 *   4. `momentum demo` into a new database, and the web's "explore with sample data"
 *      (POST /api/v1/demo on a running server), absolute (target < 1 s each).
 *
 * Run: npm run bench:startup [-- --runs N]   (compiles first; runs the compiled bin)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'momentum.mjs');
const RUNS = process.argv.includes('--runs')
  ? Number(process.argv[process.argv.indexOf('--runs') + 1])
  : 7;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-bench-startup-'));
const DB = path.join(work, 'small.db');
// SQLite, whatever the environment says: the figures are for the default set-up.
const env: NodeJS.ProcessEnv = { ...process.env, MOMENTUM_DB: DB };
delete env.DATABASE_URL;

const out = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (msValue: number) => `${msValue.toFixed(0)} ms`;

function startMs(args: string[], extraEnv: NodeJS.ProcessEnv = env): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: work, env: extraEnv, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return elapsed;
}

function medianOf(args: string[], runs = RUNS, extraEnv?: NodeJS.ProcessEnv): number {
  startMs(args, extraEnv); // warm the file cache (and, on Node 22+, the compile cache)
  return median(Array.from({ length: runs }, () => startMs(args, extraEnv)));
}

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`momentum ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node ARGS` and polls `url` until it answers 200: the milliseconds from spawn. */
async function untilAnswered(args: string[], url: string, extraEnv = env): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: work, env: extraEnv, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function medianUntilAnswered(make: () => Promise<[string[], string]>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const [args, url] = await make();
    const t = await untilAnswered(args, url);
    if (i > 0) samples.push(t); // the first start warms the caches
  }
  return median(samples);
}

const rows: [string, string, string, string, string][] = [];
const row = (what: string, value: number, base: number | null, target: string, ok: boolean) =>
  rows.push([
    what,
    fmt(value),
    base === null ? '' : fmt(base),
    base === null ? '' : `${(value / base).toFixed(2)}×`,
    `${target} ${ok ? '✓' : '✗'}`,
  ]);

out(`Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}`);
out(`Median of ${RUNS} starts each (after one warm-up), in ${work}\n`);

// A small database: one workspace and member, a few deals with a touch and a next step each.
cli(
  'init',
  '--workspace',
  'Bench',
  '--name',
  'Ann Lee',
  '--email',
  'ann@bench.test',
  '--tz',
  'America/New_York',
  '--region',
  'US',
);
cli('account', 'add', 'Globex');
for (const title of ['Pilot', 'Renewal', 'Expansion']) {
  const { id } = JSON.parse(
    cli('deal', 'add', '--account', 'Globex', '--title', title, '--json'),
  ) as { id: string };
  cli('touch', '--deal', id, '--kind', 'email', 'Sent', 'the', 'deck');
  cli('deal', 'next', id, '--at', '2099-01-05T14:00', 'Demo');
}

const bare = medianOf(['-e', '0']);
const help = medianOf([BIN, '--help']);
row('momentum --help', help, bare, '≤ 3×', help <= 3 * bare);
const today = medianOf([BIN, 'today', '--json']);
row('momentum today --json (small database)', today, bare, '≤ 5×', today <= 5 * bare);

const bareServer = path.join(work, 'bare-server.mjs');
fs.writeFileSync(
  bareServer,
  "import http from 'node:http';\n" +
    'http.createServer((req, res) => res.end(\'{"status":"ok"}\')).listen(Number(process.argv[2]), \'127.0.0.1\');\n',
);
const bareFirst = await medianUntilAnswered(async () => {
  const port = await freePort();
  return [[bareServer, String(port)], `http://127.0.0.1:${port}/`];
});
const serveFirst = await medianUntilAnswered(async () => {
  const port = await freePort();
  return [
    [BIN, 'serve', '--quiet', '--host', '127.0.0.1', '--port', String(port)],
    `http://127.0.0.1:${port}/api/v1/health`,
  ];
});
row(
  'momentum serve → first GET /api/v1/health',
  serveFirst,
  bareFirst,
  '≤ 10×',
  serveFirst <= 10 * bareFirst,
);

// `momentum demo`: a new database each time; the absolute time, start-up included.
const demoSamples: number[] = [];
for (let i = 0; i < 3; i++) {
  const file = path.join(work, `demo-${i}.db`);
  demoSamples.push(
    startMs([BIN, 'demo', '--json', '--tz', 'America/New_York'], {
      ...env,
      MOMENTUM_DB: file,
    }),
  );
}
const demo = median(demoSamples);
row('momentum demo (new database, start-up included)', demo, null, '< 1 s', demo < 1000);

// The web's "explore with sample data": POST /api/v1/demo on a fresh server (first run).
const webSamples: number[] = [];
for (let i = 0; i < 3; i++) {
  const port = await freePort();
  const file = path.join(work, `web-demo-${i}.db`);
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--quiet', '--host', '127.0.0.1', '--port', String(port)],
    { cwd: work, env: { ...env, MOMENTUM_DB: file }, stdio: 'ignore' },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      try {
        if ((await fetch(`${base}/api/v1/health`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({
        workspace: 'Sample',
        name: 'Alex Morgan',
        email: 'alex@sample.example',
        password: 'copper kettle whistles twice',
        timeZone: 'America/New_York',
        region: 'US',
      }),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`POST /api/v1/demo answered ${res.status}`);
    webSamples.push(performance.now() - started);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
const web = median(webSamples);
row('web "explore with sample data" (POST /api/v1/demo)', web, null, '< 1 s', web < 1000);

const headers = ['', 'momentum', 'baseline', 'ratio', 'target'] as const;
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
out(line(headers));
for (const r of rows) out(line(r));
out(
  `\nbaselines: node -e 0 (${fmt(bare)}); a bare node:http server's first answer (${fmt(bareFirst)})`,
);
fs.rmSync(work, { recursive: true, force: true });
process.exit(rows.every((r) => r[4].endsWith('✓')) ? 0 : 1);
