import { describe, expect, it } from 'vitest';
import { DateOrderDetector, parseSourceDate, parseSourceInstant } from './dates.ts';
import { parseSourceAmount } from './resolve.ts';
import { plainText } from './text.ts';

describe('dates in exports', () => {
  it.each([
    ['2026-11-24', null, '2026-11-24'],
    ['2026-11-24 14:30', null, '2026-11-24'],
    ['2026-11-24T23:30:00.000+0000', null, '2026-11-24'],
    ['11/24/2026', 'mdy', '2026-11-24'],
    ['24/11/2026', 'dmy', '2026-11-24'],
    ['24.11.2026', 'dmy', '2026-11-24'],
    ['05/05/2026', null, '2026-05-05'],
    ['02/30/2026', 'mdy', null],
    ['2026-13-01', null, null],
    ['next week', 'mdy', null],
  ] as const)('%s read %s is %s', (value, order, expected) => {
    expect(parseSourceDate(value, order)).toBe(expected);
  });

  it('reads times as UTC unless an offset says otherwise, and 12-hour clocks', () => {
    expect(parseSourceInstant('2026-11-24 14:30', null)).toBe('2026-11-24T14:30:00.000Z');
    expect(parseSourceInstant('2026-11-24T14:30:00.000-0500', null)).toBe(
      '2026-11-24T19:30:00.000Z',
    );
    expect(parseSourceInstant('11/24/2026 2:30 PM', 'mdy')).toBe('2026-11-24T14:30:00.000Z');
    expect(parseSourceInstant('11/24/2026 12:05 AM', 'mdy')).toBe('2026-11-24T00:05:00.000Z');
    // 29 February exists only in leap years.
    expect(parseSourceDate('29.02.2028', 'dmy')).toBe('2028-02-29');
    expect(parseSourceDate('29.02.2027', 'dmy')).toBeNull();
  });

  it('decides the order from the values that prove it, and refuses to guess', () => {
    const order = (...values: string[]) => {
      const d = new DateOrderDetector();
      values.forEach((v) => d.add(v));
      return d.decide();
    };
    expect(order('03/04/2026', '11/24/2026')).toEqual({ order: 'mdy' });
    expect(order('03/04/2026', '24/11/2026')).toEqual({ order: 'dmy' });
    expect(order('2026-03-04')).toEqual({ order: null });
    expect(order('03.04.2026')).toEqual({ order: 'dmy' });
    expect(order('03/04/2026')).toMatchObject({ refusal: expect.stringContaining('03/04/2026') });
    expect(order('11/24/2026', '24/11/2026')).toMatchObject({
      refusal: expect.stringContaining('mix'),
    });
  });
});

describe('amounts in exports', () => {
  it.each([
    ['12500', 1_250_000],
    ['12500.5', 1_250_050],
    ['12,500.50', 1_250_050],
    ['12.500,50', 1_250_050],
    ['12500,50', 1_250_050],
    ['1.250.000', 125_000_000],
    ['12,500', 1_250_000],
    ['$ 1,200', 120_000],
    ['1 200,00 €', 120_000],
  ])('%s is %i minor units', (value, minor) => {
    expect(parseSourceAmount(value)).toBe(minor);
  });

  it.each(['lots', '-5', '1,2,3.4.5'])('%s is refused', (value) => {
    expect(() => parseSourceAmount(value)).toThrow(/Amount/);
  });
});

describe('notes', () => {
  it('turns editor HTML into plain text and leaves plain text alone', () => {
    expect(plainText('<p>Hello <b>there</b> &amp; welcome</p><p>Bye&nbsp;now</p>')).toBe(
      'Hello there & welcome\nBye now',
    );
    expect(plainText('<ul><li>one</li><li>two</li></ul>')).toBe('- one\n- two');
    expect(plainText('a < b and c > d')).toBe('a < b and c > d');
    expect(plainText('  \r\n ')).toBeNull();
  });
});
