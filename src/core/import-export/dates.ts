import type { IsoDate } from '../time/dates.ts';

/*
 * Exports write dates the way the exporting user's locale does: 2026-11-24, 11/24/2026,
 * 24/11/2026, 24.11.2026, sometimes with a time (UTC or zone-less, which we read as UTC). Whether
 * 03/04/2026 is the 3rd of April or the 4th of March cannot be told from one value, so the order
 * is decided per file from all its values: a first part above 12 proves day-first, a second part
 * above 12 proves month-first. A file with only ambiguous values (or with both proofs) is refused
 * rather than guessed; the mapping file may then say which order it uses.
 */
export type DateOrder = 'mdy' | 'dmy';
export const DATE_ORDERS: readonly DateOrder[] = ['mdy', 'dmy'];

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$/i;
const LOCAL_RE =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?\s*(Z|UTC|GMT)?)?$/i;

interface Parts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
  offsetMinutes: number;
}

function offsetOf(zone: string | undefined): number {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function hours(h: string | undefined, ampm: string | undefined): number {
  let n = Number(h ?? 0);
  if (ampm) {
    if (n === 12) n = 0;
    if (/pm/i.test(ampm)) n += 12;
  }
  return n;
}

/** What a value says about the file's date order, if anything. */
export function dateEvidence(value: string): 'iso' | DateOrder | 'ambiguous' | 'none' {
  const v = value.trim();
  if (!v) return 'none';
  if (ISO_RE.test(v)) return 'iso';
  const m = LOCAL_RE.exec(v);
  if (!m) return 'none';
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  if (a === b) return 'iso'; // 05/05/2026 reads the same either way
  // Day-first is the only order written with dots.
  return m[2] === '.' ? 'dmy' : 'ambiguous';
}

/** Collects a file's date values and decides its order. */
export class DateOrderDetector {
  private proofs = { mdy: null as string | null, dmy: null as string | null };
  private ambiguous: string | null = null;

  add(value: string): void {
    const e = dateEvidence(value);
    if (e === 'mdy' || e === 'dmy') this.proofs[e] ??= value.trim();
    else if (e === 'ambiguous') this.ambiguous ??= value.trim();
  }

  /** The order, null when the file has no day-month dates at all, or a reason to refuse it. */
  decide(forced?: DateOrder): { order: DateOrder | null } | { refusal: string } {
    if (forced) return { order: forced };
    const { mdy, dmy } = this.proofs;
    if (mdy && dmy) {
      return {
        refusal: `its dates mix month-first ("${mdy}") and day-first ("${dmy}") orders; export it again with one date format`,
      };
    }
    if (mdy) return { order: 'mdy' };
    if (dmy) return { order: 'dmy' };
    if (this.ambiguous) {
      return {
        refusal: `its dates such as "${this.ambiguous}" could be month-first or day-first, and no date in it tells which; say which in the mapping file (--map), e.g. "dateOrders": { "<file name>": "dmy" }`,
      };
    }
    return { order: null };
  }
}

function valid(p: Parts): boolean {
  if (p.m < 1 || p.m > 12 || p.d < 1 || p.hh > 23 || p.mm > 59 || p.ss > 59) return false;
  const days = new Date(Date.UTC(p.y, p.m, 0)).getUTCDate();
  return p.d <= days;
}

function parts(value: string, order: DateOrder | null): Parts | null {
  const v = value.trim();
  const iso = ISO_RE.exec(v);
  if (iso) {
    return {
      y: Number(iso[1]),
      m: Number(iso[2]),
      d: Number(iso[3]),
      hh: Number(iso[4] ?? 0),
      mm: Number(iso[5] ?? 0),
      ss: Number(iso[6] ?? 0),
      offsetMinutes: offsetOf(iso[7]),
    };
  }
  const m = LOCAL_RE.exec(v);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const effective = a === b ? 'dmy' : order;
  if (!effective) return null;
  return {
    y: Number(m[4]),
    m: effective === 'mdy' ? a : b,
    d: effective === 'mdy' ? b : a,
    hh: hours(m[5], m[8]),
    mm: Number(m[6] ?? 0),
    ss: Number(m[7] ?? 0),
    offsetMinutes: 0,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The calendar date a value names (the date as written, whatever its time). */
export function parseSourceDate(value: string, order: DateOrder | null): IsoDate | null {
  const p = parts(value, order);
  if (!p || !valid(p)) return null;
  return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
}

/** The instant a value names, as stored (UTC ISO with milliseconds); a bare date is midnight UTC. */
export function parseSourceInstant(value: string, order: DateOrder | null): string | null {
  const p = parts(value, order);
  if (!p || !valid(p)) return null;
  const ms = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss) - p.offsetMinutes * 60_000;
  return new Date(ms).toISOString();
}
