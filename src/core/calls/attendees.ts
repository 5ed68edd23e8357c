import type { Contact } from '../accounts/types.ts';
import { invalid } from '../kernel/errors.ts';
import type { Member } from '../workspaces/types.ts';
import type { AttendeeSide, CallAttendee } from './types.ts';

/** An attendee as given: a name (or e-mail), optionally with the side they were on. */
export type AttendeeInput = string | { name: string; side?: AttendeeSide | string };

export const MAX_ATTENDEES = 30;

interface Person {
  id: string;
  name: string;
  email: string | null;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const firstName = (s: string) => norm(s).split(' ')[0]!;

/** Finds the one person a name means: by e-mail, full name, or an unambiguous first name. */
function match<T extends Person>(people: readonly T[], name: string): T | null {
  const key = norm(name);
  const exact = people.filter((p) => (p.email && norm(p.email) === key) || norm(p.name) === key);
  if (exact.length === 1) return exact[0]!;
  const candidates =
    exact.length > 1
      ? exact
      : key.includes(' ')
        ? []
        : people.filter((p) => firstName(p.name) === key);
  if (candidates.length > 1) {
    throw invalid(
      `"${name.trim()}" could be ${candidates.map((p) => p.name).join(' or ')}; write the full name or the e-mail.`,
    );
  }
  return candidates[0] ?? null;
}

function parseSide(value: string | undefined, name: string): AttendeeSide | null {
  if (value === undefined) return null;
  if (value !== 'ours' && value !== 'theirs')
    throw invalid(`The side of attendee "${name}" must be "ours" or "theirs", got "${value}".`);
  return value;
}

/**
 * Places each attendee on a side: members of the workspace are ours, contacts of the deal's
 * account are theirs. A name found in neither is taken as theirs (someone from the customer not
 * yet in the address book) unless a side is given.
 */
export function resolveAttendees(
  input: readonly AttendeeInput[],
  members: readonly Member[],
  contacts: readonly Contact[],
): CallAttendee[] {
  if (input.length > MAX_ATTENDEES) throw invalid(`A call has at most ${MAX_ATTENDEES} attendees.`);
  const live = members.filter((m) => !m.removedAt);
  const out: CallAttendee[] = [];
  const seen = new Set<string>();
  for (const raw of input) {
    const given = typeof raw === 'string' ? { name: raw } : raw;
    const name = (given.name ?? '').trim();
    if (!name) continue;
    if (name.length > 200) throw invalid(`Attendee name "${name.slice(0, 40)}…" is too long.`);
    const side = parseSide(given.side, name);
    const member = side !== 'theirs' ? match(live, name) : null;
    const contact = !member && side !== 'ours' ? match(contacts, name) : null;
    const attendee: CallAttendee = member
      ? { name: member.name, side: 'ours', memberId: member.id, contactId: null }
      : contact
        ? { name: contact.name, side: 'theirs', memberId: null, contactId: contact.id }
        : { name, side: side ?? 'theirs', memberId: null, contactId: null };
    const key =
      attendee.memberId ?? attendee.contactId ?? `${attendee.side}:${norm(attendee.name)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(attendee);
  }
  return out;
}

/** Splits "Alice, Sarah Chen ,Bob" into names. */
export function splitAttendeeList(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
