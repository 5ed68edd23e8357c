import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoOf } from '../time/epoch-days.ts';
import { rankOf } from './candidates.ts';
import { mergeByDeal, planDay, type Candidate, type DayPlanInput } from './plan-day.ts';
import type { AgendaKind } from './types.ts';

/*
 * The day planner (docs/rules.md#today) as properties over any day: any floor and ceiling, any
 * touches already made, candidates of every kind (several may share a deal), fixed or not,
 * promises due before, on or after the day, fill-ins, and a horizon of later business days
 * with some of their room already taken. The seed is fixed so a failure is repeatable.
 */
const SEED = 20261204;
const TODAY = 20_416; // 2025-11-24, a Monday
const KINDS: AgendaKind[] = ['deliver', 'chase', 'meet', 'revive', 'prospect'];

const candidate = (prefix: string) =>
  fc
    .record({
      kind: fc.constantFrom(...KINDS),
      deal: fc.integer({ min: 1, max: 12 }),
      fixed: fc.boolean(),
      // A due date from a week late to three weeks ahead, or none.
      due: fc.option(fc.integer({ min: -7, max: 21 }), { nil: null }),
      sub: fc.integer({ min: 0, max: 99 }),
    })
    .map(({ kind, deal, fixed, due, sub }): Candidate => ({
      kind,
      key: `${prefix}${deal}`,
      fixed,
      rank: rankOf(kind, sub),
      latest: due === null ? null : isoOf(TODAY + due),
      item: () => ({
        kind,
        dealId: `${prefix}${deal}`,
        accountId: null,
        commitmentId: null,
        nextStepId: null,
        callId: null,
        title: `${kind} ${prefix}${deal}`,
        dealTitle: null,
        reason: kind,
        due: due === null ? null : isoOf(TODAY + due),
        target: null,
        time: null,
        fixed,
        momentum: null,
        actions: ['touch'],
      }),
    }));

const laterDays = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 3 }),
      fixedCount: fc.integer({ min: 0, max: 6 }),
      fixedDeals: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
    }),
    { maxLength: 8 },
  )
  .map((days) => {
    let day = TODAY;
    return days.map(({ gap, fixedCount, fixedDeals }) => {
      day += gap;
      return {
        date: isoOf(day),
        fixedCount,
        fixedDeals: new Set(fixedDeals.map((d) => `d${d}`)),
      };
    });
  });

const inputs = fc
  .record({
    businessDay: fc.boolean(),
    floor: fc.integer({ min: 0, max: 12 }),
    extra: fc.integer({ min: 0, max: 6 }),
    done: fc.integer({ min: 0, max: 20 }),
    candidates: fc.array(candidate('d'), { maxLength: 30 }),
    // One fill-in per deal, as Today builds them; one may name a deal that already has a
    // candidate (then it is not added).
    fillIns: fc.uniqueArray(
      candidate('d').map((c) => ({ ...c, fixed: false })),
      { maxLength: 10, selector: (c) => c.key },
    ),
    laterDays,
  })
  .map(({ floor, extra, ...rest }): DayPlanInput => ({
    ...rest,
    date: isoOf(TODAY),
    floor,
    ceiling: floor + extra,
  }));

/** What planning must respect, read from the merged candidates (one per deal). */
function expectations(input: DayPlanInput) {
  const merged = mergeByDeal(input.candidates);
  const firstLater = input.laterDays[0]?.date;
  return {
    merged,
    fixed: merged.filter((c) => c.fixed),
    // A promise with no later business day on or before its due date has to stay today.
    mustStay: merged.filter(
      (c) => !c.fixed && c.latest !== null && (firstLater === undefined || c.latest < firstLater),
    ),
  };
}

describe('the day planner, for any day (seeded)', () => {
  it('never lists flexible work that takes the day above the ceiling', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const plan = planDay(input);
        const { fixed, mustStay } = expectations(input);
        // Fixed items and promises that cannot wait are listed whatever the count; the rest
        // fill only what the ceiling leaves after the touches made and the fixed items.
        const room = Math.max(0, input.ceiling - input.done - fixed.length);
        const flexibleListed = plan.items.length - fixed.length - mustStay.length;
        expect(flexibleListed).toBeLessThanOrEqual(input.businessDay ? room : 0);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('never plans a promise after its due date', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const plan = planDay(input);
        const latest = new Map(expectations(input).merged.map((c) => [c.key, c.latest]));
        for (const item of plan.later) {
          const due = latest.get(item.dealId!);
          if (due) expect(item.planned <= due, `${item.title} on ${item.planned}`).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('always lists every fixed item today, and each deal at most once', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const plan = planDay(input);
        const listed = plan.items.map((i) => i.dealId);
        for (const c of expectations(input).fixed) expect(listed).toContain(c.key);
        const all = [...listed, ...plan.later.map((i) => i.dealId)];
        expect(new Set(all).size).toBe(all.length);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
