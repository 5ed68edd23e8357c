import { describe, expect, it } from 'vitest';
import { bandOf, consistency, streak } from './bands.ts';

describe('bandOf', () => {
  it.each([
    { touches: 0, band: 'stall' },
    { touches: 7, band: 'stall' },
    { touches: 8, band: 'on' },
    { touches: 10, band: 'on' },
    { touches: 11, band: 'rush' },
  ])('$touches touches against 8..10 is $band', ({ touches, band }) => {
    expect(bandOf(touches, 8, 10)).toBe(band);
  });
});

describe('consistency (1 − coefficient of variation, clipped to 0..1)', () => {
  it.each([
    { counts: [8, 8, 8, 8], expected: 1 },
    { counts: [6, 10, 6, 10], expected: 0.75 },
    { counts: [0, 0, 0, 20], expected: 0 },
    { counts: [0, 0, 0, 0], expected: 0 },
    { counts: [], expected: 0 },
    { counts: [4, 12], expected: 0.5 },
  ])('$counts → $expected', ({ counts, expected }) => {
    expect(consistency(counts)).toBe(expected);
  });
});

describe('streak', () => {
  it.each([
    { days: [9, 8, 10, 3, 9], inProgress: false, expected: 3 },
    { days: [2, 8, 10, 3], inProgress: true, expected: 2 },
    { days: [2, 8, 10, 3], inProgress: false, expected: 0 },
    { days: [8, 8, 8], inProgress: true, expected: 3 },
    { days: [], inProgress: true, expected: 0 },
  ])('$days (in progress: $inProgress) → $expected', ({ days, inProgress, expected }) => {
    expect(streak(days, 8, inProgress)).toBe(expected);
  });
});
