import { invalid } from '../kernel/errors.ts';

/** A day of the week as members' settings name it. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const DEFAULT_WEEKEND: readonly Weekday[] = ['sat', 'sun'];

const FULL_NAMES: Record<string, Weekday> = {
  monday: 'mon',
  tuesday: 'tue',
  wednesday: 'wed',
  thursday: 'thu',
  friday: 'fri',
  saturday: 'sat',
  sunday: 'sun',
};

/** ISO day-of-week (Monday = 1 … Sunday = 7) of a weekday code. */
export function isoDayOf(day: Weekday): number {
  return WEEKDAYS.indexOf(day) + 1;
}

export function weekdayOfIso(isoDay: number): Weekday {
  const day = WEEKDAYS[isoDay - 1];
  if (!day) throw invalid(`Day of week must be 1..7, got ${isoDay}.`);
  return day;
}

export function validWeekendExamples(): string {
  return 'comma-separated day codes such as "sat,sun" (the default), "fri,sat", "sun" or "none"';
}

/**
 * Reads a weekend setting: "sat,sun", "Fri, Sat", "friday,saturday", "none" or an array of
 * codes. Returns the days in week order without duplicates. A week with no working day is
 * refused because no business-day arithmetic could ever finish.
 */
export function parseWeekend(value: string | readonly string[]): Weekday[] {
  const items =
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : value.map((s) => s.trim());
  if (items.length === 1 && items[0]!.toLowerCase() === 'none') return [];
  const days = new Set<Weekday>();
  for (const item of items) {
    const lower = item.toLowerCase();
    const day = (WEEKDAYS as readonly string[]).includes(lower)
      ? (lower as Weekday)
      : FULL_NAMES[lower];
    if (!day) {
      throw invalid(`Unknown weekend day "${item}". Use ${validWeekendExamples()}.`, {
        weekend: value,
      });
    }
    days.add(day);
  }
  if (days.size >= 7) {
    throw invalid(`A weekend cannot cover the whole week. Use ${validWeekendExamples()}.`, {
      weekend: value,
    });
  }
  return WEEKDAYS.filter((d) => days.has(d));
}

export function isValidWeekend(value: string | readonly string[]): boolean {
  try {
    parseWeekend(value);
    return true;
  } catch {
    return false;
  }
}

export function formatWeekend(days: readonly Weekday[]): string {
  return days.length === 0 ? 'none' : days.join(',');
}
