/*
 * The march's rules (streak, bands, business days, the day a member joined, local days in
 * several zones and across DST) on in-memory fakes: no database, so no dialect loop. What the
 * SQL must get right (the range read, touches late in the local evening) stays in
 * march.test.ts, which runs on both dialects.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { getMarch } from '../../src/core/march/march-report.ts';
import { fakeWorld, type FakeMember } from '../support/fakes.ts';

/** The instant of a local wall-clock time in a zone. */
const local = (dateTime: string, timeZone: string) =>
  Temporal.PlainDateTime.from(dateTime).toZonedDateTime(timeZone).toInstant().toString();

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

function consistencyOf(counts: number[]): number {
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const sd = Math.sqrt(counts.reduce((a, c) => a + (c - mean) ** 2, 0) / counts.length);
  return Math.round(Math.max(0, Math.min(1, 1 - sd / mean)) * 100) / 100;
}

function withHistory() {
  const world = fakeWorld('2026-11-24T15:00:00Z');
  const rep = world.addMember({ createdAt: '2026-10-01T14:00:00.000Z' });
  for (const [date, n] of Object.entries(HISTORY))
    for (let i = 0; i < n; i++)
      world.touch(rep, local(`${date}T${String(8 + i).padStart(2, '0')}:00`, 'America/New_York'));
  return { world, rep };
}

describe('the daily march, on fakes', () => {
  it.each([
    { date: '2026-11-20', done: 5, streak: 1, last: '2026-11-20' },
    { date: '2026-11-18', done: 3, streak: 3, last: '2026-11-18' },
    { date: '2026-11-21', done: 2, streak: 1, last: '2026-11-20' },
    { date: '2026-11-19', done: 1, streak: 0, last: '2026-11-19' },
  ])('as of $date: $done touches, streak $streak', async ({ date, done, streak, last }) => {
    const { world, rep } = withHistory();
    const march = await getMarch(world.deps, rep.actor, { date });
    expect(march).toMatchObject({ date, done, streak });
    expect(march.days.at(-1)!.date).toBe(last);
  });

  it('leaves today open under the floor and skips weekends and US holidays', async () => {
    const { world, rep } = withHistory();
    const march = await getMarch(world.deps, rep.actor);
    expect(march.days.at(-1)).toEqual({ date: '2026-11-24', touches: 2, band: 'open' });
    const dates = march.days.map((d) => d.date);
    expect(dates).not.toContain('2026-11-21');
    expect(dates).not.toContain('2026-11-11'); // Veterans Day
    expect(march.streak).toBe(2);
    // Today is not over: its count so far does not weigh on consistency either.
    expect(march.consistency).toBe(consistencyOf(march.days.slice(0, -1).map((d) => d.touches)));
  });

  it('judges no consistency from today alone, before it is over', async () => {
    // Issue 12, item 4: a member who joined today and made one touch was "1.00 consistent".
    const world = fakeWorld('2026-11-24T15:00:00Z');
    const fresh = world.addMember({ createdAt: '2026-11-24T14:00:00.000Z' });
    world.touch(fresh, '2026-11-24T14:30:00Z');
    const march = await getMarch(world.deps, fresh.actor);
    expect(march.days).toEqual([{ date: '2026-11-24', touches: 1, band: 'open' }]);
    expect(march.consistency).toBe(0);
    // As of that day once it is over, the day is judged.
    world.clock.set('2026-11-25T15:00:00Z');
    expect((await getMarch(world.deps, fresh.actor, { date: '2026-11-24' })).consistency).toBe(1);
  });

  it('starts a member’s march the day they joined: no stalls before, today left open', async () => {
    const world = fakeWorld('2026-11-24T15:00:00Z');
    const fresh = world.addMember({ createdAt: '2026-11-19T14:00:00.000Z' });
    expect((await getMarch(world.deps, fresh.actor)).days).toEqual([
      { date: '2026-11-19', touches: 0, band: 'stall' },
      { date: '2026-11-20', touches: 0, band: 'stall' },
      { date: '2026-11-23', touches: 0, band: 'stall' },
      { date: '2026-11-24', touches: 0, band: 'open' },
    ]);
  });

  it('makes a streak of a steady run; the idle days before it weigh on consistency', async () => {
    const world = fakeWorld('2026-11-24T15:00:00Z');
    const steady = world.addMember({ createdAt: '2026-10-01T14:00:00.000Z' });
    const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
    days.push('2026-11-23');
    for (const d of days)
      for (const h of ['09', '10', '11'])
        world.touch(steady, local(`${d}T${h}:00`, 'America/New_York'));
    const march = await getMarch(world.deps, steady.actor, { date: '2026-11-23' });
    expect(march.streak).toBe(6);
    // 6 days of 3 and 14 of 0: mean 0.9, standard deviation about 1.37.
    expect(march.consistency).toBe(0);
    expect(march.days.filter((d) => d.touches === 3).map((d) => d.date)).toEqual(days);
  });

  it('keeps a run going past a long streak window (more than 60 business days)', async () => {
    const world = fakeWorld('2026-11-24T15:00:00Z');
    const veteran = world.addMember({ createdAt: '2025-01-01T14:00:00.000Z', region: 'GB-ENG' });
    const days: string[] = [];
    // Every weekday from 1 Jun 2026 to 23 Nov 2026, three touches each (holidays count too: a
    // touch on a holiday is simply not on a business day).
    for (
      let d = Temporal.PlainDate.from('2026-06-01');
      d.toString() <= '2026-11-23';
      d = d.add({ days: 1 })
    ) {
      if (d.dayOfWeek > 5) continue;
      days.push(d.toString());
      for (const h of ['09', '10', '11'])
        world.touch(veteran, local(`${d}T${h}:00`, 'America/New_York'));
    }
    const march = await getMarch(world.deps, veteran.actor, { date: '2026-11-23' });
    // GB-ENG business days in that span: the weekdays less the August bank holiday (31 Aug).
    expect(march.streak).toBe(days.length - 1);
    expect(march.days).toHaveLength(20);
    expect(march.days.every((d) => d.band === 'on')).toBe(true);
  });

  // A touch late in the evening counts on its local day, whatever the zone and however far the
  // clocks moved that weekend (Europe left summer time on Sun 25 Oct 2026, the US on 1 Nov).
  for (const timeZone of ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Kolkata']) {
    it(`counts touches on their local day in ${timeZone}, across the change of clocks`, async () => {
      const world = fakeWorld(local('2026-11-03T12:00', timeZone));
      const rep: FakeMember = world.addMember({
        timeZone,
        region: 'US',
        createdAt: '2026-09-01T00:00:00.000Z',
      });
      const at = (dateTime: string) => world.touch(rep, local(dateTime, timeZone));
      at('2026-10-23T23:30'); // Friday, late
      at('2026-10-25T01:30'); // Sunday: not a business day
      at('2026-10-26T00:15'); // Monday, just after midnight
      at('2026-10-30T23:59');
      at('2026-11-02T00:00');
      const march = await getMarch(world.deps, rep.actor, { date: '2026-11-02' });
      const byDate = Object.fromEntries(march.days.map((d) => [d.date, d.touches]));
      expect(byDate['2026-10-23']).toBe(1);
      expect(byDate['2026-10-26']).toBe(1);
      expect(byDate['2026-10-30']).toBe(1);
      expect(march.done).toBe(1);
      expect(byDate['2026-10-25']).toBeUndefined();
      expect(march.days.reduce((n, d) => n + d.touches, 0)).toBe(4);
    });
  }

  it('shows a rep’s march to a manager, and to no other rep', async () => {
    const { world, rep } = withHistory();
    const manager = world.addMember({ role: 'manager' });
    const other = world.addMember();
    expect((await getMarch(world.deps, manager.actor, { memberId: rep.member.id })).done).toBe(2);
    await expect(
      getMarch(world.deps, other.actor, { memberId: rep.member.id }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });
});
