/*
 * How dates, money and counts read in the app. Calendar dates (YYYY-MM-DD) are shown as they
 * are, never shifted through a time zone; instants are shown in the viewer's zone.
 */
const WEEKDAY_DAY_MONTH = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});

function utcDate(isoDate: string): Date {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
}

/** "Fri 27 Nov" */
export function shortDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  return WEEKDAY_DAY_MONTH.format(utcDate(isoDate)).replace(',', '');
}

/** "27 Nov 2026" */
export function fullDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  return DAY_MONTH_YEAR.format(utcDate(isoDate));
}

/** "27 Nov" */
export function dayMonth(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  return DAY_MONTH.format(utcDate(isoDate));
}

/** "Tuesday 24 November" */
export function longDate(isoDate: string): string {
  return LONG_DATE.format(utcDate(isoDate)).replace(',', '');
}

/** The calendar date it is now in a zone, YYYY-MM-DD. */
export function todayIn(timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  return parts.slice(0, 10);
}

/** The local date-time now in a zone, for a datetime-local input: YYYY-MM-DDTHH:MM. */
export function nowLocalIn(timeZone?: string): string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(new Date()).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

export function addDays(isoDate: string, days: number): string {
  const d = utcDate(isoDate);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utcDate(to).getTime() - utcDate(from).getTime()) / 86_400_000);
}

/** An instant as "24 Nov, 15:04" in the viewer's zone (or the given one). */
export function dateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** "3 days ago", "in 2 days", "today" — relative to now, by calendar day. */
export function relativeDays(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return 'never';
  const today = todayIn(timeZone);
  const day =
    iso.length === 10
      ? iso
      : new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(iso)).slice(0, 10);
  const n = daysBetween(today, day);
  if (n === 0) return 'today';
  if (n === -1) return 'yesterday';
  if (n === 1) return 'tomorrow';
  return n < 0 ? `${-n} days ago` : `in ${n} days`;
}

export function money(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return '—';
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      maximumFractionDigits: amount % 1 === 0 ? 0 : 2,
    }).format(amount);
  } catch {
    return `${amount.toLocaleString('en-US')} ${currency}`;
  }
}

/** A compact amount for cards and column totals: "$24k". */
export function compactMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? parts[0]![0]! + parts.at(-1)![0]! : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

export function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
