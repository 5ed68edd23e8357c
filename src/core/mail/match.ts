import type { Side } from '../extraction/types.ts';
import { splitBody } from './quotes.ts';
import type { MailForMatching, MatchBand, PromiseForMatching, PromiseMatch } from './types.ts';
import { groupName, terms } from './words.ts';
import type { Term } from './words.ts';

/*
 * Does this e-mail keep that promise? Deterministic and explainable (decision 019).
 *
 * The promise's text becomes weighted terms (synonym groups weigh 3, other content words 1,
 * generic words and numbers 0.5). The message is read as its subject, its attachment names and
 * its own body (quoted history and signature stripped; a forwarded message's own body counts),
 * cut into clauses. Each clause is one of:
 *   - delivered: it hands something over ("attached is", "here's", a link, "I've booked", a line
 *     ending in ":" before pasted content);
 *   - deferred: it puts it off ("will follow next week", "still waiting on", "I'll send … by
 *     Tuesday", "isn't ready", "once legal signs off"), unless it also attaches or links;
 *   - a question ("did you get the case study?");
 *   - a plain mention.
 * The score is the share of the promise's weight found in the subject, attachments, delivered
 * clauses and plain mentions. A confident match needs delivery evidence (a matching attachment
 * name or a delivered clause that names the thing, or a subject that names it over a body that
 * delivers something) and no deferral of the same thing without delivery; a weak match is only a
 * suggestion.
 */

/** At or above this share of the promise's weight, with delivery evidence: propose "kept". */
export const CONFIDENT_SCORE = 0.6;
/** At or above this share (and below confident): suggest it, never propose. */
export const WEAK_SCORE = 0.34;

type ClauseKind = 'delivered' | 'deferred' | 'question' | 'mention';

interface Clause {
  text: string;
  kind: ClauseKind;
  terms: Term[];
}

const STRONG_DELIVER_RE =
  /\b(?:attached|attaching|enclosed|here(?:'s| is| are)|please find|find (?:it |them )?(?:attached|below|enclosed)|as promised|(?:like to|let me|allow me to|pleased to|happy to|want to) introduce|please meet)\b|:\s*$|^meet\b|, meet\b|https?:\/\/|\b[a-z0-9.-]+\.(?:com|io|example|net|org)\/\S+/;
const DELIVER_RE =
  /\b(?:below|sharing|(?:i|we)(?:'ve| have)? (?:just |now |already )?(?:sent|shared|put|uploaded|added|booked|scheduled|set up|created|included|attached|signed|countersigned|completed|invited|forwarded|filled|answered|finished|moved|updated)|as discussed|as requested|following up (?:with|on)|you can (?:find|download|access|see|review)|link|(?:is|are) (?:now )?(?:ready|live|set up|attached|up|done|complete|available)|went out|countersigned|signed|completed|meet|looping in|loop in|introducing|cc'?ing|copying|in this (?:email|e-mail|message)|answers? to your|confirming|(?:i|we) (?:can )?confirm|confirmed)\b|[$€£]\s?\d|^(?:[^:\s]+\s+){0,5}[^:\s]+:\s+\S|\b(?:is|are|has been|have been) (?:now )?[a-z]+ed\b/;
const DEFER_RE =
  /\b(?:will follow|to follow|will come|will be (?:with you|ready|sent|over|done|available|coming)|won't|will not|isn't|aren't|is not|are not|not (?:yet|ready|quite|done)|still (?:working|waiting|processing|collecting|finali[sz]ing|reviewing|pending|being|need)|waiting (?:on|for|to)|working (?:through|on)|in progress|next week|until|as soon as|once|can't|cannot|couldn't|unable|needs? (?:another|more|a few|a couple)|(?:i|we)(?:'ll| will| shall|'m going to| are going to| am going to| plan to| intend to)|going to|let me|checking|get back to you|come back to you|circle back|before i|have it (?:back |over )?to you|should be|expect it|hasn't|haven't|didn't|delay(?:ed)?|pushed|slipp?(?:ed|ing)?|hold off|on hold|later|shortly|will|'ll|(?:i'm|i am|we're|we are) (?:still )?(?:working|checking|confirming|finali[sz]ing|preparing|drafting|putting|pulling|getting|waiting|reviewing|updating|finishing)|needs? to|has to|have to|must|by (?:monday|tuesday|wednesday|thursday|friday|eod|eow|end of))\b/;

/** Acknowledging what the customer sent ("thanks for the signed MSA", "got your order form"):
 * a receipt, not a delivery. */
const RECEIPT_RE =
  /^(?:many |big )?(?:thanks|thank you)(?: so much| again)? for (?:the|your|sending)\b|\b(?:got|received|have received) (?:the|your)\b/;

function clauseKind(text: string): ClauseKind {
  const t = text.toLowerCase().replace(/’/g, "'");
  const strong = STRONG_DELIVER_RE.test(t);
  if (/\?\s*$/.test(t) && !strong) return 'question';
  if (strong) return 'delivered';
  if (RECEIPT_RE.test(t)) return 'mention';
  if (DEFER_RE.test(t)) return 'deferred';
  if (DELIVER_RE.test(t)) return 'delivered';
  return 'mention';
}

/** Paragraphs joined from wrapped lines, then sentences, then clauses. */
function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const bullet = /^(?:[-*•]|\d+[.)])\s+/.test(line);
    if (line === '' || bullet) {
      if (current.length) paragraphs.push(current.join(' '));
      current = [];
      if (bullet) paragraphs.push(line);
      continue;
    }
    current.push(line);
    if (/:\s*$/.test(line)) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  for (const p of paragraphs) {
    for (const sentence of p.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)) {
      const parts = sentence.split(
        /;\s+|,?\s+but\s+|,\s+(?=(?:i|we)(?:'ll| will)\b)|\s+and\s+(?=(?:i|we)?(?:'ll| will)\b)/i,
      );
      for (const part of parts) {
        const clause = part.trim();
        if (!clause) continue;
        out.push({ text: clause, kind: clauseKind(clause), terms: terms(clause) });
      }
    }
  }
  return out;
}

const SUBJECT_PREFIX_RE = /^(?:\s*(?:re|fw|fwd|aw|wg|sv|vs|tr)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** What the matcher reads from one message, prepared once for all the deal's promises. */
export interface PreparedMail {
  subjectTerms: Term[];
  attachments: { name: string; terms: Term[] }[];
  clauses: Clause[];
}

export function prepareMail(mail: MailForMatching): PreparedMail {
  const split = splitBody(mail.text, /^\s*(?:fw|fwd|wg|tr)\s*:/i.test(mail.subject));
  const bodies = [split.own, split.forwarded?.own ?? ''].filter(Boolean);
  const subjects = [mail.subject, split.forwarded?.headers.subject ?? '']
    .map((s) => s.replace(SUBJECT_PREFIX_RE, ''))
    .filter(Boolean);
  return {
    subjectTerms: subjects.flatMap((s) => terms(s)),
    attachments: mail.attachmentNames.map((name) => ({
      name,
      // File names join words with - _ . ("Acme-Price_List.v2.pdf").
      terms: terms(name.replace(/\.[a-z0-9]{2,5}$/i, '').replace(/[-_.]+/g, ' ')),
    })),
    clauses: bodies.flatMap((b) => clauses(b)),
  };
}

function uniqueTerms(list: Term[]): Term[] {
  const seen = new Map<string, Term>();
  for (const t of list) if (!seen.has(t.key)) seen.set(t.key, t);
  return [...seen.values()];
}

const label = (t: Term) =>
  t.key.startsWith('g:') ? `${t.surface} (${groupName(t.key)})` : t.surface;
const short = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/** Scores one promise against a prepared message. */
export function matchPromise(mail: PreparedMail, promise: PromiseForMatching): PromiseMatch {
  const wanted = uniqueTerms(terms(promise.text));
  const total = wanted.reduce((s, t) => s + t.weight, 0);
  const has = (list: Term[], key: string) => list.some((t) => t.key === key);
  const matched: Term[] = [];
  const missing: Term[] = [];
  const reasons: string[] = [];
  let delivered = false;
  let deferredOnly = false;
  let subjectHit = false;
  for (const term of wanted) {
    const inAttachment = mail.attachments.find((a) => has(a.terms, term.key));
    const inDelivered = mail.clauses.find((c) => c.kind === 'delivered' && has(c.terms, term.key));
    const inMention = mail.clauses.find((c) => c.kind === 'mention' && has(c.terms, term.key));
    const inSubject = has(mail.subjectTerms, term.key);
    const inDeferred = mail.clauses.find((c) => c.kind === 'deferred' && has(c.terms, term.key));
    if (inAttachment || inDelivered || inMention || inSubject) matched.push(term);
    else missing.push(term);
    if (term.weight >= 1) {
      if (inAttachment) {
        delivered = true;
        reasons.push(`attachment "${inAttachment.name}" names ${label(term)}`);
      } else if (inDelivered) {
        delivered = true;
        reasons.push(`delivered: "${short(inDelivered.text)}"`);
      } else if (inDeferred) {
        deferredOnly = true;
        reasons.push(`put off: "${short(inDeferred.text)}"`);
      }
      if (inSubject) subjectHit = true;
    }
  }
  const deferredAny = mail.clauses.some(
    (c) =>
      (c.kind === 'deferred' || c.kind === 'question') &&
      wanted.some((t) => t.weight >= 1 && has(c.terms, t.key)),
  );
  // A subject that names the thing over a body that hands something over, with nothing in the
  // body put off or asked about.
  const bodyDefers = mail.clauses.some((c) => c.kind === 'deferred' || c.kind === 'question');
  if (
    !delivered &&
    subjectHit &&
    !deferredAny &&
    !bodyDefers &&
    mail.clauses.some((c) => c.kind === 'delivered')
  ) {
    delivered = true;
    reasons.push('the subject names it and the body hands something over');
  }
  if (delivered) deferredOnly = false;
  const weight = matched.reduce((s, t) => s + t.weight, 0);
  const score = total === 0 ? 0 : Math.round((weight / total) * 100) / 100;
  const substantial = matched.some((t) => t.weight >= 1);
  let band: MatchBand = 'none';
  if (substantial && delivered && !deferredOnly && score >= CONFIDENT_SCORE) band = 'confident';
  else if (substantial && !deferredOnly && score >= WEAK_SCORE) band = 'weak';
  if (band === 'weak' && !delivered)
    reasons.push('mentioned, but nothing in the message delivers it');
  if (band !== 'none' && score < CONFIDENT_SCORE)
    reasons.push(`only ${Math.round(score * 100)}% of its words matched`);
  return {
    promiseId: promise.id,
    band,
    score,
    matched: matched.map(label),
    missing: missing.map((t) => t.surface),
    reasons,
  };
}

/**
 * Matches a message against a deal's open promises: an outgoing message (written by a member)
 * against `ours`, an incoming one (from a contact) against `theirs`. Best first.
 */
export function matchPromises(
  mail: MailForMatching,
  promises: readonly PromiseForMatching[],
  direction: 'outgoing' | 'incoming',
): PromiseMatch[] {
  const side: Side = direction === 'outgoing' ? 'ours' : 'theirs';
  const prepared = prepareMail(mail);
  return promises
    .filter((p) => p.side === side)
    .map((p) => matchPromise(prepared, p))
    .sort((a, b) => b.score - a.score || a.promiseId.localeCompare(b.promiseId));
}
