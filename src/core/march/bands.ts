/**
 * The daily march (docs/rules.md#daily-march): a floor and a ceiling of touches per business day. A day under the
 * floor is a `stall`, a day over the ceiling a `rush` (Scott's sprint, not Amundsen's march),
 * anything in between is `on` the march.
 */
export type Band = 'stall' | 'on' | 'rush';

export function bandOf(touches: number, floor: number, ceiling: number): Band {
  if (touches < floor) return 'stall';
  if (touches > ceiling) return 'rush';
  return 'on';
}

/**
 * How even the daily distance is: 1 − the coefficient of variation (population standard
 * deviation ÷ mean) of the touches per business day, clipped to 0..1 and rounded to two
 * decimals. 1 means the same distance every day; 0 means the spread is as large as the mean
 * or larger (a rush followed by stalls). A window with no touches at all scores 0: standing
 * still is not a steady pace.
 */
export function consistency(counts: readonly number[]): number {
  if (counts.length === 0) return 0;
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  if (mean === 0) return 0;
  const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / counts.length;
  const cv = Math.sqrt(variance) / mean;
  return Math.round(Math.min(1, Math.max(0, 1 - cv)) * 100) / 100;
}

/**
 * Business days in a row at or above the floor, counted back from the newest. When the newest
 * day is still in progress (it is today) and not yet at the floor, it does not break the
 * streak: counting starts from the day before.
 */
export function streak(
  newestFirst: readonly number[],
  floor: number,
  newestInProgress: boolean,
): number {
  let n = 0;
  for (let i = 0; i < newestFirst.length; i++) {
    const touches = newestFirst[i]!;
    if (touches >= floor) n += 1;
    else if (i === 0 && newestInProgress) continue;
    else break;
  }
  return n;
}
