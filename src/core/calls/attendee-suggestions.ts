import type { Contact } from '../accounts/types.ts';
import { fold } from '../search/fold.ts';
import type { CallAttendee } from './types.ts';

/** A person the notes mention who is not yet an attendee: a contact of the deal's account, or
 * a new name (contactId null) that can be added to the account. */
export interface AttendeeSuggestion {
  name: string;
  contactId: string | null;
  /** How many times the notes mention them. */
  mentions: number;
}

/** Capitalised words that are not people's names, whatever their place in a sentence. */
const NOT_NAMES = new Set(
  (
    'i we they he she you it the a an our their his her my your this that these those next also then ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december today tomorrow yesterday eod eow cob asap q1 q2 q3 q4 ' +
    'hi hello thanks thank yes no ok okay call calls notes note agenda action actions discussed demo ' +
    'pricing price proposal contract legal security finance procurement it team ceo cfo cto cio coo vp ' +
    'sent send will would should could let lets after before when if and but or so for with from to by on ' +
    'in at of as about re fyi cc pm am mr mrs ms dr christmas easter thanksgiving new year sso api crm ' +
    'sla poc roi mvp faq nda msa sow rfp usa us uk eu'
  ).split(' '),
);

/** Words after a name that say it is a person doing or saying something. */
const PERSON_VERB =
  /^\s*(?:will|'ll|’ll|said|says|asked|asks|mentioned|wants|needs|agreed|is|was|has|had|confirmed|promised|thinks|thought|joined|owns|leads|from|\(|,\s*(?:their|our|the)\b)/iu;

/** A sentence's opening verb before a name ("Met Raj Patel", "Emailed Sarah"). */
const OPENING_VERB =
  /^(?:met|meet|called|call|asked|ask|emailed|email|spoke|told|tell|pinged|ping|invited|invite|thanked|looped|introduced|cc'?d|followed|saw|visited)$/iu;

const NAME_RUN = /\p{Lu}[\p{Ll}'’]+(?:[ -]\p{Lu}[\p{Ll}'’]+){0,2}/gu;

function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}'’]+/u)
    .filter(Boolean);
}

/** Whether `name` (folded words) occurs in `words` as consecutive whole words. */
function occurrences(words: readonly string[], name: readonly string[]): number {
  if (name.length === 0) return 0;
  let n = 0;
  for (let i = 0; i + name.length <= words.length; i++) {
    if (name.every((w, j) => words[i + j] === w)) n++;
  }
  return n;
}

/**
 * People named in a call's notes, offered as attendees: first the contacts of the deal's account
 * the notes name (by full name, or by a first name only one contact has), then capitalised names
 * that read as people (mid-sentence, or followed by "will", "said", "from"…) and are not a
 * member, the account, a contact or someone already attending. Pure and deterministic.
 */
export function suggestAttendees(
  notes: string,
  context: {
    contacts: readonly Contact[];
    /** Names that are ours or the account's: never suggested as new people. */
    excluded: readonly string[];
    attendees: readonly CallAttendee[];
  },
  limit = 8,
): AttendeeSuggestion[] {
  const words = wordsOf(notes);
  if (words.length === 0) return [];
  const attending = new Set(context.attendees.map((a) => fold(a.name.trim())));
  const attendingContacts = new Set(context.attendees.map((a) => a.contactId).filter(Boolean));
  const out: AttendeeSuggestion[] = [];
  const firstNameCount = new Map<string, number>();
  for (const c of context.contacts) {
    const first = wordsOf(c.name)[0];
    if (first) firstNameCount.set(first, (firstNameCount.get(first) ?? 0) + 1);
  }
  const claimed = new Set<string>();
  for (const c of context.contacts) {
    const full = wordsOf(c.name);
    const first = full[0] ?? '';
    let mentions = occurrences(words, full);
    if (mentions === 0 && full.length > 1 && first.length >= 3 && firstNameCount.get(first) === 1) {
      mentions = occurrences(words, [first]);
    }
    for (const w of full) claimed.add(w);
    if (mentions === 0 || attendingContacts.has(c.id) || attending.has(fold(c.name))) continue;
    out.push({ name: c.name, contactId: c.id, mentions });
  }

  const excluded = new Set(context.excluded.flatMap(wordsOf));
  const fresh = new Map<string, { name: string; mentions: number }>();
  for (const sentence of notes.split(/(?<=[.!?;:\n])\s*/u)) {
    for (const m of sentence.matchAll(NAME_RUN)) {
      let parts = m[0].split(/[ -]/);
      let start = m.index;
      // Leading words that are not names ("Then Sarah", "Our Priya") are dropped.
      while (parts.length && NOT_NAMES.has(fold(parts[0]!))) {
        start += parts[0]!.length + 1;
        parts = parts.slice(1);
      }
      while (parts.length && NOT_NAMES.has(fold(parts[parts.length - 1]!)))
        parts = parts.slice(0, -1);
      // A sentence's first word is capitalised anyway: it counts as a name only when what
      // follows reads as a person ("Raj will…"); otherwise it is dropped ("Met Raj Patel").
      const atSentenceStart = sentence.slice(0, start).trim() === '';
      const after = sentence.slice(m.index + m[0].length);
      if (atSentenceStart && (!PERSON_VERB.test(after) || OPENING_VERB.test(parts[0]!))) {
        parts = parts.slice(1);
      }
      if (parts.length === 0) continue;
      const name = parts.join(' ').replace(/['’]s$/u, '');
      const folded = wordsOf(name);
      if (folded.some((w) => excluded.has(w) || claimed.has(w) || w.length < 2)) continue;
      const key = folded.join(' ');
      if (attending.has(key)) continue;
      const seen = fresh.get(key);
      if (seen) seen.mentions++;
      else fresh.set(key, { name, mentions: 1 });
    }
  }
  // A lone first name already part of a longer new name is the same person.
  const keys = [...fresh.keys()];
  for (const key of keys) {
    const longer = keys.find((k) => k !== key && k.startsWith(`${key} `));
    if (longer) {
      fresh.get(longer)!.mentions += fresh.get(key)!.mentions;
      fresh.delete(key);
    }
  }
  const newcomers = [...fresh.values()]
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
    .map((f) => ({ name: f.name, contactId: null, mentions: f.mentions }));
  return [
    ...out.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
    ...newcomers,
  ].slice(0, limit);
}
