// node-ical takes about a quarter of a second to load: it is loaded on the first file read, so
// that the server and the other commands start without it.
import type { EventInstance, VEvent } from 'node-ical';
import type { MeetingOccurrence } from '../../core/calendar-feeds/flows/import-meetings.ts';

/** How far ahead an import books occurrences of a recurring series. */
export const IMPORT_WINDOW_DAYS = 90;

/** A calendar file larger than this is refused (a year of a busy calendar is far smaller). */
export const MAX_ICS_BYTES = 5 * 1024 * 1024;

/** The occurrence key of an event that does not repeat. */
export const SINGLE_OCCURRENCE = 'single';

export interface ReadIcsResult {
  occurrences: MeetingOccurrence[];
  /** Events with no start in the window (past, or beyond it): how many were left out. */
  outsideWindow: number;
  /** Events that could not be read, with why. */
  unreadable: { uid: string; summary: string; reason: string }[];
}

type Attendee = string | { val?: unknown; params?: Record<string, unknown> };

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && 'val' in (value as object))
    return String((value as { val: unknown }).val ?? '');
  return String(value);
}

function emailsOf(event: VEvent): string[] {
  const people: Attendee[] = [];
  const attendee = event.attendee as Attendee | Attendee[] | undefined;
  if (Array.isArray(attendee)) people.push(...attendee);
  else if (attendee) people.push(attendee);
  if (event.organizer) people.push(event.organizer as Attendee);
  const out = new Set<string>();
  for (const p of people) {
    const raw = typeof p === 'string' ? p : text(p.val);
    const m = /^mailto:(.+)$/i.exec(raw.trim());
    const email = (m ? m[1]! : raw).trim().toLowerCase();
    if (/^[^@\s]+@[^@\s]+$/.test(email)) out.add(email);
  }
  return [...out].sort();
}

const FLOATING =
  /^(DTSTART|DTEND|DUE|EXDATE|RDATE|RECURRENCE-ID)((?:;[^:\r\n]*)?):(\d{8}T\d{6}(?:,\d{8}T\d{6})*)$/i;

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives floating date-times (no TZID, no trailing Z: "wall-clock time wherever you are", RFC
 * 5545 §3.3.5) the zone of the calendar's reader: its X-WR-TIMEZONE when it names a zone,
 * else `zone`. Left alone, node-ical would read them in the server's own zone.
 */
export function pinFloatingTimes(body: string, zone: string): string {
  const unfolded = body.replace(/\r?\n[ \t]/g, '');
  const declared = /^X-WR-TIMEZONE:(.+)$/im.exec(unfolded)?.[1]?.trim();
  const reader = declared && isZone(declared) ? declared : isZone(zone) ? zone : 'UTC';
  return unfolded
    .split(/\r?\n/)
    .map((line) => {
      const m = FLOATING.exec(line);
      if (!m || /;(TZID|VALUE=DATE(?!-))/i.test(m[2] ?? '')) return line;
      return `${m[1]}${m[2]};TZID=${reader}:${m[3]}`;
    })
    .join('\r\n');
}

/**
 * Reads a calendar file with node-ical (which unfolds lines, including TAB-folded ones, and
 * maps Outlook's Windows zone names such as "Pacific Standard Time" to IANA zones) and lists the
 * meeting occurrences that start between `now` and `IMPORT_WINDOW_DAYS` later: recurring series
 * expanded (RRULE, EXDATE removed, RECURRENCE-ID overrides applied). All-day events are not
 * meetings and are left out. Each occurrence keeps its original start as its key, so that an
 * override moving it keeps the same identity. Floating times are read in `zone` (the importing
 * member's), or the file's X-WR-TIMEZONE.
 */
export async function readIcs(
  body: string,
  now: Date,
  days = IMPORT_WINDOW_DAYS,
  zone = 'UTC',
): Promise<ReadIcsResult> {
  if (Buffer.byteLength(body) > MAX_ICS_BYTES) {
    throw new Error(`The calendar file is larger than ${MAX_ICS_BYTES / 1024 / 1024} MB.`);
  }
  if (!/BEGIN:VCALENDAR/i.test(body)) throw new Error('This is not a calendar (.ics) file.');
  const { default: ical } = await import('node-ical');
  const parsed = ical.sync.parseICS(pinFloatingTimes(body, zone));
  const to = new Date(now.getTime() + days * 86_400_000);
  const result: ReadIcsResult = { occurrences: [], outsideWindow: 0, unreadable: [] };
  for (const [key, component] of Object.entries(parsed)) {
    if (!component || key === 'vcalendar' || component.type !== 'VEVENT') continue;
    const event = component as VEvent;
    const uid = event.uid ?? key;
    const summary = text(event.summary).trim() || '(no title)';
    if (!event.start || Number.isNaN(event.start.getTime())) {
      result.unreadable.push({ uid, summary, reason: 'it has no start' });
      continue;
    }
    let instances: EventInstance[];
    try {
      instances = ical.expandRecurringEvent(event, { from: now, to });
    } catch (error) {
      result.unreadable.push({ uid, summary, reason: (error as Error).message });
      continue;
    }
    if (!instances.length) result.outsideWindow++;
    for (const instance of instances) {
      if (instance.isFullDay) continue;
      if (instance.start.getTime() < now.getTime()) continue;
      const source = instance.event;
      // A single event is one booking whatever its start becomes; an occurrence of a series is
      // known by its original start (its RECURRENCE-ID once overridden).
      const occurrence =
        instance.isOverride && source.recurrenceid
          ? new Date(source.recurrenceid).toISOString()
          : instance.isRecurring || event.rrule
            ? instance.start.toISOString()
            : SINGLE_OCCURRENCE;
      const end =
        instance.end && instance.end.getTime() > instance.start.getTime()
          ? instance.end
          : new Date(instance.start.getTime() + 30 * 60_000);
      result.occurrences.push({
        uid,
        occurrence,
        startsAt: instance.start.toISOString(),
        endsAt: end.toISOString(),
        title: text(source.summary).trim() || summary,
        location: text(source.location).trim() || null,
        attendees: emailsOf(source.attendee ? source : event),
        cancelled: source.status === 'CANCELLED' || event.status === 'CANCELLED',
      });
    }
  }
  result.occurrences.sort((a, b) =>
    a.startsAt === b.startsAt ? (a.uid < b.uid ? -1 : 1) : a.startsAt < b.startsAt ? -1 : 1,
  );
  return result;
}
