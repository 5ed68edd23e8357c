import {
  assertLead,
  createBusinessCalendar,
  earlyTarget,
  parseRegion,
  resolveMoment,
} from '../calendar/index.ts';
import type { BusinessCalendar } from '../calendar/index.ts';
import { invalid } from '../kernel/errors.ts';
import { chronoFallback, findDates, hasPastReference, pickDue } from './dates.ts';
import type { DateContext, DateHit } from './dates.ts';
import {
  IMPERATIVE_VERBS,
  NOT_A_NAME,
  NOUN_LIKE_VERBS,
  PROGRESSIVE_ACTIONS,
  REPORTING_RE,
  STATIVE_AFTER_MODAL,
  STATIVE_HAVE_OBJECTS,
  TYPOS,
} from './lexicon.ts';
import { Day } from '../time/day.ts';
import { segmentNotes } from './segment.ts';
import type { Segment } from './segment.ts';
import type {
  ExtractedCommitment,
  ExtractedNextStep,
  ExtractionContext,
  ExtractionResult,
  Side,
} from './types.ts';

/*
 * Reading promises out of call notes, deterministically and offline.
 *
 * A sentence yields a commitment when it has a *head*: a subject whose side we can tell (I, we,
 * our SE, they, Sarah, Acme's legal team) bound to a future or obligating modal (will, 'll, is
 * going to, agreed to, need to…) and an action verb; or a bare imperative / "Sarah to send…"
 * action item; or a labelled line ("Them: intro to CFO Fri"). Each head owns a clause, and the
 * clause is refused when it is a question, negated, conditional, tentative or about the past.
 * Meetings that are booked become the next step instead.
 *
 * Most sentences in notes are observations, so a cheap test decides first whether a sentence can
 * hold a promise at all; the date rules and chrono-node only run on the few that can.
 */

// --- shared patterns -----------------------------------------------------------------------

const ROLE =
  '(?:team|side|folks|guys|people|group|cfo|ceo|cto|cio|ciso|coo|cro|cmo|vp|svp|evp|head|director|manager|lead|boss|champion|buyer|admin|administrator|engineer|engineers|developer|developers|devs|architect|counsel|lawyer|lawyers|legal|procurement|finance|it|security|infosec|ops|board|committee|department|controller|accountant|pm|analyst|sponsor|exec|execs|executive|executives|leadership|owner|founder|founders|president|partner|assistant|ea|coordinator|specialist|guy|gal|person|contact|rep|purchasing|accounting|marketing|sales|hr|payroll|compliance|se|ae|sdr|csm|cs|support|solutions|implementation|onboarding|product|consultant|colleague|attorney|office|desk)';

const THE_ROLE =
  '(?:customer|client|prospect|buyer|champion|cfo|ceo|cto|cio|ciso|coo|cro|vp(?: of [a-z]+)?|head of [a-z]+|other side|procurement team|legal team|it team|security team|finance team|decision maker|economic buyer)';

const MODAL =
  "('ll|'d|'s going to|'re going to|'m going to|'m gonna|'re gonna|\\s+(?:will|shall|would|is going to|are going to|am going to|is gonna|are gonna|gonna|going to|plans? to|planning to|intends? to|promised to|promises to|agreed to|agrees to|committed to|commits to|offered to|offers to|volunteered to|signed up to|is to|are to|needs? to|have to|has to|must|can|owes?|(?:is|are|am) on the hook (?:for|to)|(?:is|are|am) responsible for|promised(?=\\s+(?:the|a|an|us|them|their|our|his|her|to have)\\b)|promises(?=\\s+(?:the|a|an|us|them|their|our)\\b))|(?:'re|'s|'m|\\s+(?:is|are|am))\\s+(?:planning|intending|aiming|going|due|committed|scheduled) to|(?:'ve|\\s+have|\\s+has)\\s+(?:committed|agreed|promised|offered|volunteered|signed up) to|'m on the hook (?:for|to)|'re on the hook (?:for|to)|(?:\\s+(?:is|are|am)|'m|'re|'s)(?=\\s+[a-z]+ing\\b))";

const ADVERBS =
  '((?:\\s+(?:also|definitely|def|defo|for sure|prob|certainly|then|quickly|personally|just|both|all|each|still|now|first|happily|gladly|formally|officially|actually|really|probably|likely|hopefully|maybe|possibly|perhaps|try to|try and|aim to|make sure to|make sure we|be sure to|go ahead and|be able to|work to|look to|get to|need to|have to|then|asap|immediately|separately|directly|internally|themselves|ourselves|myself))*)';

const TENTATIVE_ADVERB_RE = /\b(?:probably|prob|likely|hopefully|maybe|possibly|perhaps)\b/;

const APPOS =
  "(\\s+(?:from|at|on|in|over at) (?:our|their|the)?\\s?[a-z0-9&.'-]+(?: [a-z0-9&.'-]+)?|\\s*\\([^)]{1,40}\\)|\\s*,[^,]{1,40},)?";

const NEG_NEUTRAL_RE =
  /\b(?:no later than|not later than|if not (?:sooner|earlier|before)|not a problem|no problem|not only|whether or not|no matter|no-brainer|if possible)\b/g;
/** "Let us know if…", "check whether…": an indirect question, not a condition. */
const EMBEDDED_IF_RE =
  /\b(know|check|see|find out|confirm|verify|figure out|tell us|tell me|decide|clarify|work out|double-check|double check|determine|understand|sure)(?:\s+(?:by|before|on|until|back|for sure))?\s+(?:if|whether)\b/g;
const NEG_RE =
  /\b(?:not|never|no longer|cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|shouldn't|wouldn't|couldn't|haven't|hasn't|unable|no way|nobody|neither|nor|refused|declined|hold off|holding off|on hold|no need|none)\b/;
const COND_RE =
  /\b(?:if|unless|assuming|provided (?:that|they|we)|providing|in case|as long as|so long as|contingent|depending on|dependent on|depends on|should (?:they|we|she|he|it) |in the event|otherwise|whenever)\b/;
const TENTATIVE_RE =
  /\b(?:might|may|could|maybe|perhaps|possibly|probably|likely|hopefully|tentatively|potentially|in theory|supposedly|would like to|'d like to|hope to|hopes to|hoping to|trying to|thinking about|thinking of|considering|open to|interested in|not sure|unsure|tbd|tbc|to be confirmed|pending)\b/;
const PASTCUE_RE =
  /\b(?:already|was going to|were going to|was supposed to|were supposed to|had planned|had promised|had agreed|had said|used to|would have|could have|should have|last time|previously|originally)\b/;
const QUESTIONISH_RE =
  /\b(?:asked (?:if|whether|about|how|what|when|why|for)|asking (?:if|whether|about|how|what|when|why)|wondering|wants to know|want to know|wanted to know|curious (?:if|whether|about)|question (?:is|was)|unclear (?:if|whether)|who will|who'll)\b/;
const QUESTION_START_RE =
  /^(?:(?:do|does|did|can|could|would|should|shall|is|are|was|were|has|have|had|will|won't|wouldn't|isn't|aren't)\s+(?:we|i|they|you|he|she|it|the|their|our|there|this|that|anyone|someone|legal|procurement|[a-z]+ (?:be|have|need|want|send|get|sign))\b|(?:what|when|how|why|who|where|which|whether)\s+(?:is|are|was|were|do|does|did|can|could|would|will|should|shall|has|have|had|if|about|else)\b)/;
const COND_START_RE =
  /^(?:if|unless|assuming|provided|in case|as long as|should (?:they|we|she|he)|depending|whether)\b/;

const STRONG_SPLIT_RE =
  /,\s*(?:and|but|so|then|plus|while|whereas|however)\b\s*|\s(?:and|but|so|then|plus|while|whereas|however|although|though|&)\s|;\s*|\s[-–—]\s|,\s+/g;
const CONTRAST_RE = /,?\s+(?:but|however|although|though|whereas|that said)\b/g;

const MEETING =
  '(?:meeting|call|demo|follow[- ]?up|check[- ]?in|session|workshop|review session|sync|touchpoint|touch base|presentation|walk-?through|onsite|on-site|site visit|visit|lunch|dinner|coffee|debrief|kick-?off|qbr|deep[- ]dive|catch[- ]up|intro call|discovery call|tech(?:nical)? call|call back|callback|appointment|meet(?:ing)? up|zoom|teams call|hangout)';
const MEETING_RE = new RegExp(`\\b${MEETING}s?\\b`);
const BOOKED_RE =
  /\b(?:booked|scheduled|set up|set|locked in|locked|confirmed|calendared|pencil+ed in|put (?:in|on)|got|have|has|sent (?:an? |the )?(?:calendar )?invites?|invites? (?:sent|went out|is out|accepted)|on the calendar|in the diary|on the books|on (?:the|our|their) calendars?|all set|is on|are on|lined up)\b/;
const FUTURE_BOOK_RE =
  /\b(?:'ll|will|need to|needs to|have to|has to|to|going to|gonna|should|must|can|let me|let's|lets|please|pls)\s+(?:(?:also|then|quickly|just|try to)\s+)?(?:book|schedule|set up|set|lock in|confirm|send|get|put|line up|arrange|find)\b/;
const PAST_BOOKED_RE = /\b(?:was|were|had been|had)\s+(?:booked|scheduled|set|confirmed|planned)\b/;
const MEET_VERBS: ReadonlySet<string> = new Set([
  'meet',
  'reconvene',
  'regroup',
  'reconnect',
  'sync',
  'catch',
  'touch',
  'huddle',
  'hop',
  'jump',
  'reconvening',
  'regrouping',
  'reconnecting',
  'meeting',
  'syncing',
  'catching',
  'seeing',
]);
const MEET_AGAIN_RE = /^(?:talk|speak|chat)\s+(?:again|next)\b/;
const MEETING_FRAGMENT_RE = new RegExp(
  `^(?:(?:next|follow[- ]?up|f/u|2nd|second|third|final|tech(?:nical)?|exec(?:utive)?|pricing|security|legal|procurement|kick-?off|intro(?:ductory)?|deep[- ]dive|onsite|on-site|demo|discovery|qbr|poc|the|a|an|our|another|quick|short|30[- ]?min(?:ute)?|1[- ]?h(?:ou)?r|one[- ]hour|half[- ]hour|joint|weekly|exec)\\s+)*${MEETING}s?\\b`,
);
const PAST_VERB_RE =
  /\b(?:went|was|were|had|did|ran|took|got|seemed|felt|ended|lasted|covered|discussed|talked|spoke|showed|presented|asked|said|mentioned|agreed|signed|sent|happened|started|kicked off|wrapped|finished|cancel+ed|no-?showed|moved|pushed|rescheduled)\b/;

const TYPO_RE = new RegExp(
  `(?<![\\w'/])(${[...TYPOS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|')})(?![\\w'])`,
  'gi',
);

function normalize(text: string): string {
  return text
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/\bw\/o\b/gi, 'without')
    .replace(/\bw\/\s*/gi, 'with ')
    .replace(TYPO_RE, (w) => TYPOS.get(w.toLowerCase()) ?? w)
    .replace(/(^|[,;:]\s*|\b(?:and|so|then|but)\s+)(?:ill|il)\s+(?=[a-z])/gi, "$1I'll ")
    .trim();
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// --- per-context lexicon (names) -------------------------------------------------------------

interface Lexicon {
  nameSide: (lower: string) => Side | null;
  headRe: RegExp;
  toRe: RegExp;
  onRe: RegExp;
  midToRe: RegExp;
  expectRe: RegExp;
}

const lexicons = new Map<string, Lexicon>();

function lexiconFor(ours: readonly string[], theirs: readonly string[]): Lexicon {
  const key = `${ours.join('\u0001')}\u0002${theirs.join('\u0001')}`;
  const cached = lexicons.get(key);
  if (cached) return cached;
  const sides = new Map<string, Side>();
  for (const n of theirs) if (n.trim() !== '') sides.set(n.trim().toLowerCase(), 'theirs');
  for (const n of ours) if (n.trim() !== '') sides.set(n.trim().toLowerCase(), 'ours');
  // A first name is enough to refer to someone ("Sarah Lee" → "Sarah").
  for (const [name, side] of [...sides]) {
    const first = name.split(/\s+/)[0]!;
    if (first !== name && first.length > 2 && !sides.has(first)) sides.set(first, side);
  }
  const names = [...sides.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
  const NAMES = names.length > 0 ? `${names.join('|')}` : '\\uE000';
  const SUBJ = `(i|we|me|us|they|she|he|(?:our|my) (?:[a-z-]+ ){0,2}${ROLE}(?: of [a-z]+)?|their (?:[a-z-]+ ){0,2}${ROLE}(?: of [a-z]+)?|the ${THE_ROLE}|legal|procurement|finance|infosec|purchasing|accounting|it|security|(?:${NAMES})(?:'s? (?:[a-z-]+ )?${ROLE})?|[a-z][a-z-]*)`;
  const lex: Lexicon = {
    nameSide: (lower) => sides.get(lower) ?? null,
    headRe: new RegExp(`(?<![a-z'])${SUBJ}${APPOS}${MODAL}${ADVERBS}\\s+([a-z][a-z'-]*)`, 'g'),
    toRe: new RegExp(
      `^(?:(?:and|also|then|so|plus|agreed|next steps?|action items?|ai|to-?dos?|follow-?ups?)[,:]?\\s+)*(me|us|we|them|they|(?:our|their) (?:[a-z-]+ ){0,2}${ROLE}|the ${THE_ROLE}|legal|procurement|finance|(?:${NAMES})(?:'s? (?:[a-z-]+ )?${ROLE})?|[a-z][a-z-]*)\\s+to\\s+((?:(?:also|then|quickly|formally)\\s+)*)([a-z][a-z'-]*)`,
    ),
    onRe: new RegExp(
      `(?:^|[-–—:,(]\\s*|\\s)(?:that's |that is |this is |it's )?on (me|us|them|${NAMES})\\b\\)?\\s*[.,;)]?\\s*$`,
    ),
    expectRe: new RegExp(
      `\\b(?:expect|expecting|awaiting|waiting (?:on|for))\\s+((?:the|a|an|their|its)\\s+[a-z0-9' -]{2,60}?)\\s+from\\s+(them|their (?:[a-z-]+ ){0,2}${ROLE}|(?:${NAMES}))\\b`,
      'g',
    ),
    midToRe: new RegExp(
      `(?:,\\s*(?:and\\s+)?|\\s(?:and|then|also|while|with)\\s+|;\\s*)(us|me|them|(?:our|their) (?:[a-z-]+ ){0,2}${ROLE}|(?:${NAMES})(?:'s? (?:[a-z-]+ )?${ROLE})?)\\s+to\\s+((?:(?:also|then|quickly|formally)\\s+)*)?([a-z][a-z'-]*)`,
      'g',
    ),
  };
  if (lexicons.size > 256) lexicons.clear();
  lexicons.set(key, lex);
  return lex;
}

// --- heads ---------------------------------------------------------------------------------

interface Head {
  /** Where the subject starts (the clause boundary search ends here). */
  subjStart: number;
  /** Where the action text starts. */
  actionStart: number;
  side: Side;
  confidence: number;
  /** A progressive ("we're sending…") is only a promise with a date. */
  needsDate: boolean;
  /** A booked or agreed meeting: the next step, not a promise. */
  meeting: boolean;
  /** Words that make the action readable: "owe them X" → "send them X". */
  verbPrefix?: string;
  /** The action starts with an -ing form to read as a plain verb ("we're sending" → "send"). */
  verbIng?: boolean;
}

const OURS_WORDS = new Set(['i', 'we', 'me', 'us']);
const THEIRS_WORDS = new Set([
  'they',
  'she',
  'he',
  'legal',
  'procurement',
  'finance',
  'infosec',
  'purchasing',
  'accounting',
  'security',
  'them',
]);
const OBLIGATION = new Set(['need to', 'needs to', 'have to', 'has to', 'must', 'can']);

function sideOfSubject(
  subj: string,
  original: string,
  appos: string | undefined,
  lex: Lexicon,
  atStart: boolean,
): { side: Side; confidence: number } | null {
  if (OURS_WORDS.has(subj) || subj.startsWith('our ') || subj.startsWith('my ')) {
    return { side: 'ours', confidence: 0.92 };
  }
  if (THEIRS_WORDS.has(subj) || subj.startsWith('their ') || subj.startsWith('the ')) {
    return { side: 'theirs', confidence: subj === 'he' || subj === 'she' ? 0.82 : 0.88 };
  }
  if (subj === 'it') return original === 'IT' ? { side: 'theirs', confidence: 0.75 } : null;
  const named = lex.nameSide(subj) ?? lex.nameSide(subj.replace(/'s?(?: .*)?$/, ''));
  if (named) return { side: named, confidence: 0.88 };
  // Someone we were not told about: a capitalised word that is not a common word.
  if (!/^[A-Z]/.test(original) || NOT_A_NAME.has(subj) || subj.includes(' ')) return null;
  if (atStart && original.length < 3) return null;
  const where = appos?.toLowerCase() ?? '';
  if (/\bour\b|\bus\b/.test(where)) return { side: 'ours', confidence: 0.7 };
  for (const word of where.replace(/[^a-z0-9&' -]/g, ' ').split(/\s+/)) {
    const side = lex.nameSide(word);
    if (side) return { side, confidence: 0.75 };
  }
  return { side: 'theirs', confidence: 0.6 };
}

/** Checks the verb after a modal; returns false when the words describe a state, not an act. */
function actionVerbOk(verb: string, rest: string): boolean {
  if (verb === 'be') {
    return /^be (?:in touch|back|sending|sharing|emailing|getting|delivering|putting|drafting|preparing|booking|scheduling|setting|introducing|signing|returning|submitting|finalizing|finalising|circling|following|looping|reaching|able to [a-z]+|ready to [a-z]+|happy to [a-z]+|the one to [a-z]+|responsible for [a-z]+ing)\b/.test(
      rest,
    );
  }
  if (verb === 'have') return !STATIVE_HAVE_OBJECTS.test(rest);
  if (verb === 'do')
    return !/^do (?:our|my|their|what|it|that|this|better|well|more|less|nothing|anything)\b/.test(
      rest,
    );
  if (verb.endsWith('ing')) return SHORT_ING.has(verb);
  if (verb.endsWith('ed')) return SHORT_ED.has(verb);
  return !STATIVE_AFTER_MODAL.has(verb);
}

/** Verbs that merely end like a participle. */
const SHORT_ING = new Set(['bring', 'ping', 'ring', 'string']);
const SHORT_ED = new Set(['need', 'feed', 'embed', 'speed', 'shed']);

const BELIEF_RE =
  /\b(?:reckon|reckons|think|thinks|believe|believes|guess|guesses|assume|assumes|suspect|suspects|expect|expects|estimate|estimates|predict|predicts|feel|feels|figure|figures|doubt|doubts|bet|hope|hopes|wish)(?:\s+that)?\s+$/;
const GERUND_MODAL_RE =
  /(?:committed|agreed|on the hook|responsible|signed up|volunteered)\s+(?:to|for)$/;

function isMeetVerb(verb: string, rest: string): boolean {
  return MEET_VERBS.has(verb) || MEET_AGAIN_RE.test(rest) || /^get together\b/.test(rest);
}

function findHeads(lower: string, norm: string, lex: Lexicon): Head[] {
  const heads: Head[] = [];
  const re = lex.headRe;
  re.lastIndex = 0;
  for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
    const subj = m[1]!;
    const appos = m[2];
    const modal = m[3]!.trim();
    const adverbs = m[4] ?? '';
    const verb = m[5]!;
    const subjStart = m.index;
    const actionStart = m.index + m[0].length - verb.length;
    // Let the scan find a head that starts inside this one ("…that they'll send…").
    re.lastIndex = m.index + Math.max(1, subj.length);
    if (['me', 'us'].includes(subj)) continue;
    const before = lower.slice(Math.max(0, subjStart - 12), subjStart);
    // "check if we can…", "ask whether they'll…": an embedded question, part of another clause.
    if (/\b(?:if|whether|what|when|how|why|where|which|who|whom)\s+$/.test(before)) continue;
    // "Hannah reckons they'll sign in April": a guess about them, not their promise.
    if (BELIEF_RE.test(lower.slice(Math.max(0, subjStart - 30), subjStart))) continue;
    // "…so we can size the import": a purpose, not a promise.
    if (/\bso(?: that)?\s+$/.test(before) && /^(?:can|could)$/.test(modal)) continue;
    const original = norm.slice(subjStart, subjStart + subj.length);
    const who = sideOfSubject(subj, original, appos, lex, subjStart === 0);
    if (!who) continue;
    if (
      (modal === "'d" || modal === 'would') &&
      !REPORTING_RE.test(lower.slice(Math.max(0, subjStart - 60), subjStart))
    ) {
      continue;
    }
    if (OBLIGATION.has(modal) && who.side === 'theirs') continue;
    if (TENTATIVE_ADVERB_RE.test(adverbs)) continue;
    const rest = lower.slice(actionStart);
    let confidence = who.confidence;
    let needsDate = false;
    let verbIng = false;
    if (modal === 'owe' || modal === 'owes' || modal === 'promised' || modal === 'promises') {
      heads.push({
        subjStart,
        actionStart,
        side: who.side,
        confidence: confidence - 0.05,
        needsDate: false,
        meeting: false,
        verbPrefix: modal.startsWith('owe') ? 'send ' : 'deliver ',
      });
      continue;
    }
    if (/^(?:is|are|am|'m|'re|'s)$/.test(modal)) {
      if (!PROGRESSIVE_ACTIONS.has(verb)) {
        if (who.side === 'ours' && MEET_VERBS.has(verb)) {
          heads.push({
            subjStart,
            actionStart,
            side: who.side,
            confidence,
            needsDate: true,
            meeting: true,
          });
        }
        continue;
      }
      needsDate = true;
      verbIng = true;
      confidence -= 0.1;
    } else if (isMeetVerb(verb, rest) || (/agree/.test(modal) && MEETING_FRAGMENT_RE.test(rest))) {
      // "We agreed to a follow-up demo on Thursday": a meeting agreed is the next step.
      if (who.side === 'ours') {
        heads.push({
          subjStart,
          actionStart,
          side: who.side,
          confidence,
          needsDate: true,
          meeting: true,
        });
      }
      continue;
    } else if (GERUND_MODAL_RE.test(modal) && verb.endsWith('ing') && verb.length > 5) {
      // "committed to sending", "responsible for getting": the gerund is the action.
      verbIng = true;
    } else if (!actionVerbOk(verb, rest)) {
      continue;
    }
    if (modal === 'can') {
      // "We can do 10%" is an offer; "I can get you pricing by Friday" is a promise.
      confidence = 0.62;
      needsDate = true;
    }
    if (modal === "'d" || modal === 'would') confidence -= 0.08;
    heads.push({
      subjStart,
      actionStart,
      side: who.side,
      confidence,
      needsDate,
      meeting: false,
      verbIng,
    });
  }
  return heads;
}

const LET_RE =
  /\b(?:let me|lemme|let us|let's|lets)\s+((?:(?:also|quickly|just|go ahead and|try to|first)\s+)*)([a-z][a-z'-]*)/g;
const REQUEST_RE =
  /\b(?:asked|asks|wants|want|needs|need|'d like|would like|requested|expects|expect)\s+(?:us|me)\s+to\s+((?:(?:also|quickly|formally)\s+)*)([a-z][a-z'-]*)/g;

function findOtherHeads(lower: string, lex: Lexicon): Head[] {
  const heads: Head[] = [];
  LET_RE.lastIndex = 0;
  for (let m = LET_RE.exec(lower); m !== null; m = LET_RE.exec(lower)) {
    const verb = m[2]!;
    const before = lower.slice(Math.max(0, m.index - 12), m.index);
    if (/(?:'ll|will|to|can|please|pls|would|could|should)\s+$/.test(before)) continue;
    if (verb === 'know' || verb === 'see' || verb === 'me' || verb === 'us') continue;
    const actionStart = m.index + m[0].length - verb.length;
    const rest = lower.slice(actionStart);
    if (isMeetVerb(verb, rest)) {
      heads.push({
        subjStart: m.index,
        actionStart,
        side: 'ours',
        confidence: 0.8,
        needsDate: true,
        meeting: true,
      });
    } else if (actionVerbOk(verb, rest)) {
      const confidence = m[0].startsWith("let's") || m[0].startsWith('lets') ? 0.72 : 0.88;
      heads.push({
        subjStart: m.index,
        actionStart,
        side: 'ours',
        confidence,
        needsDate: false,
        meeting: false,
      });
    }
  }
  REQUEST_RE.lastIndex = 0;
  for (let m = REQUEST_RE.exec(lower); m !== null; m = REQUEST_RE.exec(lower)) {
    const verb = m[2]!;
    if (!IMPERATIVE_VERBS.has(verb)) continue;
    heads.push({
      subjStart: m.index,
      actionStart: m.index + m[0].length - verb.length,
      side: 'ours',
      confidence: 0.6,
      needsDate: false,
      meeting: false,
    });
  }
  // "Expect the countersigned NDA from Acme by the 3rd", "waiting on Sarah for the PO by Friday"
  lex.expectRe.lastIndex = 0;
  for (let m = lex.expectRe.exec(lower); m !== null; m = lex.expectRe.exec(lower)) {
    const side = toSubjectSide(m[2]!, lex);
    if (side !== 'theirs') continue;
    heads.push({
      subjStart: m.index,
      actionStart: m.index + m[0].indexOf(m[1]!),
      side,
      confidence: 0.6,
      needsDate: true,
      meeting: false,
      verbPrefix: 'send ',
    });
  }
  // "…, and Ben to send the coverage details tomorrow"
  lex.midToRe.lastIndex = 0;
  for (let m = lex.midToRe.exec(lower); m !== null; m = lex.midToRe.exec(lower)) {
    const subj = m[1]!;
    const verb = m[3]!;
    const side = toSubjectSide(subj, lex);
    const actionStart = m.index + m[0].length - verb.length;
    if (side === null || !actionVerbOk(verb, lower.slice(actionStart))) continue;
    heads.push({
      subjStart: m.index + m[0].indexOf(subj),
      actionStart,
      side,
      confidence: 0.8,
      needsDate: false,
      meeting: false,
    });
  }
  return heads;
}

function toSubjectSide(subj: string, lex: Lexicon): Side | null {
  if (['me', 'us', 'we'].includes(subj) || subj.startsWith('our ')) return 'ours';
  if (['them', 'they'].includes(subj) || subj.startsWith('their ') || subj.startsWith('the ')) {
    return 'theirs';
  }
  if (['legal', 'procurement', 'finance'].includes(subj)) return 'theirs';
  return lex.nameSide(subj) ?? lex.nameSide(subj.replace(/'s?(?: .*)?$/, ''));
}

const FRAGMENT_RE =
  /^(?:(?:also|then|and|so|pls|please|plus|\+|&|ok|okay|agreed|next steps?)[,:]?\s+)*(?:(will|'ll|gonna|going to|need to|needs to|have to|must|to|plan to|promised to|agreed to|committed to|owe)\s+)?((?:(?:also|definitely|def|quickly|personally|just|then|first|try to|try and|aim to|make sure to|be sure to|pls|please)\s+)*)([a-z][a-z'-]*)/;
const NOUN_FOLLOWERS =
  /^(?:with|for|from|was|is|are|went|were|has|had|'s|notes|recording|thread|chain|invite|today|yesterday|ran|took|log|of|on|at|got|lasted|ended|started|call|calls|meeting|meetings|feedback|about|itself|tomorrow|this|next|last|w|booked|scheduled|set|confirmed|went)\b/;
const LEAD_PUNCT_RE = /^\s*[:,\-–—]?\s*/;
const ACTION_ITEM_LABEL_RE = /^(?:action items?|ai|to-?dos?|follow-?ups?|next steps?)\s*:\s*/;
const FIRST_WORD_RE = /^[a-z'-]+/;

function FIRST_WORD_IMPERATIVE(lower: string): boolean {
  return IMPERATIVE_VERBS.has(FIRST_WORD_RE.exec(lower)?.[0] ?? '');
}

/** A line that is itself an action item: "Send pricing Fri", "Will loop in legal", "Sarah to sign". */
function fragmentHead(
  lower: string,
  datesOf: () => readonly DateHit[],
  lex: Lexicon,
  seg: Segment,
): Head | null {
  const to = lex.toRe.exec(lower);
  if (to) {
    const verb = to[3]!;
    const known = toSubjectSide(to[1]!, lex);
    // "Action item: Ann to draft the MSA": an owner named on an action-item line who is not on
    // either list is taken as one of ours (the notes are ours), and the name stays out of the
    // text.
    const side =
      known ??
      ((seg.role === 'action' || ACTION_ITEM_LABEL_RE.test(lower)) && /^[a-z]+$/.test(to[1]!)
        ? (seg.side ?? 'ours')
        : null);
    const actionStart = to.index + to[0].length - verb.length;
    if (side !== null && actionVerbOk(verb, lower.slice(actionStart))) {
      return {
        subjStart: 0,
        actionStart,
        side,
        confidence: known ? 0.84 : 0.6,
        needsDate: false,
        meeting: false,
      };
    }
  }
  // "Tomorrow: send Jen the SLA language"
  const lead = FIRST_WORD_IMPERATIVE(lower)
    ? undefined
    : datesOf().find((h) => h.start === 0 && h.kind !== 'past');
  const offset = lead ? lead.end + LEAD_PUNCT_RE.exec(lower.slice(lead.end))![0].length : 0;
  const m = FRAGMENT_RE.exec(lower.slice(offset));
  if (!m) return null;
  const modal = m[1];
  const verb = m[3]!;
  const actionStart = offset + m.index + m[0].length - verb.length;
  const rest = lower.slice(actionStart);
  const after = rest.slice(verb.length).trimStart();
  if (modal === undefined) {
    if (!IMPERATIVE_VERBS.has(verb)) return null;
    if (
      NOUN_LIKE_VERBS.has(verb) &&
      (after === '' || NOUN_FOLLOWERS.test(after) || PAST_VERB_RE.test(after))
    ) {
      return null;
    }
    if (verb === 'follow' && !/^up\b(?!\s+(?:call|meeting|demo|session|email)s?\b)/.test(after))
      return null;
    if (
      (verb === 'circle' || verb === 'loop' || verb === 'reach') &&
      !/^(?:back|in|out|around)\b/.test(after)
    ) {
      return null;
    }
  } else if (!actionVerbOk(verb, rest)) {
    return null;
  }
  const side = seg.side ?? 'ours';
  return {
    subjStart: 0,
    actionStart,
    side,
    confidence: modal === undefined ? (seg.role === 'action' ? 0.82 : 0.74) : 0.8,
    needsDate: false,
    meeting: isMeetVerb(verb, rest) && side === 'ours',
  };
}

// --- clause checks and text --------------------------------------------------------------

function masked(lower: string, start: number, end: number, hits: readonly DateHit[]): string {
  let out = lower.slice(start, end);
  for (const h of hits) {
    if (h.end <= start || h.start >= end) continue;
    const a = Math.max(h.start, start) - start;
    const b = Math.min(h.end, end) - start;
    out = out.slice(0, a) + ' '.repeat(b - a) + out.slice(b);
  }
  return out
    .replace(NEG_NEUTRAL_RE, (s) => ' '.repeat(s.length))
    .replace(EMBEDDED_IF_RE, (s, verb: string) => verb + ' '.repeat(s.length - verb.length));
}

function refused(text: string): boolean {
  return (
    NEG_RE.test(text) ||
    COND_RE.test(text) ||
    TENTATIVE_RE.test(text) ||
    PASTCUE_RE.test(text) ||
    QUESTIONISH_RE.test(text)
  );
}

const DANGLING_RE =
  /\s*(?:,\s*)?(?:\b(?:no later than|not later than|at the latest by|latest by|by|before|until|till|til|due|on|for|at|around|in|within|sometime|some time|ideally|approximately|about|hopefully|the|this|next|from|starting|of|first thing)\s+)*\uE000(?:\s*(?:,\s*)?(?:at the latest|latest|or so|or sooner|if not sooner|if possible|at the earliest|or earlier))?/gi;
const TRAILING_FILLER_RE =
  /(?:[\s,;:.!(\-–—>]+|\s+(?:as well|too|also|please|pls|as discussed|as promised|as agreed|if possible|asap|then|and|or|but|so|ok|okay|latest|at the latest|or so|—|-))+$/i;

function actionText(norm: string, start: number, end: number, hits: readonly DateHit[]): string {
  let out = '';
  let pos = start;
  for (const h of hits) {
    if (h.start < start || h.end > end || h.start < pos) continue;
    // "the recording of today's demo" keeps its words.
    if (norm.startsWith("'s", h.end)) continue;
    out += `${norm.slice(pos, h.start)} \uE000 `;
    pos = h.end;
  }
  out += norm.slice(pos, end);
  let text = out
    .replace(DANGLING_RE, ' ')
    .replace(/\uE000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  text = text
    .replace(/\(\s*\)/g, '')
    .replace(/\s+([:;,])/g, '$1')
    .replace(/^[\s,;:.\-–—>]+/, '');
  for (let i = 0; i < 3; i++) text = text.replace(TRAILING_FILLER_RE, '');
  text = text.replace(/\s+/g, ' ').trim();
  return text;
}

/** "collecting" → "collect", "getting" → "get", "preparing" → "prepare". */
function gerundBase(word: string): string | null {
  if (!word.endsWith('ing') || word.length <= 5) return null;
  const stem = word.slice(0, -3);
  if (IMPERATIVE_VERBS.has(stem) || OTHER_VERBS.has(stem) || VERBISH.has(stem)) return stem;
  if (IMPERATIVE_VERBS.has(`${stem}e`) || OTHER_VERBS.has(`${stem}e`)) return `${stem}e`;
  if (/([bdgklmnprt])\1$/.test(stem) && IMPERATIVE_VERBS.has(stem.slice(0, -1)))
    return stem.slice(0, -1);
  return null;
}

/** "sending the forms" → "send the forms"; a leading verb in lower case, names as written. */
function polish(text: string, lex: Lexicon, verbIng = false): string {
  const first = /^[A-Za-z'-]+/.exec(text)?.[0] ?? '';
  const lower = first.toLowerCase();
  const base = verbIng ? (PROGRESSIVE_ACTIONS.get(lower) ?? gerundBase(lower)) : null;
  if (base) return base + text.slice(first.length);
  const verbLike = IMPERATIVE_VERBS.has(lower) || VERBISH.has(lower) || OTHER_VERBS.has(lower);
  if (/^[A-Z][a-z]/.test(first) && verbLike && lex.nameSide(lower) === null) {
    return lower + text.slice(first.length);
  }
  return text;
}

function stepText(norm: string, start: number, end: number, hits: readonly DateHit[]): string {
  return actionText(norm, start, end, hits)
    .replace(
      /^(?:(?:we|i|they)\s+)?(?:have\s+|'ve\s+|also\s+)?(?:booked|scheduled|set up|set|locked in|confirmed|calendared|pencil+ed in|got|have|sent (?:an? |the )?(?:calendar )?invites? for)\s+(?:(?:a|an|the|our|in)\s+)?/i,
      '',
    )
    .replace(
      /\s+(?:is|are)?\s*(?:booked|scheduled|set|confirmed|locked in|locked|on the calendar|in the diary|on the books|all set)\b\s*(?:in)?\s*(?:for|on)?\s*$/i,
      '',
    )
    .replace(/^(?:next step|next steps)\s*[:\-–—]?\s*/i, '')
    .replace(/^(?:calendar\s+)?invites?\s+(?:sent|went out|is out)\s+for\s+(?:the\s+)?/i, '')
    .replace(/^(?:we're|we are|we'll|we will|i'll|i will|let's|lets)\s+/i, '')
    .trim();
}

// --- the sentence reader ------------------------------------------------------------------

interface Candidate {
  side: Side;
  text: string;
  due: DateHit | null;
  sentence: string;
  confidence: number;
}

interface StepCandidate {
  text: string;
  due: DateHit | null;
}

const PREFILTER_RE =
  /'ll|'d\b|\b(?:will|would|shall|going to|gonna|plans? to|planning|due to|aiming to|intend|scheduled to|signed up|promis|agree|commit|offer|volunteer|owe|need|have to|has to|must|let me|lemme|let's|lets|let us|can|is to|are to|on the hook|responsible|booked|scheduled|set up|lined up|locked|calendar|invite|meet|meeting|reconvene|regroup|reconnect|sync|catch up|touch base|on (?:me|us|them)\b|asked (?:us|me)|want (?:us|me)|wants (?:us|me)|like (?:us|me)|wil\b|wll\b|theyll\b|ill\b|il\b|f\/u)|(?:'re|'m|'s|\bare|\bis|\bam) [a-z]+ing\b|\b(?:expect|expecting|awaiting|waiting)\b/;

/** Purpose and reason clauses after the promise ("…so Tom can test on Monday") are not its terms. */
const CLAUSE_END_RE =
  /,?\s+(?:so(?: that)?\s+(?=(?:[a-z']+\s+){1,3}(?:can|could|will|'ll|has|have|is|are|gets?|may|might|knows?)\b|[a-z]+'(?:s|re|ll|d)\b)|because\b|since\b|as soon as\b|in order to\b|(?:and|but|or)\s+(?:if|unless|once|when|whenever)\b)|;/g;

const MEET_PHRASE_RE =
  /\b(?:we|i)(?:'re| are| will|'ll)?\s+(?:meet|meeting|see them|seeing them|reconvene|reconvening|regroup|regrouping|reconnect|reconnecting|sync|syncing|catch up|catching up)\b|\bmeeting (?:again|back)\b/;

function withinClause(hits: readonly DateHit[], start: number, end: number) {
  return hits.filter((h) => h.start >= start && h.end <= end);
}

function lastBoundary(lower: string, from: number, to: number): number {
  let at = -1;
  STRONG_SPLIT_RE.lastIndex = from;
  for (
    let m = STRONG_SPLIT_RE.exec(lower);
    m !== null && m.index < to;
    m = STRONG_SPLIT_RE.exec(lower)
  ) {
    if (m.index + m[0].length <= to) at = m.index + m[0].length;
    if (m[0].length === 0) STRONG_SPLIT_RE.lastIndex++;
  }
  return at;
}

function lastContrast(lower: string, to: number): number {
  let at = 0;
  CONTRAST_RE.lastIndex = 0;
  for (let m = CONTRAST_RE.exec(lower); m !== null && m.index < to; m = CONTRAST_RE.exec(lower)) {
    if (m.index + m[0].length <= to) at = m.index + m[0].length;
  }
  return at;
}

function firstMatch(re: RegExp, lower: string, from: number, to: number): number {
  re.lastIndex = from;
  const m = re.exec(lower);
  return m && m.index < to ? m.index : to;
}

interface SentenceOut {
  commitments: Candidate[];
  steps: StepCandidate[];
}

function isBookedMeeting(text: string): boolean {
  return (
    MEETING_RE.test(text) &&
    BOOKED_RE.test(text) &&
    !FUTURE_BOOK_RE.test(text) &&
    !PAST_BOOKED_RE.test(text)
  );
}

const COORDINATION_RE =
  /^\s*,?\s*(?:and|&|\+|plus|as well as|then)\s+(?!(?:i|we|they|she|he|it)\b)/;
const DETERMINER_RE =
  /^(?:the|a|an|our|their|his|her|its|some|any|all|both|two|three|this|that|those|these|[0-9])\b/;

/**
 * "send the screenshots tomorrow and a full proposal by next Thursday" holds two promises: a due
 * expression followed by "and" and another due expression splits the clause.
 */
function coordinated(
  lower: string,
  norm: string,
  head: Head,
  end: number,
  own: readonly DateHit[],
): { start: number; end: number; prefix: string }[] {
  const dated = own.filter(
    (h) =>
      h.date !== null &&
      h.kind !== 'past' &&
      h.anchor !== 'after' &&
      h.anchor !== 'ref' &&
      h.start >= head.actionStart,
  );
  const verb = /^[a-z'-]+/.exec(lower.slice(head.actionStart))?.[0] ?? '';
  const parts: { start: number; end: number; prefix: string }[] = [];
  let from = head.actionStart;
  let prefix = '';
  for (let i = 0; i < dated.length - 1; i++) {
    const join = COORDINATION_RE.exec(lower.slice(dated[i]!.end, dated[i + 1]!.start));
    if (!join) continue;
    parts.push({ start: from, end: dated[i]!.end, prefix });
    from = dated[i]!.end + join[0].length;
    const next = lower.slice(from);
    const firstWord = /^[a-z'-]+/.exec(next)?.[0] ?? '';
    const startsWithVerb = IMPERATIVE_VERBS.has(firstWord) || VERBISH.has(firstWord);
    // "…and a full proposal by Thursday" borrows the verb of the first piece.
    prefix =
      !startsWithVerb && DETERMINER_RE.test(next)
        ? `${norm.slice(head.actionStart, head.actionStart + verb.length)} `
        : '';
  }
  parts.push({ start: from, end, prefix });
  return parts;
}

const OTHER_VERBS = new Set([
  'let',
  'talk',
  'speak',
  'meet',
  'pay',
  'kick',
  'start',
  'finish',
  'approve',
  'decide',
  'review',
  'sign',
  'circulate',
  'route',
  'escalate',
  'offer',
  'rework',
  'process',
  'pull',
  'ping',
  'shoot',
]);
const VERBISH = new Set(['get', 'have', 'make', 'do', 'call', 'come', 'sign', 'ring', 'take']);

const TAG_RE =
  /,\s*(?:she|he|they|[a-z]+)\s+(?:said|says|promised|mentioned|confirmed|reckons|reckoned|thinks|estimated|reckon)\s+(?:by\s+|before\s+|on\s+)?$/;

/** "Jen will pull an export so we can size it, she said early next week": the tag carries the date. */
function reportedTagDate(lower: string, hits: readonly DateHit[], end: number, limit: number) {
  for (const h of hits) {
    if (h.start < end || h.end > limit) continue;
    if (TAG_RE.test(lower.slice(end, h.start))) return h;
  }
  return null;
}

const PAST_IRREGULAR =
  /^(?:sent|did|got|had|was|were|went|took|made|gave|said|told|met|ran|came|found|left|brought|bought|paid|signed|shared|delivered|fixed|agreed|asked|confirmed|mentioned|showed|tested|finished|started|approved|rejected|returned|emailed|called)\b/;
const AND_WORD_RE = /(?:,\s*|\s+)(?:and|but)\s+([a-z]+)\s+([a-z]+)/g;

/** "we promised the sandbox and Mark delivered it on Friday": a new subject in the past ends the clause. */
function pastSubjectClause(lower: string, from: number, to: number, lex: Lexicon): number {
  AND_WORD_RE.lastIndex = from;
  for (let m = AND_WORD_RE.exec(lower); m !== null && m.index < to; m = AND_WORD_RE.exec(lower)) {
    const who = m[1]!;
    const subject =
      ['i', 'we', 'they', 'she', 'he', 'it'].includes(who) || lex.nameSide(who) !== null;
    if (subject && (PAST_IRREGULAR.test(m[2]!) || (m[2]!.endsWith('ed') && !SHORT_ED.has(m[2]!)))) {
      return m.index;
    }
    AND_WORD_RE.lastIndex = m.index + 1;
  }
  return to;
}

function mayHoldPromise(raw: string, seg: Segment, lex: Lexicon): boolean {
  if (seg.side !== null || seg.role === 'action' || seg.role === 'next') return true;
  if (PREFILTER_RE.test(raw) || lex.onRe.test(raw) || lex.toRe.test(raw)) return true;
  lex.midToRe.lastIndex = 0;
  if (lex.midToRe.test(raw)) return true;
  return (
    IMPERATIVE_VERBS.has(FIRST_WORD_RE.exec(raw)?.[0] ?? '') ||
    MEETING_FRAGMENT_RE.test(raw) ||
    MEET_PHRASE_RE.test(raw) ||
    isBookedMeeting(raw) ||
    IMPERATIVE_VERBS.has(/^[^:]{1,25}:\s*([a-z'-]+)/.exec(raw)?.[1] ?? '')
  );
}

function readSentence(seg: Segment, dctx: DateContext, lex: Lexicon, out: SentenceOut): void {
  if (seg.role === 'question') return;
  // Most sentences in notes are observations: rule them out on the raw text before any work.
  if (!mayHoldPromise(seg.text.toLowerCase().replace(/[’‘]/g, "'"), seg, lex)) return;
  const norm = normalize(seg.text);
  let lower = norm.toLowerCase();
  if (lower.length !== norm.length) lower = norm.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (/\?\s*["')\]]*\s*$/.test(lower) || QUESTION_START_RE.test(lower)) return;
  const labelled = seg.side !== null || seg.role === 'action' || seg.role === 'next';

  // Dates are read only when something in the sentence could carry a promise or a meeting.
  let hits: DateHit[] | null = null;
  const datesOf = () => (hits ??= findDates(lower, dctx));
  const conditional = COND_START_RE.test(lower);

  const found = [...findHeads(lower, norm, lex), ...findOtherHeads(lower, lex)].sort(
    (a, b) => a.subjStart - b.subjStart,
  );
  // Two patterns can find the same head; keep the first.
  const heads: Head[] = [];
  for (const h of found) {
    const prev = heads[heads.length - 1];
    if (prev && h.subjStart < prev.actionStart) continue;
    heads.push(h);
  }
  const booked = isBookedMeeting(lower);
  if ((heads.length === 0 || heads[0]!.subjStart > 0) && !(booked && heads.length === 0)) {
    const frag = fragmentHead(lower, datesOf, lex, seg);
    if (frag && (heads.length === 0 || frag.actionStart < heads[0]!.subjStart)) heads.unshift(frag);
  }

  if (heads.length === 0) {
    if (labelled || MEETING_RE.test(lower) || MEET_PHRASE_RE.test(lower) || lex.onRe.test(lower)) {
      readFragment(seg, norm, lower, 0, lower.length, datesOf(), dctx, lex, out);
    }
    return;
  }
  const dates = datesOf();

  // Each head owns the text from the boundary before its subject to the next head.
  const starts = heads.map((h, i) => {
    if (h.subjStart === 0) return 0;
    const from = i === 0 ? 0 : heads[i - 1]!.actionStart;
    const boundary = lastBoundary(lower, from, h.subjStart);
    if (i === 0) {
      return Math.max(
        lastContrast(lower, h.subjStart),
        boundary > 0 && !conditional ? boundary : 0,
      );
    }
    return boundary >= 0 ? boundary : h.subjStart;
  });
  if (starts[0]! > 0) readFragment(seg, norm, lower, 0, starts[0]!, dates, dctx, lex, out, true);
  if (conditional) return;

  heads.forEach((head, i) => {
    const start = starts[i]!;
    const nextStart = i + 1 < heads.length ? starts[i + 1]! : lower.length;
    const end = Math.min(
      firstMatch(CONTRAST_RE, lower, head.actionStart, nextStart),
      firstMatch(CLAUSE_END_RE, lower, head.actionStart, nextStart),
      pastSubjectClause(lower, head.actionStart, nextStart, lex),
    );
    const own = withinClause(dates, start, end);
    const tag = reportedTagDate(lower, dates, end, nextStart);
    if (tag && pickDue(own) === null) own.push(tag);
    if (refused(masked(lower, start, end, own))) return;
    if (head.meeting) {
      const due = pickDue(own);
      if (due !== null || seg.role === 'next') {
        out.steps.push({ text: stepText(norm, head.actionStart, end, own), due });
      }
      return;
    }
    for (const part of coordinated(lower, norm, head, end, own)) {
      // Dates before the verb ("By Friday, I'll…") belong to the first piece.
      const partHits = own.filter(
        (h) =>
          h === tag ||
          (h.end <= part.end && (part.start === head.actionStart || h.start >= part.start)),
      );
      let due = pickDue(partHits);
      if (due === null && hasPastReference(partHits)) continue;
      if (due === null && head.needsDate) continue;
      if (due === null && partHits.length === 0) {
        due = chronoFallback(lower.slice(part.start, part.end), dctx);
        if (due) due = { ...due, start: due.start + part.start, end: due.end + part.start };
      }
      const lead = part.start === head.actionStart ? (head.verbPrefix ?? '') : part.prefix;
      const text = polish(
        lead +
          actionText(
            norm,
            part.start,
            part.end,
            due && !partHits.includes(due) ? [...partHits, due] : partHits,
          ),
        lex,
        head.verbIng === true && part.start === head.actionStart,
      );
      if (text.trim() === '') continue;
      out.commitments.push({
        side: head.side,
        text: text.trim(),
        due,
        sentence: seg.sentence,
        confidence: head.confidence + (due ? 0.05 : -0.1) + (seg.role === 'action' ? 0.03 : 0),
      });
    }
  });
}

/** Text with no promise head: a booked meeting, a labelled item ("Them: intro Fri"), or nothing. */
function readFragment(
  seg: Segment,
  norm: string,
  lower: string,
  start: number,
  end: number,
  hits: readonly DateHit[],
  dctx: DateContext,
  lex: Lexicon,
  out: SentenceOut,
  prefixOnly = false,
): void {
  const own = withinClause(hits, start, end);
  const piece = lower.slice(start, end);
  const checked = masked(lower, start, end, own);
  const due = pickDue(own);
  const meetingWords = seg.role === 'next' || MEETING_RE.test(piece) || MEET_PHRASE_RE.test(piece);
  if (
    meetingWords &&
    !NEG_RE.test(checked) &&
    !COND_RE.test(checked) &&
    !QUESTIONISH_RE.test(checked)
  ) {
    const booked = isBookedMeeting(checked) || MEET_PHRASE_RE.test(checked);
    const fragment = MEETING_FRAGMENT_RE.test(piece.trimStart()) && !PAST_VERB_RE.test(checked);
    if (seg.role === 'next' || ((booked || fragment) && due !== null)) {
      const label = seg.sentence.slice(0, Math.max(0, seg.sentence.length - seg.text.length));
      const text = stepText(norm, start, end, own) || label.replace(/[\s:\-–—]+$/, '');
      out.steps.push({ text, due });
      return;
    }
  }
  if (prefixOnly) return;
  let side = seg.side;
  let confidence = 0.55;
  const on = lex.onRe.exec(piece);
  if (on) {
    const who = on[1]!;
    side = who === 'me' || who === 'us' ? 'ours' : who === 'them' ? 'theirs' : lex.nameSide(who);
    confidence = 0.7;
  }
  if (side === null && seg.role !== 'action') return;
  if (refused(checked) || (due === null && hasPastReference(own))) return;
  // An owner marker ("… on me") makes an item a promise even before it has a date.
  if (due === null && seg.role !== 'action' && !on) return;
  if (due === null && PAST_VERB_RE.test(checked)) return;
  const textEnd = on ? start + on.index : end;
  const text = polish(actionText(norm, start, textEnd, own), lex);
  if (text === '' || text.split(' ').length > 18) return;
  out.commitments.push({
    side: side ?? 'ours',
    text,
    due,
    sentence: seg.sentence,
    confidence: confidence + (due ? 0.05 : -0.1),
  });
}

// --- context and results ------------------------------------------------------------------

/** Regions whose people write 12/4 for December 4th; everyone else writes the day first. */
const MONTH_FIRST = new Set([
  'US',
  'PR',
  'GU',
  'VI',
  'AS',
  'MP',
  'UM',
  'PH',
  'FM',
  'MH',
  'PW',
  'CA',
  'BZ',
  // Year-first countries write a bare month and day as 5/15.
  'JP',
  'CN',
  'KR',
  'TW',
  'HU',
  'MN',
]);

interface Prepared {
  dctx: DateContext;
  today: Day;
  lead: number;
  calendar: BusinessCalendar;
  lex: Lexicon;
}

const calendars = new Map<string, BusinessCalendar>();

const prepared = new Map<string, Prepared>();

/**
 * Reading the context costs time-zone and holiday work; a batch of notes from the same call or
 * member shares it. The cache holds only values derived from the context, so it stays pure.
 */
function prepare(context: ExtractionContext): Prepared {
  const key = contextKey(context);
  let p = prepared.get(key);
  if (!p) {
    p = prepareUncached(context);
    if (prepared.size > 1024) prepared.clear();
    prepared.set(key, p);
  }
  return p;
}

function contextKey(context: ExtractionContext): string {
  const weekendKey =
    typeof context.weekend === 'string' ? context.weekend : context.weekend.join(',');
  return [
    context.at,
    context.timeZone,
    context.region,
    context.lead,
    weekendKey,
    (context.daysOff ?? []).join(','),
    context.ours.join('\u0001'),
    context.theirs.join('\u0001'),
  ].join('\u0002');
}

function prepareUncached(context: ExtractionContext): Prepared {
  const weekendKey =
    typeof context.weekend === 'string' ? context.weekend : context.weekend.join(',');
  const moment = resolveMoment(context.at, context.timeZone, 'call time');
  const region = parseRegion(context.region);
  if (!region) {
    // Reuse the calendar's message so every caller lists the same valid forms.
    createBusinessCalendar({ region: context.region });
    throw invalid(`Unknown region "${context.region}".`);
  }
  const lead = assertLead(context.lead);
  const key = `${context.region}|${weekendKey}|${(context.daysOff ?? []).join(',')}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = createBusinessCalendar({
      region: context.region,
      weekend: context.weekend,
      daysOff: context.daysOff ?? [],
    });
    if (calendars.size > 256) calendars.clear();
    calendars.set(key, calendar);
  }
  const today = Day.fromIso(moment.date);
  const [hh, mm] = moment.time.split(':').map(Number) as [number, number];
  return {
    dctx: {
      today,
      minutes: hh * 60 + mm,
      calendar,
      dayFirst: !MONTH_FIRST.has(region.country),
      region: calendar.region,
    },
    today,
    lead,
    calendar,
    lex: lexiconFor(context.ours, context.theirs),
  };
}

const STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'to',
  'of',
  'for',
  'and',
  'them',
  'us',
  'it',
  'over',
  'our',
  'their',
  'with',
  'on',
  'in',
]);

function contentWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9 ]/g, ' ')
      .split(/\s+/)
      .filter((w) => w !== '' && !STOP_WORDS.has(w)),
  );
}

/** Notes often repeat a promise in a recap; the same side, date and action is one promise. */
function samePromise(a: Set<string>, b: Set<string>, aText: string, bText: string): boolean {
  if (a.size === 0 || b.size === 0) return aText === bText;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size) >= 0.6;
}

const round2 = (n: number) => Math.round(Math.min(0.99, Math.max(0.05, n)) * 100) / 100;

/**
 * Proposes the commitments and the next step in free-text call notes. Pure and deterministic:
 * the call's local date-time, zone, region and calendar settings come in the context.
 */
export function extractCommitments(notes: string, context: ExtractionContext): ExtractionResult {
  const p = prepare(context);
  const out: SentenceOut = { commitments: [], steps: [] };
  for (const seg of segmentNotes(notes, p.lex.nameSide)) readSentence(seg, p.dctx, p.lex, out);

  const commitments: ExtractedCommitment[] = [];
  // Repeats are only looked for among promises with the same side and due date.
  const groups = new Map<string, { index: number; words: Set<string> }[]>();
  for (const c of out.commitments) {
    const due = c.due?.date ?? null;
    const item: ExtractedCommitment = {
      side: c.side,
      text: c.text,
      due: due?.toString() ?? null,
      dueTime: c.due?.time ?? null,
      target:
        due === null
          ? null
          : earlyTarget({
              due: due.toString(),
              madeOn: p.today.toString(),
              lead: p.lead,
              calendar: p.calendar,
            }),
      sentence: c.sentence,
      confidence: round2(c.confidence),
    };
    const key = `${item.side}|${item.due}`;
    const group = groups.get(key) ?? [];
    groups.set(key, group);
    const words = contentWords(item.text);
    const twin = group.find((g) =>
      samePromise(g.words, words, commitments[g.index]!.text, item.text),
    );
    if (twin === undefined) {
      group.push({ index: commitments.length, words });
      commitments.push(item);
    } else if (item.confidence > commitments[twin.index]!.confidence) {
      commitments[twin.index] = item;
      twin.words = words;
    }
  }

  let nextStep: ExtractedNextStep | null = null;
  let best: StepCandidate | null = null;
  for (const s of out.steps) {
    const date = s.due?.date ?? null;
    if (date !== null && Day.compare(date, p.today) < 0) continue;
    const bestDate = best?.due?.date ?? null;
    if (
      best === null ||
      (date !== null && (bestDate === null || Day.compare(date, bestDate) < 0))
    ) {
      best = s;
    }
  }
  if (best) {
    nextStep = {
      text: best.text === '' ? 'meeting' : best.text,
      date: best.due?.date?.toString() ?? null,
      time: best.due?.time ?? null,
    };
  }
  return { commitments, nextStep };
}
