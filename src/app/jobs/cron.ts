import { parseCrontab, type ParsedCronItem } from 'graphile-worker';
import type { CronEntry } from '../../core/jobs/ports.ts';

/** Our cron entries in graphile-worker's crontab syntax, parsed by it (both dialects use its
 * parser and matcher; only PostgreSQL uses its scheduler). */
export function parseCronEntries(entries: readonly CronEntry[]): ParsedCronItem[] {
  if (entries.length === 0) return [];
  return parseCrontab(
    entries.map((e) => `${e.schedule} ${e.type} ?id=${e.identifier}&max=3`).join('\n'),
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
