/*
 * The march on both dialects, through the real repositories: the range read of a member's
 * touches, local days across UTC midnight, holidays, visibility. The rules over many dates
 * (streaks, joined days, zones and DST) run on in-memory fakes in march.unit.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMarch } from '../../src/core/march/march-report.ts';
import { logTouch } from '../../src/core/touches/flows/log-touch.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { at, dealFor, newRep } from './scenario.ts';

type Rep = Awaited<ReturnType<typeof newRep>>;

/** Touches per local day (New York) before Tue 24 Nov 2026; floor 3, ceiling 4. */
const HISTORY: Record<string, number> = {
  '2026-11-24': 2, // today, in progress
  '2026-11-23': 3, // on
  '2026-11-21': 2, // Saturday: not a business day
  '2026-11-20': 5, // rush
  '2026-11-19': 1, // stall
  '2026-11-18': 3,
  '2026-11-17': 4,
  '2026-11-16': 3,
};

function expectedConsistency(counts: number[]): number {
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const sd = Math.sqrt(counts.reduce((a, c) => a + (c - mean) ** 2, 0) / counts.length);
  return Math.round(Math.max(0, Math.min(1, 1 - sd / mean)) * 100) / 100;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the daily march on ${dialect.name}`, () => {
    let t: TestContext;
    let rep: Rep;
    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      // The rep joined in October: the whole window is theirs.
      rep = await at(t, '2026-10-01T14:00:00Z', () => newRep(t));
      const deal = await dealFor(t, rep, { title: 'Marching' });
      for (const [date, n] of Object.entries(HISTORY)) {
        for (let i = 0; i < n; i++) {
          // 23:30 local is already the next day in UTC: it must count on its local day.
          const time = i === 0 ? '23:30' : `${String(8 + i).padStart(2, '0')}:00`;
          const local = `${date}T${time}`;
          if (date === '2026-11-24' && time === '23:30') continue;
          await logTouch(t.ctx, rep.actor, { dealId: deal, kind: 'email', at: local });
        }
      }
      // Today's own first touch, earlier in the day than the clock.
      await logTouch(t.ctx, rep.actor, { dealId: deal, kind: 'call', at: '2026-11-24T07:00' });
    });
    afterAll(async () => t?.close());

    it('reports the day, the band of the last 20 business days, the streak and the consistency', async () => {
      const march = await getMarch(t.ctx, rep.actor);
      expect(march).toMatchObject({ date: '2026-11-24', floor: 3, ceiling: 4, done: 2 });
      expect(march.days).toHaveLength(20);
      // Today is under the floor but not over: open, not a stall (issue 12, item 4).
      expect(march.days.at(-1)).toEqual({ date: '2026-11-24', touches: 2, band: 'open' });
      const byDate = Object.fromEntries(march.days.map((d) => [d.date, d]));
      expect(byDate['2026-11-23']).toMatchObject({ touches: 3, band: 'on' });
      expect(byDate['2026-11-20']).toMatchObject({ touches: 5, band: 'rush' });
      expect(byDate['2026-11-19']).toMatchObject({ touches: 1, band: 'stall' });
      expect(byDate['2026-11-17']).toMatchObject({ touches: 4, band: 'on' });
      expect(byDate['2026-11-21']).toBeUndefined();
      // Veterans Day is a public holiday in the US: not a business day.
      expect(byDate['2026-11-11']).toBeUndefined();
      expect(
        march.days.every(
          (d) =>
            !['Sat', 'Sun'].includes(new Date(`${d.date}T12:00:00Z`).toUTCString().slice(0, 3)),
        ),
      ).toBe(true);
      // Today is in progress below the floor; Mon 23 and Fri 20 are at or above it; Thu 19 not.
      expect(march.streak).toBe(2);
      // Today is not over: consistency is judged on the days before it.
      expect(march.consistency).toBe(
        expectedConsistency(march.days.slice(0, -1).map((d) => d.touches)),
      );
      expect(march.consistency).toBeGreaterThanOrEqual(0);
    });

    it('shows a rep’s march to a manager, and to nobody else', async () => {
      expect((await getMarch(t.ctx, rep.owner, { memberId: rep.actor.memberId })).done).toBe(2);
      const other = await newRep(t);
      await expect(
        getMarch(t.ctx, other.actor, { memberId: rep.actor.memberId }),
      ).rejects.toMatchObject({ code: 'not-found' });
    });
  });
}
