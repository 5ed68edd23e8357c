/*
 * A reusable data generator for benchmarks: one workspace with a measured member who owns
 * 10,000 open deals among 51 members, with touches, promises, next steps and booked calls laid
 * out around one day (the day the benchmark plans). Rows go in with bulk inserts, as many per
 * statement as the dialect allows, in transactions of about 50,000 rows.
 *
 *   const world = await generateWorld(store, { touches: 10_000 });
 *   await addTouchHistory(store, world, 990_000); // older touches: a deal's last touch stays
 *
 * Everything is deterministic (a seeded generator), so two runs build the same data.
 */
import type { Insertable } from 'kysely';
import { DEFAULT_STAGES } from '../../src/core/deals/types.ts';
import type { IsoDate } from '../../src/core/time/dates.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import type { Store } from '../../src/storage/connection/open.ts';
import { kyselyOf } from '../../src/storage/executor.ts';
import type { Database } from '../../src/storage/schema.ts';

export interface GenerateOptions {
  /** The day the data is laid out around (the measured member's "today"). */
  day?: IsoDate;
  timeZone?: string;
  members?: number;
  measuredOpenDeals?: number;
  otherDealsPerMember?: number;
  accounts?: number;
  /** Recent touches: each touched deal's last touch, and the day's own. */
  touches?: number;
  commitments?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface BenchWorld {
  workspaceId: string;
  day: IsoDate;
  timeZone: string;
  measured: { memberId: string; email: string; actor: Actor };
  /** Deals that have a last touch, with it (history goes before it). */
  touchedDeals: { id: string; ownerId: string; createdAt: string; lastTouchAt: string }[];
  counts: Record<string, number>;
}

const DAY_MS = 86_400_000;
const TX_ROWS = 50_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);

type Table = keyof Database;

/** Inserts rows as they are produced, each statement as large as the dialect's parameter limit
 * allows, committing every ~50,000 rows. */
export async function bulkInsert<T extends Table>(
  store: Store,
  table: T,
  rows: Iterable<Insertable<Database[T]>>,
): Promise<number> {
  let total = 0;
  let batch: Insertable<Database[T]>[] = [];
  let perStatement = 0;
  const flush = async () => {
    if (!batch.length) return;
    const pending = batch;
    batch = [];
    await store.transaction(async (tx) => {
      const db = kyselyOf(tx);
      for (let i = 0; i < pending.length; i += perStatement) {
        // Kysely's insert is typed per table; the rows were built for this one.
        await db
          .insertInto(table)
          .values(pending.slice(i, i + perStatement) as never)
          .execute();
      }
    });
  };
  for (const row of rows) {
    if (perStatement === 0)
      perStatement = Math.max(
        1,
        Math.floor(store.capabilities.maxParameters / Object.keys(row).length) - 1,
      );
    batch.push(row);
    total += 1;
    if (batch.length >= TX_ROWS) await flush();
  }
  await flush();
  return total;
}

/** Local noon of the day in the zone's usual offset is close enough for generated instants;
 * the day's own touches are placed well inside it. */
function noonOf(day: IsoDate): number {
  return Date.parse(`${day}T17:00:00.000Z`);
}

export async function generateWorld(
  store: Store,
  options: GenerateOptions = {},
): Promise<BenchWorld> {
  const day = options.day ?? '2026-11-24';
  const timeZone = options.timeZone ?? 'America/New_York';
  const memberCount = options.members ?? 51;
  const measuredOpen = options.measuredOpenDeals ?? 10_000;
  const otherPerMember = options.otherDealsPerMember ?? 300;
  const accountCount = options.accounts ?? 3_000;
  const touchBudget = options.touches ?? 10_000;
  const commitmentBudget = options.commitments ?? 200_000;
  const log = options.log ?? (() => {});
  const rnd = seeded(options.seed ?? 20261124);
  const noon = noonOf(day);
  const created = iso(noon - 400 * DAY_MS);
  const counts: Record<string, number> = {};

  const workspaceId = 'ws_bench';
  await bulkInsert(store, 'workspaces', [
    { id: workspaceId, name: 'Bench Co', created_at: created, version: 1 },
  ]);
  const memberIds = Array.from({ length: memberCount }, (_, i) => `mb_bench${i}`);
  await bulkInsert(
    store,
    'users',
    memberIds.map((_, i) => ({
      id: `us_bench${i}`,
      email: `member${i}@bench.example`,
      name: `Member ${i}`,
      password_hash: null,
      created_at: created,
      version: 1,
    })),
  );
  counts.members = await bulkInsert(
    store,
    'members',
    memberIds.map((id, i) => ({
      id,
      workspace_id: workspaceId,
      user_id: `us_bench${i}`,
      role: i === 0 ? 'owner' : 'rep',
      time_zone: timeZone,
      region: 'US',
      weekend: 'sat,sun',
      lead_days: 1,
      march_floor: 8,
      march_ceiling: 10,
      created_at: created,
      removed_at: null,
      version: 1,
    })),
  );
  // The measured member is a rep (index 1): Today reads only their own deals.
  const measuredId = memberIds[1]!;
  const stageIds = DEFAULT_STAGES.map((_, i) => `st_bench${i}`);
  await bulkInsert(
    store,
    'stages',
    DEFAULT_STAGES.map((s, i) => ({
      id: stageIds[i]!,
      workspace_id: workspaceId,
      name: s.name,
      name_key: s.name.toLowerCase(),
      position: i,
      neglect_days: s.neglectDays,
      version: 1,
    })),
  );
  counts.accounts = await bulkInsert(
    store,
    'accounts',
    (function* () {
      for (let i = 0; i < accountCount; i++)
        yield {
          id: `ac_bench${i}`,
          workspace_id: workspaceId,
          name: `Account ${i}`,
          name_key: `account ${i}`,
          domain: null,
          external_ref: null,
          created_at: created,
          version: 1,
        };
    })(),
  );
  log(`  workspace, ${memberCount} members, ${accountCount} accounts`);

  // Deals: the measured member's 10,000 open ones (plus paused and lost ones), then the others'.
  // Most were touched in the last month, the measured member's first; a deal's last touch is
  // always a touch row, so the touch budget decides which deals have one.
  interface DealPlan {
    id: string;
    ownerId: string;
    status: string;
    createdMs: number;
    lastTouchMs: number | null;
  }
  const deals: DealPlan[] = [];
  const plan = (ownerId: string, status: string) => {
    const createdMs = noon - rnd.int(7, 700) * DAY_MS - rnd.int(0, 36_000) * 1000;
    const wouldTouch = rnd.next() < 0.85;
    deals.push({
      id: `dl_bench${deals.length}`,
      ownerId,
      status,
      createdMs,
      lastTouchMs: wouldTouch
        ? Math.max(createdMs + 60_000, noon - rnd.int(1, 30) * DAY_MS - rnd.int(0, 30_000) * 1000)
        : null,
    });
  };
  for (let i = 0; i < measuredOpen; i++) plan(measuredId, 'open');
  for (let i = 0; i < 300; i++) plan(measuredId, 'paused');
  for (let i = 0; i < 300; i++) plan(measuredId, 'lost');
  for (const owner of memberIds)
    if (owner !== measuredId)
      for (let i = 0; i < otherPerMember; i++) plan(owner, rnd.next() < 0.9 ? 'open' : 'won');
  let touchesLeft = touchBudget - 3;
  for (const d of deals) {
    if (d.lastTouchMs === null) continue;
    if (touchesLeft > 0) touchesLeft -= 1;
    else d.lastTouchMs = null;
  }
  // Three touches on the day by the measured member, the newest on their deals.
  const measuredDeals = deals.filter((d) => d.ownerId === measuredId && d.status === 'open');
  measuredDeals.slice(0, 3).forEach((d, i) => (d.lastTouchMs = noon - (i + 1) * 3_600_000));

  counts.deals = await bulkInsert(
    store,
    'deals',
    deals.map((d) => ({
      id: d.id,
      workspace_id: workspaceId,
      account_id: `ac_bench${rnd.int(0, accountCount - 1)}`,
      owner_id: d.ownerId,
      title: `Deal ${d.id.slice(8)}`,
      stage_id: rnd.pick(stageIds),
      amount_minor: rnd.int(1_000, 10_000_000),
      currency: 'USD',
      expected_close: dateOf(noon + rnd.int(10, 200) * DAY_MS),
      status: d.status,
      re_engage_on: d.status === 'paused' ? dateOf(noon + rnd.int(-20, 60) * DAY_MS) : null,
      close_reason: d.status === 'open' ? null : 'not-now',
      closed_at: d.status === 'open' ? null : iso(noon - rnd.int(1, 100) * DAY_MS),
      stage_changed_at: iso(d.createdMs + Math.floor(rnd.next() * (noon - d.createdMs) * 0.9)),
      last_touch_at: d.lastTouchMs === null ? null : iso(d.lastTouchMs),
      external_ref: null,
      created_at: iso(d.createdMs),
      updated_at: iso(d.createdMs),
      version: 1,
    })),
  );
  log(`  ${counts.deals} deals (${measuredOpen} open for the measured member)`);

  const touchedDeals = deals.filter((d) => d.lastTouchMs !== null);
  counts.touches = await bulkInsert(
    store,
    'touches',
    touchedDeals.map((d, n) =>
      touchRow(`tc_bench${n}`, workspaceId, d.id, d.ownerId, d.lastTouchMs!, rnd),
    ),
  );
  log(`  ${counts.touches} touches`);

  // Promises: a quarter of the budget on the measured member's deals. Most are kept; the open
  // ones fall due over the next three months, a handful are due that day or overdue.
  const otherDeals = deals.filter((d) => d.ownerId !== measuredId && d.status === 'open');
  let overdueLeft = { ours: 20, theirs: 20 };
  let dueToday = 10;
  counts.commitments = await bulkInsert(
    store,
    'commitments',
    (function* () {
      for (let n = 0; n < commitmentBudget; n++) {
        const d = n % 4 === 0 ? rnd.pick(measuredDeals) : rnd.pick(otherDeals);
        const side = rnd.next() < 0.7 ? 'ours' : 'theirs';
        const roll = rnd.next();
        const state = roll < 0.8 ? 'done' : roll < 0.95 ? 'open' : 'dropped';
        let dueMs: number;
        if (state === 'open' && d.ownerId === measuredId && overdueLeft[side] > 0) {
          overdueLeft = { ...overdueLeft, [side]: overdueLeft[side] - 1 };
          dueMs = noon - rnd.int(1, 5) * DAY_MS;
        } else if (
          state === 'open' &&
          d.ownerId === measuredId &&
          side === 'ours' &&
          dueToday > 0
        ) {
          dueToday -= 1;
          dueMs = noon;
        } else if (state === 'open') {
          dueMs = noon + rnd.int(1, 90) * DAY_MS;
        } else {
          dueMs = noon - rnd.int(1, 300) * DAY_MS;
        }
        const madeMs = Math.min(dueMs, noon) - rnd.int(1, 14) * DAY_MS;
        const weekday = new Date(dueMs).getUTCDay();
        const targetMs = dueMs - (weekday === 1 ? 3 : weekday === 0 ? 2 : 1) * DAY_MS;
        const doneMs = Math.min(dueMs + rnd.int(-3, 2) * DAY_MS, noon - DAY_MS);
        const classification =
          state !== 'done'
            ? null
            : doneMs < dueMs
              ? 'early'
              : doneMs === dueMs
                ? 'on-time'
                : 'late';
        yield {
          id: `cm_bench${n}`,
          workspace_id: workspaceId,
          deal_id: d.id,
          owner_id: d.ownerId,
          side,
          text: `Promise ${n}`,
          due_date: dateOf(dueMs),
          due_time: null,
          made_on: dateOf(madeMs),
          lead_days: null,
          target_date: dateOf(Math.max(targetMs, madeMs)),
          state,
          done_at: state === 'done' ? iso(doneMs) : null,
          classification,
          dropped_reason: state === 'dropped' ? 'no longer needed' : null,
          snoozed_until: null,
          snooze_reason: null,
          last_chased_at: null,
          source_sentence: null,
          call_id: null,
          created_at: iso(madeMs),
          updated_at: iso(madeMs),
          version: 1,
        };
      }
    })(),
  );
  log(`  ${counts.commitments} commitments`);

  // Next steps: half the open deals have one ahead, a few on the day, some already past.
  let today = 5;
  counts.nextSteps = await bulkInsert(
    store,
    'next_steps',
    (function* () {
      let n = 0;
      for (const d of deals) {
        const roll = rnd.next();
        if (d.status !== 'open' || roll > 0.6) continue;
        const onDay = d.ownerId === measuredId && today > 0 && roll < 0.5;
        if (onDay) today -= 1;
        const dueMs = onDay
          ? noon
          : roll < 0.5
            ? noon + rnd.int(1, 30) * DAY_MS
            : noon - rnd.int(1, 20) * DAY_MS;
        yield {
          id: `ns_bench${n++}`,
          workspace_id: workspaceId,
          deal_id: d.id,
          text: 'Follow-up meeting',
          due_date: dateOf(dueMs),
          due_time: onDay ? '14:00' : null,
          state: 'open',
          call_id: null,
          created_by: d.ownerId,
          created_at: iso(Math.min(noon - DAY_MS, dueMs - DAY_MS)),
          version: 1,
        };
      }
    })(),
  );
  counts.calls = await bulkInsert(
    store,
    'calls',
    measuredDeals.slice(10, 13).map((d, i) => ({
      id: `cl_bench${i}`,
      workspace_id: workspaceId,
      deal_id: d.id,
      logged_by: measuredId,
      started_at: iso(noon + (i + 1) * 3_600_000),
      time_zone: timeZone,
      notes: '',
      outcome: null,
      reason: null,
      lesson: null,
      lesson_habits: '[]',
      created_at: iso(noon - DAY_MS),
      version: 1,
    })),
  );
  log(`  ${counts.nextSteps} next steps, ${counts.calls} booked calls`);

  return {
    workspaceId,
    day,
    timeZone,
    measured: {
      memberId: measuredId,
      email: 'member1@bench.example',
      actor: { memberId: measuredId, workspaceId, role: 'rep' },
    },
    touchedDeals: touchedDeals.map((d) => ({
      id: d.id,
      ownerId: d.ownerId,
      createdAt: iso(d.createdMs),
      lastTouchAt: iso(d.lastTouchMs!),
    })),
    counts,
  };
}

function touchRow(
  id: string,
  workspaceId: string,
  dealId: string,
  memberId: string,
  atMs: number,
  rnd: ReturnType<typeof seeded>,
): Insertable<Database['touches']> {
  return {
    id,
    workspace_id: workspaceId,
    deal_id: dealId,
    member_id: memberId,
    kind: rnd.pick(['email', 'call', 'meeting', 'message']),
    at: iso(atMs),
    text: null,
    commitment_id: null,
    call_id: null,
    created_at: iso(atMs),
  };
}

/**
 * Adds `count` older touches spread over the touched deals' lives, each strictly before the
 * deal's last touch, so that the summaries Today reads (last touch, the day's count) stay as
 * they were: only the history grows.
 */
export async function addTouchHistory(
  store: Store,
  world: BenchWorld,
  count: number,
  seed = 7,
): Promise<number> {
  const rnd = seeded(seed);
  const deals = world.touchedDeals.filter(
    (d) => Date.parse(d.lastTouchAt) - Date.parse(d.createdAt) > 60_000,
  );
  const added = await bulkInsert(
    store,
    'touches',
    (function* () {
      for (let n = 0; n < count; n++) {
        const d = deals[n % deals.length]!;
        const from = Date.parse(d.createdAt);
        const to = Date.parse(d.lastTouchAt) - 1_000;
        yield touchRow(
          `tc_hist${seed}_${n}`,
          world.workspaceId,
          d.id,
          d.ownerId,
          from + Math.floor(rnd.next() * (to - from)),
          rnd,
        );
      }
    })(),
  );
  world.counts.touches = (world.counts.touches ?? 0) + added;
  return added;
}
