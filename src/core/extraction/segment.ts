import type { Side } from './types.ts';

/**
 * Call notes arrive as prose, bullet lists, "AI:" lines, headed sections ("Next steps:",
 * "Them:") and fragments. Segmenting turns them into sentences that each carry what their
 * layout says: an action-item prefix, the side of a labelled section, a questions section.
 */

export type SegmentRole = 'action' | 'next' | 'question' | 'info';

export interface Segment {
  /** The sentence as written (bullet marker removed), for the output. */
  sentence: string;
  /** The text to read: the sentence without its "AI:" / "Them:" label. */
  text: string;
  /** What an inline label or the enclosing section says the line is. */
  role: SegmentRole | null;
  /** The side an inline label or section names ("Us:", "Sarah:", "Their side:"). */
  side: Side | null;
  /** The sentence opens its line, so a bare verb there reads as an imperative. */
  lineStart: boolean;
}

export type NameSide = (lowerName: string) => Side | null;

const BULLET_RE = /^\s*(?:[-*•·▪◦‣–—>+]+|\d{1,2}[.)]|\(?[a-z][).]|\[[ xX]?\])\s+/;

const ROLE_WORDS: Record<string, SegmentRole> = {
  'next step': 'action',
  'next steps': 'action',
  'action item': 'action',
  'action items': 'action',
  action: 'action',
  actions: 'action',
  ai: 'action',
  ais: 'action',
  'a.i.': 'action',
  todo: 'action',
  todos: 'action',
  'to-do': 'action',
  'to-dos': 'action',
  'to do': 'action',
  task: 'action',
  tasks: 'action',
  'follow up': 'action',
  'follow-up': 'action',
  'follow ups': 'action',
  'follow-ups': 'action',
  followups: 'action',
  'follow up items': 'action',
  deliverables: 'action',
  commitments: 'action',
  owners: 'action',
  owner: 'action',
  'open items': 'action',
  agreed: 'action',
  'agreed actions': 'action',
  'agreed next steps': 'action',
  'where we landed': 'action',
  outcomes: 'action',
  'action plan': 'action',
  reminder: 'action',
  ns: 'action',
  next: 'next',
  'next meeting': 'next',
  'next call': 'next',
  'next sync': 'next',
  'next touchpoint': 'next',
  question: 'question',
  questions: 'question',
  'open questions': 'question',
  q: 'question',
  qs: 'question',
  'q&a': 'question',
  'their questions': 'question',
  'questions for them': 'question',
  notes: 'info',
  note: 'info',
  summary: 'info',
  context: 'info',
  background: 'info',
  discussion: 'info',
  attendees: 'info',
  agenda: 'info',
  'pain points': 'info',
  pains: 'info',
  risks: 'info',
  risk: 'info',
  concerns: 'info',
  objections: 'info',
  blockers: 'info',
  fyi: 'info',
  'current state': 'info',
  'tech stack': 'info',
  competition: 'info',
  budget: 'info',
  'decision process': 'info',
  takeaways: 'info',
  recap: 'info',
  'call recap': 'info',
};

const SIDE_WORDS: Record<string, Side> = {
  us: 'ours',
  we: 'ours',
  me: 'ours',
  mine: 'ours',
  ours: 'ours',
  'our side': 'ours',
  'our team': 'ours',
  'our actions': 'ours',
  'our action items': 'ours',
  'on us': 'ours',
  'on me': 'ours',
  them: 'theirs',
  they: 'theirs',
  theirs: 'theirs',
  'their side': 'theirs',
  'their team': 'theirs',
  'their actions': 'theirs',
  'their action items': 'theirs',
  'on them': 'theirs',
  customer: 'theirs',
  client: 'theirs',
  prospect: 'theirs',
};

const LABEL_RE = /^([a-z][a-z .&'/-]{0,30}?)\s*(?::|-+>|=>|\s[-–—]|\))\s*/i;
const HEADER_RE = /^([a-z][a-z .&'/-]{0,30}?)\s*[:\-–—]?\s*$/i;

interface Label {
  role: SegmentRole | null;
  side: Side | null;
}

function readLabel(word: string, nameSide: NameSide): Label | null {
  const key = word.trim().toLowerCase().replace(/\s+/g, ' ');
  const role = ROLE_WORDS[key];
  if (role) return { role, side: null };
  const side = SIDE_WORDS[key];
  if (side) return { role: 'action', side };
  // A person's name labels whose line it is, not that the line is an action ("Sarah: loves it").
  const named = nameSide(key);
  if (named) return { role: null, side: named };
  // "AI Ravi:", "TODO Mark -"
  const space = key.indexOf(' ');
  if (space > 0) {
    const first = ROLE_WORDS[key.slice(0, space)];
    const rest = nameSide(key.slice(space + 1)) ?? SIDE_WORDS[key.slice(space + 1)];
    if (first && rest) return { role: first, side: rest };
  }
  return null;
}

/** Reads up to two leading labels ("AI: Mark – send deck"), returning what they say and where the body starts. */
function readLabels(line: string, nameSide: NameSide): { label: Label | null; at: number } {
  let label = null as Label | null;
  let at = 0;
  for (let i = 0; i < 2; i++) {
    const m = LABEL_RE.exec(line.slice(at));
    if (!m) break;
    const found = readLabel(m[1]!, nameSide);
    if (!found) break;
    label = { role: found.role ?? label?.role ?? null, side: found.side ?? label?.side ?? null };
    at += m[0].length;
  }
  return { label, at };
}

const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'approx',
  'mr',
  'mrs',
  'ms',
  'dr',
  'inc',
  'ltd',
  'co',
  'corp',
  'st',
  'jr',
  'sr',
  'a.m',
  'p.m',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'est',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'fig',
  'dept',
  'min',
  'max',
  'wk',
  'u.s',
  'a.s.a.p',
  'e.o.d',
  'c.o.b',
]);

const BOUNDARY_RE = /[.!?]+["')\]]*(?=\s|$)|;\s/g;

/** The run of letters and dots that ends at `end` ("e.g", "Dec"), scanning back from it. */
function lastWord(line: string, from: number, end: number): string {
  let i = end;
  while (i > from) {
    const c = line.charCodeAt(i - 1);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46;
    if (!letter) break;
    i--;
  }
  while (i < end && line.charCodeAt(i) === 46) i++;
  return line.slice(i, end);
}

/** Splits a line into sentences, keeping each sentence's closing punctuation. */
export function splitSentences(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  BOUNDARY_RE.lastIndex = 0;
  for (let m = BOUNDARY_RE.exec(line); m !== null; m = BOUNDARY_RE.exec(line)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith('.')) {
      const last = lastWord(line, from, m.index);
      const word = last.toLowerCase();
      const next = line.slice(end).trimStart();
      // "Dec. 4", "e.g. the", "approx. 3 weeks": a dot that does not end the sentence.
      if (ABBREVIATIONS.has(word) && (/^[a-z0-9]/.test(next) || word.length <= 4)) continue;
      if (/^[A-Z]$/.test(last) && /^[A-Z]/.test(next)) continue;
      if (next !== '' && /^[a-z]/.test(next) && !m[0].includes('!')) continue;
    }
    const piece = line.slice(from, end).trim();
    if (piece !== '') out.push(piece.replace(/;$/, '').trim());
    from = end;
  }
  const rest = line.slice(from).trim();
  if (rest !== '') out.push(rest);
  return out.flatMap(splitDashFragment).flatMap(chunkRunOn);
}

const TITLE_SEPARATOR_RE = /\s[–—-]\s|\s\/\s|\s\|\s/;
const TITLE_MODAL_RE = /'ll\b|\bwill\b|\bgoing to\b|\bneed(?:s)? to\b|\bby\s|\bto [a-z]+\b/i;
const TITLE_VERB_RE =
  /[–—-]\s+(?:send|share|email|forward|follow|get|give|provide|deliver|prepare|draft|write|set|schedule|book|confirm|loop|intro|introduce|update|revise|finalize|finalise|ping|chase|call)\b/i;

/** "Acme – demo #2 (Tue)": the first line names the call; its date is the call's, not a promise. */
function isTitle(line: string): boolean {
  return (
    TITLE_SEPARATOR_RE.test(line) &&
    line.split(/\s+/).length <= 14 &&
    !TITLE_MODAL_RE.test(line) &&
    !TITLE_VERB_RE.test(line)
  );
}

/** Longer than any real sentence: pasted text without punctuation. */
const MAX_SENTENCE = 600;

/**
 * Cuts a run-on "sentence" into pieces at spaces. Reading a sentence costs more than linear time
 * in the promises it holds, so an unpunctuated paste must not become one enormous sentence.
 */
function chunkRunOn(sentence: string): string[] {
  if (sentence.length <= MAX_SENTENCE) return [sentence];
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > MAX_SENTENCE) {
    const space = rest.lastIndexOf(' ', MAX_SENTENCE);
    const cut = space > MAX_SENTENCE / 2 ? space : MAX_SENTENCE;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/** "…invoice in two parts — need to check with finance": a dash that starts a to-do. */
const DASH_FRAGMENT_RE =
  /\s[–—-]\s+(?=(?:need to|needs to|will|i'll|we'll|have to|must|to do|todo|action|ai)\b)/i;

function splitDashFragment(sentence: string): string[] {
  const m = DASH_FRAGMENT_RE.exec(sentence);
  if (!m || m.index < 8) return [sentence];
  return [sentence.slice(0, m.index).trim(), sentence.slice(m.index + m[0].length).trim()];
}

export function segmentNotes(notes: string, nameSide: NameSide): Segment[] {
  const segments: Segment[] = [];
  let section: Label | null = null;
  let sectionItems = 0;
  let seenText = false;
  for (const rawLine of notes.split(/\r?\n/)) {
    if (rawLine.trim() === '') {
      // A blank line closes a section once it has items; a blank right after a header does not.
      if (sectionItems > 0) section = null;
      continue;
    }
    const bullet = BULLET_RE.exec(rawLine);
    const line = (bullet ? rawLine.slice(bullet[0].length) : rawLine).trim();
    if (line === '') continue;

    if (!seenText && !bullet && isTitle(line)) {
      seenText = true;
      continue;
    }
    seenText = true;
    const header = HEADER_RE.exec(line);
    if (header) {
      const label = readLabel(header[1]!, nameSide);
      // "Next steps:" or "Them:" on its own line heads the lines that follow.
      if (label && (line.endsWith(':') || label.side === null)) {
        section = label;
        sectionItems = 0;
        continue;
      }
    }
    if (
      section &&
      !bullet &&
      sectionItems > 0 &&
      /[.!?]$/.test(line) &&
      line.split(/\s+/).length > 12
    ) {
      // Prose after a list ends the list.
      section = null;
    }

    const { label, at } = readLabels(line, nameSide);
    const body = line.slice(at).trim();
    if (section) sectionItems++;
    const role = label?.role ?? section?.role ?? null;
    const side = label?.side ?? section?.side ?? null;
    const sentences = splitSentences(body);
    sentences.forEach((text, i) => {
      segments.push({
        sentence: i === 0 && at > 0 ? line.slice(0, at) + text : text,
        text,
        role,
        side,
        lineStart: i === 0,
      });
    });
  }
  return segments;
}
