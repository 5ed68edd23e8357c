import type { IsoDate } from './dates.ts';
import { epochDay } from './local-days.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Fri 27 Nov", with the year when it is not the year of `today`. Dates are already in the
 * member's zone. */
export function formatDay(date: IsoDate, today: IsoDate): string {
  // 1970-01-01 was a Thursday (index 3 from Monday).
  const weekday = WEEKDAYS[(((epochDay(date) + 3) % 7) + 7) % 7];
  const text = `${weekday} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
  return date.slice(0, 4) === today.slice(0, 4) ? text : `${text} ${date.slice(0, 4)}`;
}
