import type { ParsedCronItem } from 'graphile-worker';
import type { CronEntry } from '../../core/jobs/ports.ts';

/** Our cron entries parsed by graphile-worker's cron parser (both dialects use its
 * parser and matcher; only PostgreSQL uses its scheduler). */
export async function parseCronEntries(entries: readonly CronEntry[]): Promise<ParsedCronItem[]> {
  if (entries.length === 0) return [];
  // Loaded on first use: every command loads the context, few run jobs.
  const { parseCronItems } = await import('graphile-worker');
  return parseCronItems(
    entries.map((e) => ({
      task: e.type,
      match: e.schedule,
      identifier: e.identifier,
      options: { backfillPeriod: 0, maxAttempts: 3 },
    })),
  );
}

/** Whether a parsed item fires in the UTC minute of `at`. */
export function cronMatches(item: ParsedCronItem, at: Date): boolean {
  return item.match({
    min: at.getUTCMinutes(),
    hour: at.getUTCHours(),
    date: at.getUTCDate(),
    month: at.getUTCMonth() + 1,
    dow: at.getUTCDay(),
  });
}
