/*
 * Today at scale (docs/rules.md#performance-targets): one workspace, 51 members, 10,000 open deals for the measured
 * member, 1,000,000 touches, 200,000 commitments; on SQLite, and on PostgreSQL when
 * DATABASE_URL or TEST_DATABASE_URL is set. Prints, measured in the same run:
 *
 *   1. Today's p50/p99 (the getToday use case, no HTTP, no cache) and the p50/p99 of the bare
 *      indexed SQL that reads the same rows through the raw driver (target ≤ 2×);
 *   2. Today's p50 with 10,000 touches and again after 990,000 older ones are added (≤ 1.2×);
 *   3. requests per second of every authenticated GET route a member reads (today, deals list,
 *      deal, momentum, commitments, march, insights, audit, me), with an API token and with a
 *      session cookie, each against a bare node:http server sending the same bytes, both in a
 *      child process, loaded by autocannon from this one (target ≥ 0.5× each), as a table,
 *      with the server's CPU time per request of each (the same comparison, unmoved by the
 *      machine's other work). Each route is announced on stderr as it is measured.
 *
 * Run: npm run bench:today [-- --quick] [-- --dialect sqlite|postgres] [-- --api-only]
 * (--quick: fewer iterations and shorter loads; --dialect: only that one; --api-only: only the
 * route table, on the database with 10,000 touches)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'kysely';
import { contextFor } from '../../src/app/context.ts';
import { createApiToken } from '../../src/core/auth/flows/api-tokens.ts';
import { openSession } from '../../src/core/auth/flows/sessions.ts';
import { addDays, createDayView } from '../../src/core/time/local-days.ts';
import { fixedClock } from '../../test/support/clock.ts';
import type { IsoDate } from '../../src/core/time/dates.ts';
import { getToday, LATER_HORIZON } from '../../src/core/today/get-today.ts';
import { calendarOf } from '../../src/core/workspaces/member-calendar.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { createTestDatabase } from '../../test/support/dialects.ts';
import { addTouchHistory, generateWorld, type BenchWorld } from '../support/generate.ts';

const QUICK = process.argv.includes('--quick');
const ITERATIONS = QUICK ? 15 : 40;
const LOAD_SECONDS = QUICK ? 3 : 5;
const HISTORY = 990_000;
const API_ONLY = process.argv.includes('--api-only');

interface ApiRoute {
  name: string;
  path: string;
  auth: 'token' | 'session';
  headers: Record<string, string>;
}

if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL)
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const only = process.argv.includes('--dialect')
  ? process.argv[process.argv.indexOf('--dialect') + 1]
  : undefined;
const dialects = (
  process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)
).filter((d) => only === undefined || d === only);

const out = (line: string) => process.stdout.write(`${line}\n`);
const ms = (n: number) => `${n.toFixed(2)} ms`;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** What getToday reads, as bare SQL through the raw driver: the same rows, no query builder,
 * no mapping, no planning. */
interface BareReads {
  run(): Promise<unknown>;
  close(): Promise<void>;
}

const MEMBER_SQL = [
  'select members.*, users.email, users.name from members inner join users on users.id = members.user_id where members.workspace_id = ? and members.id = ?',
  'select member_id, day from member_days_off where member_id in (?) order by day',
];
const AGENDA_SQL = [
  // the workspace's stages
  `select stages.id, stages.name, stages.neglect_days from stages
   where stages.workspace_id = (select members.workspace_id from members where members.id = ?)`,
  // open deals with the day's momentum snapshot and the open next step
  `select deals.id, deals.title, deals.account_id, deals.stage_id, deals.last_touch_at, deals.created_at, deals.stage_changed_at,
     snap.score, step.id as step_id, step.due_date as step_due, step.due_time as step_time
   from deals
   left join momentum_snapshots as snap on snap.deal_id = deals.id and snap.day = ?
   left join next_steps as step on step.deal_id = deals.id and step.state = 'open'
   where deals.owner_id = ? and deals.status = 'open'`,
  // open promises up to the planning horizon
  `select * from commitments where owner_id = ? and state = 'open' and (target_date <= ? or target_date is null) order by target_date, id`,
  // booked calls
  `select id, deal_id, started_at from calls where logged_by = ? and started_at >= ? and started_at < ? and outcome is null order by started_at`,
  // the day's touch count
  `select count(*) as n from touches where member_id = ? and at >= ? and at < ?`,
];
/** Then, once the deals are read: the text of the next steps booked for the day. */
const STEP_TEXT_SQL = (n: number) =>
  `select id, text from next_steps where id in (${Array.from({ length: n }, () => '?').join(', ')})`;

function agendaParams(world: BenchWorld, horizonEnd: IsoDate): unknown[][] {
  const day = createDayView(world.day, world.timeZone);
  const horizonStart = createDayView(addDays(horizonEnd, 1), world.timeZone).start;
  const m = world.measured.memberId;
  return [
    [m],
    [world.day, m],
    [m, horizonEnd],
    [m, day.start, horizonStart],
    [m, day.start, day.end],
  ];
}

/** The next steps booked for the measured day (Today reads their text). */
async function stepsOnDay(store: Store, world: BenchWorld): Promise<string[]> {
  const rows = await store.db
    .selectFrom('next_steps')
    .innerJoin('deals', 'deals.id', 'next_steps.deal_id')
    .select('next_steps.id')
    .where('deals.owner_id', '=', world.measured.memberId)
    .where('deals.status', '=', 'open')
    .where('next_steps.state', '=', 'open')
    .where('next_steps.due_date', '=', world.day)
    .execute();
  return rows.map((r) => r.id);
}

async function bareReads(
  store: Store,
  config: Awaited<ReturnType<typeof createTestDatabase>>['config'],
  world: BenchWorld,
  horizonEnd: IsoDate,
): Promise<BareReads> {
  const memberParams = [[world.workspaceId, world.measured.memberId], [world.measured.memberId]];
  const params = agendaParams(world, horizonEnd);
  const steps = await stepsOnDay(store, world);
  if (store.sqlite) {
    const handle = store.sqlite;
    const member = MEMBER_SQL.map((q) => handle.prepare(q));
    const agenda = AGENDA_SQL.map((q) => handle.prepare(q));
    const texts = steps.length ? handle.prepare(STEP_TEXT_SQL(steps.length)) : null;
    return {
      run: async () => {
        member.forEach((s, i) => s.all(...memberParams[i]!));
        const rows = agenda.map((s, i) => s.all(...params[i]!));
        return [rows, texts?.all(...steps)];
      },
      close: async () => {},
    };
  }
  if (config.dialect !== 'postgres') throw new Error('unreachable');
  // The same pool shape as the store: the agenda's reads run concurrently, as Today runs them.
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    options: `-c search_path=${config.schema}`,
  });
  const numbered = (q: string) => {
    let n = 0;
    return q.replace(/\?/g, () => `$${++n}`);
  };
  const member = MEMBER_SQL.map(numbered);
  const agenda = AGENDA_SQL.map(numbered);
  const texts = numbered(STEP_TEXT_SQL(steps.length));
  return {
    run: async () => {
      for (const [i, q] of member.entries()) await pool.query(q, memberParams[i]);
      const rows = await Promise.all(agenda.map((q, i) => pool.query(q, params[i])));
      return [rows, steps.length ? await pool.query(texts, steps) : null];
    },
    close: () => pool.end(),
  };
}

async function analyze(store: Store) {
  await sql`analyze`.execute(store.db);
}

async function serveChild(config: object, now: string, routes: ApiRoute[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'serve.ts')],
    {
      env: {
        ...process.env,
        BENCH_DB: JSON.stringify(config),
        BENCH_NOW: now,
        BENCH_ROUTES: JSON.stringify(routes.map((r) => ({ path: r.path, headers: r.headers }))),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return {
    ports: JSON.parse(line) as { api: number; bare: number; bytes: Record<string, number> },
    child,
  };
}

async function load(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections: 10, duration: LOAD_SECONDS, headers });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${url}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
  return r.requests.average;
}

async function warm(url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections: 10, duration: 1, headers });
}

/** Requests per second under load, and the server process's CPU time per answered request
 * (microseconds): the second does not depend on what else the machine is doing. */
async function measured(barePort: number, url: string, headers: Record<string, string> = {}) {
  const cpu = async () => {
    const u = (await (await fetch(`http://127.0.0.1:${barePort}/__cpu`)).json()) as {
      user: number;
      system: number;
    };
    return u.user + u.system;
  };
  const before = await cpu();
  const r = await autocannon({ url, connections: 10, duration: LOAD_SECONDS, headers });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${url}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
  // Requests still queued when the load stops are answered before this reading.
  const used = (await cpu()) - before;
  return { rps: r.requests.average, cpuPerRequest: used / Math.max(1, r.requests.total) };
}

/** A generated database with its world, ready for Today on the measured day. */
async function prepare(dialect: 'sqlite' | 'postgres', history: number) {
  const database = await createTestDatabase(dialect);
  const store = await openStore(database.config);
  await store.migrateToLatest();
  const world = await generateWorld(store, { touches: 10_000, log: out });
  if (history > 0) {
    const t0 = performance.now();
    await addTouchHistory(store, world, history);
    out(
      `  + ${history.toLocaleString('en-US')} older touches: ${world.counts.touches!.toLocaleString('en-US')} in all (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  await analyze(store);
  const now = `${world.day}T21:00:00.000Z`;
  const ctx = contextFor(store, fixedClock(now));
  // Today only reads (decision 021); the first look warms the page cache for the later ones.
  const first = await timed(() => getToday(ctx, world.measured.actor));
  const agenda = await getToday(ctx, world.measured.actor);
  out(
    `  first Today (a cold cache): ${ms(first)}; then ` +
      `${agenda.items.length} items, ${agenda.later.length} later, ${agenda.unplanned} unplanned`,
  );
  await analyze(store);
  return { database, store, world, ctx, now };
}

/** Every authenticated GET route a member reads, as the measured rep (the audit log as the
 * owner: reps may not read it), once with an API token and once with a session cookie. */
async function apiRoutes(w: Awaited<ReturnType<typeof prepare>>): Promise<ApiRoute[]> {
  const { ctx, store, world } = w;
  const rep = world.measured.actor;
  const members = await ctx.members.listByWorkspace(store.executor, world.workspaceId);
  const owner = members.find((m) => m.role === 'owner')!;
  const ownerActor: Actor = { memberId: owner.id, workspaceId: owner.workspaceId, role: 'owner' };
  const repMember = members.find((m) => m.id === rep.memberId)!;
  const credentials = async (actor: Actor, member: typeof owner) => {
    const { secret: token } = await createApiToken(ctx, actor, { name: 'bench' });
    const { secret: session } = await store.transaction((tx) => openSession(ctx, tx, member));
    return {
      token: { authorization: `Bearer ${token}` },
      session: { cookie: `momentum_session=${session}` },
    };
  };
  const asRep = await credentials(rep, repMember);
  const asOwner = await credentials(ownerActor, owner);
  const dealId = world.touchedDeals.find((d) => d.ownerId === rep.memberId)!.id;
  const from = addDays(world.day, -27);
  const paths: [string, string, typeof asRep][] = [
    ['today', '/api/v1/today', asRep],
    ['deal', `/api/v1/deals/${dealId}`, asRep],
    ['momentum', `/api/v1/deals/${dealId}/momentum`, asRep],
    ['march', '/api/v1/march', asRep],
    ['insights', `/api/v1/insights?from=${from}&to=${world.day}`, asRep],
    ['audit', '/api/v1/audit', asOwner],
    ['me', '/api/v1/me', asRep],
    // Last: all 10,000 open deals (4 MB) and every open promise (2 MB), unpaged.
    ['deals list', '/api/v1/deals', asRep],
    ['commitments', '/api/v1/commitments', asRep],
  ];
  return paths.flatMap(([name, path, as]) => [
    { name, path, auth: 'token' as const, headers: as.token },
    { name, path, auth: 'session' as const, headers: as.session },
  ]);
}

/** Requests per second of each route against the bare server sending its bytes, interleaved
 * route by route so that the machine's other work weighs on both alike. */
async function apiTable(dialect: string, w: Awaited<ReturnType<typeof prepare>>) {
  const routes = await apiRoutes(w);
  const { ports, child } = await serveChild(w.database.config, w.now, routes);
  try {
    const rows: string[][] = [];
    let pass = true;
    const floor = await load(`http://127.0.0.1:${ports.api}/api/v1/health`);
    for (const [i, route] of routes.entries()) {
      // Progress on stderr, so that a slow route is visible while it is measured.
      process.stderr.write(`  [${i + 1}/${routes.length}] ${route.auth} GET ${route.path}\n`);
      const api: number[] = [];
      const raw: number[] = [];
      const apiCpu: number[] = [];
      const rawCpu: number[] = [];
      // Both servers share the child's thread: after each load, wait until the requests still
      // queued (a slow route's) are answered, so that they do not weigh on the next figure.
      const drained = () =>
        fetch(`http://127.0.0.1:${ports.api}/api/v1/health`).then((r) => r.text());
      // A short load of each first, unmeasured: the route's code is then compiled as it will
      // run under load (the first seconds of a route run in V8's interpreter, on both servers).
      await warm(`http://127.0.0.1:${ports.api}${route.path}`, route.headers);
      await drained();
      await warm(`http://127.0.0.1:${ports.bare}${route.path}`);
      await drained();
      for (let round = 0; round < 2; round++) {
        const a = await measured(
          ports.bare,
          `http://127.0.0.1:${ports.api}${route.path}`,
          route.headers,
        );
        await drained();
        const b = await measured(ports.bare, `http://127.0.0.1:${ports.bare}${route.path}`);
        await drained();
        api.push(a.rps);
        raw.push(b.rps);
        apiCpu.push(a.cpuPerRequest);
        rawCpu.push(b.cpuPerRequest);
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const ratio = mean(raw) > 0 ? mean(api) / mean(raw) : 0;
      const cpuRatio = mean(apiCpu) > 0 ? mean(rawCpu) / mean(apiCpu) : 0;
      pass &&= ratio >= 0.5;
      rows.push([
        `GET ${route.path.split('?')[0]!.replace(/\/(dl|de)_\w+/, '/:id')}`,
        route.auth,
        String(ports.bytes[route.path]),
        mean(api).toFixed(0),
        mean(raw).toFixed(0),
        `${ratio.toFixed(2)}×`,
        ratio >= 0.5 ? 'PASS' : 'FAIL',
        mean(apiCpu).toFixed(0),
        mean(rawCpu).toFixed(0),
        `${cpuRatio.toFixed(2)}×`,
      ]);
    }
    const headers = [
      'route',
      'auth',
      'bytes',
      'API req/s',
      'bare req/s',
      'ratio',
      '≥ 0.5×',
      'API µs CPU/req',
      'bare µs CPU/req',
      'CPU ratio',
    ];
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) =>
      r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    out(`\n  ${dialect}: authenticated GET routes against bare node:http sending the same bytes`);
    out(`  ${line(headers)}`);
    for (const r of rows) out(`  ${line(r)}`);
    out(
      `  for scale: GET /api/v1/health (no credentials, no database) ${floor.toFixed(0)} req/s; ` +
        `every route ≥ 0.5×: ${pass ? 'PASS' : 'FAIL'}`,
    );
    out(
      '  CPU ratio: bare CPU time per request / API CPU time per request, in the server process;' +
        ' unlike req/s it does not move with the machine’s other work',
    );
  } finally {
    child.kill('SIGTERM');
  }
}

async function benchDialect(dialect: 'sqlite' | 'postgres') {
  const started = performance.now();
  out(`\n${dialect}: a database with 10,000 touches…`);
  const small = await prepare(dialect, 0);
  if (API_ONLY) {
    try {
      await apiTable(dialect, small);
    } finally {
      await small.store.close();
      await small.database.dispose();
    }
    out(`  ${dialect} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  out(`${dialect}: the same with 1,000,000 touches…`);
  const large = await prepare(dialect, HISTORY);
  try {
    const actor: Actor = large.world.measured.actor;
    const member = (await large.ctx.members.findById(
      large.store.executor,
      large.world.workspaceId,
      actor.memberId,
    ))!;
    const calendar = calendarOf(member);
    let horizonEnd = large.world.day;
    for (let i = 0; i < LATER_HORIZON; i++)
      horizonEnd = calendar.nextBusinessDayOnOrAfter(addDays(horizonEnd, 1));
    const bare = await bareReads(large.store, large.database.config, large.world, horizonEnd);

    // Interleaved, so that the machine's other work weighs on all three alike.
    const today: number[] = [];
    const baseline: number[] = [];
    const fewTouches: number[] = [];
    for (let i = 0; i < 3; i++) {
      await getToday(large.ctx, actor);
      await getToday(small.ctx, actor);
      await bare.run();
    }
    for (let i = 0; i < ITERATIONS; i++) {
      today.push(await timed(() => getToday(large.ctx, actor)));
      baseline.push(await timed(() => bare.run()));
      fewTouches.push(await timed(() => getToday(small.ctx, actor)));
    }
    await bare.close();

    const p50 = percentile(today, 50);
    const p99 = percentile(today, 99);
    const b50 = percentile(baseline, 50);
    const b99 = percentile(baseline, 99);
    const s50 = percentile(fewTouches, 50);
    out(`\n  ${dialect}, ${ITERATIONS} runs each, interleaved:`);
    out(`  Today (use case), 1M touches: p50 ${ms(p50)}, p99 ${ms(p99)}`);
    out(`  bare indexed SQL, same rows:  p50 ${ms(b50)}, p99 ${ms(b99)}`);
    out(
      `  ratio Today / bare SQL: p50 ${(p50 / b50).toFixed(2)}×, p99 ${(p99 / b99).toFixed(2)}× (target ≤ 2×) — ${p50 / b50 <= 2 ? 'PASS' : 'FAIL'}`,
    );
    out(
      `  Today p50 with 10k touches ${ms(s50)}, with 1M ${ms(p50)}: ${(p50 / s50).toFixed(2)}× (target ≤ 1.2×) — ${p50 / s50 <= 1.2 ? 'PASS' : 'FAIL'}`,
    );
    await small.store.close();
    await small.database.dispose();

    await apiTable(dialect, large);
    out(`  ${dialect} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await large.store.close();
    await large.database.dispose();
  }
}

for (const dialect of dialects) await benchDialect(dialect);
