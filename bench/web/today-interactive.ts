/**
 * Today interactive with 10,000 open deals (docs/rules.md#performance-targets: within 1 s), in headless Chromium.
 *
 * The measured member of the shared benchmark world (bench/support/generate.ts: 10,000 open
 * deals of theirs among 51 members, promises, next steps, touches) opens the web app at `/`,
 * signed in. "Interactive" is the moment, counted from the start of navigation, at which the
 * agenda is on screen with its first action button rendered by React (so its click handler is
 * live). It is measured inside the page by a MutationObserver, not by polling from outside.
 *
 * Cold: a fresh browser profile (nothing cached) and a server that must compute Today afresh
 * (a write just before invalidates its cached answer). Warm: the same page loaded again (scripts
 * from the HTTP cache, the agenda revalidated with the server). Printed against the 1 s budget,
 * with the server's own time for GET /api/v1/today in the same run for scale.
 *
 *   npm run bench:web            (builds the app if needed)
 *   npx tsx bench/web/today-interactive.ts [--quick]   (--quick: fewer promises and runs)
 *   BENCH_DEBUG=1 …              also prints every request of every run, with its timing
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { contextFor } from '../../src/app/context.ts';
import { openSession } from '../../src/core/auth/flows/sessions.ts';
import { logTouch } from '../../src/core/touches/flows/log-touch.ts';
import { fixedClock } from '../../test/support/clock.ts';
import { buildServer } from '../../src/http/server.ts';
import { LOCAL_SESSION_COOKIE } from '../../src/http/auth/session-cookie.ts';
import { openStore } from '../../src/storage/connection/open.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../e2e/support/browser.ts';
import { generateWorld } from '../support/generate.ts';

const QUICK = process.argv.includes('--quick');
const WARM_RUNS = QUICK ? 3 : 7;
const COLD_RUNS = QUICK ? 2 : 5;
const BUDGET_MS = 1000;

const out = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!fs.existsSync(CHROMIUM)) {
  out(`No ${CHROMIUM}: install Debian's chromium (apt-get install chromium) to run this bench.`);
  process.exit(0);
}
if (!fs.existsSync(path.resolve('web/dist/index.html'))) {
  out('No web/dist: run npm run build:web first (npm run bench:web does).');
  process.exit(1);
}

// Records when the first agenda item's first action button appears, from navigation start.
const PROBE = `
  new MutationObserver((_m, observer) => {
    if (document.querySelector('[data-kind] button')) {
      globalThis.__interactiveAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-bench-web-'));
  const store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'bench.db') });
  await store.migrateToLatest();
  const started = performance.now();
  out(`Building the benchmark world${QUICK ? ' (quick)' : ''}…`);
  const world = await generateWorld(store, {
    ...(QUICK && { commitments: 20_000, otherDealsPerMember: 50 }),
    log: (line) => out(line),
  });
  out(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The member's day, mid-morning in their zone, on the server's clock (Today's date comes from
  // the server; the page's own clock does not enter into it).
  const now = new Date(`${world.day}T15:00:00.000Z`);
  const ctx = contextFor(store, fixedClock(now.toISOString()));
  const member = await ctx.members.findById(
    store.executor,
    world.workspaceId,
    world.measured.memberId,
  );
  if (!member) throw new Error('The measured member is missing.');
  const { secret } = await ctx.runner.transaction((tx) => openSession(ctx, tx, member));

  const app = await buildServer(ctx, { webDist: path.resolve('web/dist') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  const cookie = { name: LOCAL_SESSION_COOKIE, value: secret, url: base };

  // A write to the workspace makes the server compute Today afresh (its answer is cached until
  // something changes); a cold run starts from one.
  const ownDeal = world.touchedDeals.find((d) => d.ownerId === member.id)!;
  const bustServerCache = () =>
    logTouch(ctx, world.measured.actor, { dealId: ownDeal.id, kind: 'email', text: 'bench' });

  // The server alone: GET /api/v1/today computed afresh each time.
  const apiTimes: number[] = [];
  let items = 0;
  for (let i = 0; i < WARM_RUNS; i++) {
    await bustServerCache();
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/today`, {
      headers: { cookie: `${LOCAL_SESSION_COOKIE}=${secret}` },
    });
    const body = (await res.json()) as { items: unknown[]; later: unknown[] };
    apiTimes.push(performance.now() - t0);
    items = body.items.length + body.later.length;
  }

  const measure = async (runs: number, cold: boolean) => {
    const times: number[] = [];
    const afterAgenda: number[] = [];
    let profile = '';
    let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | null = null;
    for (let i = 0; i < runs; i++) {
      if (cold || !context) {
        await context?.close();
        if (profile) fs.rmSync(profile, { recursive: true, force: true });
        profile = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-bench-chromium-'));
        context = await chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          headless: true,
          args: CHROMIUM_FLAGS,
          viewport: { width: 1280, height: 860 },
          timezoneId: member.timeZone,
        });
        await context.addCookies([cookie]);
        await context.addInitScript(PROBE);
        if (!cold) {
          // Prime the HTTP cache once; the warm runs are the loads after it.
          const page = context.pages()[0] ?? (await context.newPage());
          await page.goto(`${base}/`);
          await page.waitForSelector('[data-kind] button', { timeout: 30_000 });
        }
      }
      const page = context.pages()[0] ?? (await context.newPage());
      if (cold) await bustServerCache();
      await page.goto(`${base}/`, { waitUntil: 'commit' });
      // A function, not a string: the app's content security policy forbids eval.
      const probe = () => (globalThis as { __interactiveAt?: number }).__interactiveAt ?? 0;
      await page.waitForFunction(probe, null, { timeout: 30_000, polling: 50 });
      times.push(await page.evaluate(probe));
      const entries = await page.evaluate(() =>
        (
          globalThis as unknown as {
            performance: {
              getEntriesByType(
                t: string,
              ): { name: string; startTime: number; responseEnd: number }[];
            };
          }
        ).performance
          .getEntriesByType('resource')
          .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
      );
      const agenda = entries.find((e) => e.name === '/api/v1/today');
      if (agenda) afterAgenda.push(times.at(-1)! - agenda.end);
      if (process.env.BENCH_DEBUG) {
        const lines = entries.map((e) => `${e.name} ${e.start.toFixed(0)}→${e.end.toFixed(0)}`);
        out(
          `    ${cold ? 'cold' : 'warm'} run ${i + 1}: ${times.at(-1)!.toFixed(0)} ms\n      ${lines.join('\n      ')}`,
        );
      }
    }
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    return { times, afterAgenda };
  };

  const cold = await measure(COLD_RUNS, true);
  const warm = await measure(WARM_RUNS, false);
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  out('');
  out(
    `Today for a member with ${QUICK ? 'the quick world’s' : '10,000'} open deals (${items} agenda items), SQLite:`,
  );
  out(
    `  GET /api/v1/today computed (server only) median ${median(apiTimes).toFixed(1)} ms   [${fmt(apiTimes)}]`,
  );
  out(`  interactive, cold  median ${median(cold.times).toFixed(0)} ms   [${fmt(cold.times)}]`);
  out(`  interactive, warm  median ${median(warm.times).toFixed(0)} ms   [${fmt(warm.times)}]`);
  out(
    `  of which the page's own work once the agenda arrived: cold ${median(cold.afterAgenda).toFixed(0)} ms, warm ${median(warm.afterAgenda).toFixed(0)} ms`,
  );
  out(
    `  budget ${BUDGET_MS} ms: cold at ${(median(cold.times) / BUDGET_MS).toFixed(2)}×, warm at ${(median(warm.times) / BUDGET_MS).toFixed(2)}× the budget`,
  );
  out(
    `  (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores)`,
  );
}

await main();
