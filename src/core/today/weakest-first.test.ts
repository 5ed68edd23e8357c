import { describe, expect, it } from 'vitest';
import type { Revival } from './candidates.ts';
import { weakestFirst } from './weakest-first.ts';

function revival(id: string, momentum: number, lastTouchAt: string | null): Revival {
  return {
    momentum,
    neglect: { neglected: true, reasons: ['no-touch'] },
    deal: {
      id,
      title: id,
      accountId: 'ac_1',
      stageId: 'st_1',
      stageName: 'Demo',
      neglectDays: 7,
      lastTouchAt,
      createdAt: '2026-01-01T00:00:00.000Z',
      stageChangedAt: '2026-01-01T00:00:00.000Z',
      nextStep: null,
    },
  };
}

/** The same order as Today's rank for revivals, by a plain sort. */
function byRank(a: Revival, b: Revival): number {
  const key = (r: Revival) =>
    [String(r.momentum).padStart(3, '0'), r.deal.lastTouchAt ?? r.deal.createdAt, r.deal.id].join(
      '|',
    );
  return key(a) < key(b) ? -1 : 1;
}

describe('weakestFirst', () => {
  const pool = [
    revival('d1', 40, '2026-11-10T10:00:00.000Z'),
    revival('d2', 12, '2026-11-12T10:00:00.000Z'),
    revival('d3', 12, '2026-11-02T10:00:00.000Z'),
    revival('d4', 100, null),
    revival('d5', 0, '2026-11-20T10:00:00.000Z'),
    revival('d6', 12, '2026-11-02T10:00:00.000Z'),
    revival('d7', 55, null),
  ];
  it.each([0, 1, 2, 3, 4, 5, 7, 10])(
    'keeps the first %i in Today’s order and counts the rest',
    (limit) => {
      const { kept, beyond } = weakestFirst(pool, limit);
      const expected = [...pool].sort(byRank).slice(0, limit);
      expect(kept.map((r) => r.deal.id).sort()).toEqual(expected.map((r) => r.deal.id).sort());
      expect(beyond).toBe(pool.length - expected.length);
    },
  );
});
