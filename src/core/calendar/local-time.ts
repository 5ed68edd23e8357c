import { Temporal } from 'temporal-polyfill';
import { isValidTimeZone } from '../time/dates.ts';
import type { IsoDate } from '../time/dates.ts';
import { invalid } from '../kernel/errors.ts';
import { classifyCompletion } from './early-target.ts';
import type { CompletionClass } from './early-target.ts';
import type { DateLike } from './business-calendar.ts';

/** A wall-clock reading in some zone: the calendar date and the minute. */
export interface LocalDateTime {
  date: IsoDate;
  /** HH:MM, 24-hour. */
  time: string;
}

export function validTimeZoneExamples(): string {
  return 'an IANA time zone such as America/New_York, America/Los_Angeles, Europe/London, Europe/Berlin, Asia/Kolkata, Asia/Tokyo, Australia/Sydney or UTC';
}

/** Checking a zone builds a Temporal value; extraction checks the same few zones many times. */
const knownZones = new Set<string>();

export function assertTimeZone(zone: string, field = 'time zone'): string {
  if (knownZones.has(zone)) return zone;
  if (zone.trim() === '' || !isValidTimeZone(zone)) {
    throw invalid(`Unknown ${field} "${zone}". Use ${validTimeZoneExamples()}.`, {
      timeZone: zone,
    });
  }
  knownZones.add(zone);
  return zone;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function validLocalDateTimeExamples(): string {
  return 'a local date-time like 2026-11-24T10:00 (or 2026-11-24T10:00:00), or an instant with an offset like 2026-11-25T06:30:00Z';
}

/** Reads 'YYYY-MM-DDTHH:MM[:SS]' as a wall-clock reading, refusing impossible dates and times. */
export function parseLocalDateTime(value: string, field = 'date-time'): Temporal.PlainDateTime {
  const m = LOCAL_RE.exec(value.trim());
  if (!m) {
    throw invalid(`${field} "${value}" is not valid. Use ${validLocalDateTimeExamples()}.`, {
      [field]: value,
    });
  }
  try {
    return Temporal.PlainDateTime.from(
      {
        year: Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        hour: Number(m[4]),
        minute: Number(m[5]),
        second: m[6] === undefined ? 0 : Number(m[6]),
      },
      { overflow: 'reject' },
    );
  } catch {
    throw invalid(
      `${field} "${value}" is not a real date and time. Use ${validLocalDateTimeExamples()}.`,
      {
        [field]: value,
      },
    );
  }
}

function toInstant(instant: Temporal.Instant | string): Temporal.Instant {
  if (typeof instant !== 'string') return instant;
  try {
    return Temporal.Instant.from(instant);
  } catch {
    throw invalid(
      `"${instant}" is not an instant. Use an ISO-8601 time with an offset, like 2026-11-25T06:30:00Z.`,
    );
  }
}

function hhmm(t: { hour: number; minute: number }): string {
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

/** The date and minute an instant shows on a wall clock in the zone. */
export function localDateTimeOf(
  instant: Temporal.Instant | string,
  timeZone: string,
): LocalDateTime {
  const zoned = toInstant(instant).toZonedDateTimeISO(assertTimeZone(timeZone));
  return { date: zoned.toPlainDate().toString(), time: hhmm(zoned) };
}

export function localDateOf(instant: Temporal.Instant | string, timeZone: string): IsoDate {
  return localDateTimeOf(instant, timeZone).date;
}

/**
 * The instant of a wall-clock reading in a zone. A reading skipped by a DST jump moves forward
 * (02:30 on a spring-forward night is 03:30) and a repeated one takes the earlier instant.
 */
export function instantFromLocal(
  local: string | Temporal.PlainDateTime,
  timeZone: string,
): Temporal.Instant {
  const plain = typeof local === 'string' ? parseLocalDateTime(local) : local;
  return plain
    .toZonedDateTime(assertTimeZone(timeZone), { disambiguation: 'compatible' })
    .toInstant();
}

/**
 * Where a moment given by a caller falls for a member: either a local reading in their zone
 * ('2026-11-24T22:30') or an instant with an offset ('2026-11-25T06:30:00Z').
 */
export function resolveMoment(
  at: string,
  timeZone: string,
  field = 'date-time',
): LocalDateTime & { instant: Temporal.Instant } {
  assertTimeZone(timeZone);
  const text = at.trim();
  if (INSTANT_RE.test(text)) {
    let instant: Temporal.Instant;
    try {
      instant = Temporal.Instant.from(text.replace(' ', 'T'));
    } catch {
      throw invalid(`${field} "${at}" is not valid. Use ${validLocalDateTimeExamples()}.`, {
        [field]: at,
      });
    }
    return { ...localDateTimeOf(instant, timeZone), instant };
  }
  const instant = instantFromLocal(parseLocalDateTime(text, field), timeZone);
  return { ...localDateTimeOf(instant, timeZone), instant };
}

/** Classifies a delivery made at an instant against a due date, in the owner's zone. */
export function classifyCompletionAt(
  doneAt: Temporal.Instant | string,
  due: DateLike,
  timeZone: string,
): CompletionClass {
  return classifyCompletion(localDateOf(doneAt, timeZone), due);
}
