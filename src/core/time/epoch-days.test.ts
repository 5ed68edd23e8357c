import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { civil, dayOfWeek, epochDay, isoOf, parseIsoDay } from './epoch-days.ts';

describe('epoch days', () => {
  it('agree with Temporal on every date from 1900 to 2200', () => {
    const start = Temporal.PlainDate.from('1900-01-01');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 * 366 }), (offset) => {
        const d = start.add({ days: offset });
        const n = epochDay(d.year, d.month, d.day);
        expect(isoOf(n)).toBe(d.toString());
        expect(civil(n)).toEqual({ year: d.year, month: d.month, day: d.day });
        expect(dayOfWeek(n)).toBe(d.dayOfWeek);
        expect(parseIsoDay(d.toString())).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses impossible dates', () => {
    expect(() => parseIsoDay('2026-02-29')).toThrow(/not a real calendar date/);
    expect(() => parseIsoDay('2026-13-01')).toThrow(/not a real calendar date/);
    expect(() => parseIsoDay('2026-1-1')).toThrow(/2026-11-27/);
    expect(parseIsoDay('2028-02-29')).toBe(epochDay(2028, 2, 29));
    expect(epochDay(1970, 1, 1)).toBe(0);
  });
});
