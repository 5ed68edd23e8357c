import type { ForwardedHeaders, MailAddress } from './types.ts';

/*
 * Splitting an e-mail's plain body into what its author wrote and what it carries along.
 *
 * Quoted history is never evidence: a reply that quotes "I'll send the pricing sheet" has not
 * sent it. So the author's own text stops at the first quote header ("On … wrote:",
 * "-----Original Message-----", Outlook's "From: … Sent: …" block, a line of underscores) and
 * leaves out every line starting with ">". A forwarded message ("---------- Forwarded message
 * ---------", "Begin forwarded message:") is different: its headers name the original sender and
 * recipients, and its body is what was sent, so it is returned separately (with its own quotes
 * stripped the same way). Signatures end at "-- " and at the usual phone footers.
 */

export interface SplitBody {
  /** What the author of this message wrote, without quotes or signature. */
  own: string;
  /** The forwarded message, when this one forwards another. */
  forwarded: { headers: ForwardedHeaders; own: string } | null;
}

const FORWARD_MARKER_RE =
  /^\s*(?:-{2,}\s*(?:Forwarded message|Original Message|Weitergeleitete Nachricht|Message transféré)\s*-{2,}|Begin forwarded message:|-{2,}\s*Forwarded by .*)\s*$/i;
const ORIGINAL_MESSAGE_RE = /^\s*-{3,}\s*Original Message\s*-{3,}\s*$/i;
const UNDERSCORES_RE = /^\s*_{10,}\s*$/;
/** "On Tue, Dec 1, 2026 at 9:14 AM Sarah Chen <sarah@acme.example> wrote:" (may wrap once). */
const ON_WROTE_RE =
  /^\s*(?:>\s*)?(?:On|Am|Le|El|Op)\b.{0,200}\b(?:wrote|schrieb|a écrit|escribió|schreef)\s*:\s*$/i;
const ON_START_RE = /^\s*On\b.{4,}$/;
const WROTE_END_RE = /\bwrote\s*:\s*$/i;
const HEADER_LINE_RE = /^\s*\*?(From|Sent|Date|To|Cc|Subject)\s*:\*?\s*(.*)$/i;
const SIGNATURE_RE =
  /^(?:--\s*|—\s*|Sent from my (?:iPhone|iPad|Android|phone|mobile).*|Get Outlook for .*|Sent from Outlook.*|Sent via .*)$/i;

function isOutlookBlock(lines: readonly string[], i: number): boolean {
  const first = HEADER_LINE_RE.exec(lines[i] ?? '');
  if (!first || first[1]!.toLowerCase() !== 'from') return false;
  // An Outlook reply header: From: then Sent:/Date: and To:/Subject: within the next few lines.
  let seen = 0;
  for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
    const m = HEADER_LINE_RE.exec(lines[j] ?? '');
    if (m) seen++;
    else if ((lines[j] ?? '').trim() !== '') break;
  }
  return seen >= 2;
}

/** Where the author's own text ends: the first quote header, or the end. */
function ownEnd(lines: readonly string[]): { end: number; forwardAt: number | null } {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FORWARD_MARKER_RE.test(line) && !ORIGINAL_MESSAGE_RE.test(line)) {
      return { end: i, forwardAt: i };
    }
    if (ORIGINAL_MESSAGE_RE.test(line) || UNDERSCORES_RE.test(line))
      return { end: i, forwardAt: null };
    if (ON_WROTE_RE.test(line)) return { end: i, forwardAt: null };
    if (ON_START_RE.test(line) && WROTE_END_RE.test(lines[i + 1] ?? '')) {
      return { end: i, forwardAt: null };
    }
    if (isOutlookBlock(lines, i)) return { end: i, forwardAt: null };
  }
  return { end: lines.length, forwardAt: null };
}

function withoutSignature(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (SIGNATURE_RE.test(line.trimEnd())) break;
    out.push(line);
  }
  return out;
}

function ownText(lines: readonly string[]): string {
  const kept = withoutSignature(lines).filter((l) => !/^\s*>/.test(l));
  return kept.join('\n').trim();
}

/** Parses "Sarah Chen <sarah@acme.example>, tom@initech.example" into addresses. */
export function parseAddressList(value: string): MailAddress[] {
  const out: MailAddress[] = [];
  const re = /(?:"?([^",<;]*?)"?\s*<([^<>\s]+@[^<>\s]+)>|([^\s,;<>"]+@[^\s,;<>"]+))/g;
  for (const m of value.matchAll(re)) {
    const address = (m[2] ?? m[3] ?? '').replace(/^mailto:/i, '').toLowerCase();
    if (address) out.push({ name: (m[1] ?? '').trim(), address });
  }
  return out;
}

function readForwarded(lines: readonly string[], start: number): SplitBody['forwarded'] {
  const headers: ForwardedHeaders = { from: null, to: [], cc: [], date: null, subject: null };
  // Outlook's forward starts straight at "From:" after its line of underscores.
  let i = HEADER_LINE_RE.test(lines[start]!) ? start : start + 1;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  let last: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') break;
    const m = HEADER_LINE_RE.exec(line);
    if (m) {
      last = m[1]!.toLowerCase();
      const value = m[2]!.trim();
      if (last === 'from') headers.from = parseAddressList(value)[0] ?? null;
      else if (last === 'to') headers.to = parseAddressList(value);
      else if (last === 'cc') headers.cc = parseAddressList(value);
      else if (last === 'date' || last === 'sent') headers.date = value;
      else if (last === 'subject') headers.subject = value;
    } else if (last === 'to' || last === 'cc') {
      // A wrapped recipient list.
      headers[last].push(...parseAddressList(line));
    } else break;
  }
  const rest = lines.slice(i);
  const inner = splitBody(rest.join('\n'));
  return { headers, own: inner.own };
}

/**
 * Splits a plain-text body into the author's own text and any forwarded message. When the
 * subject says it is a forward ("Fw:"), the first quote header of any kind (Outlook's line of
 * underscores, "-----Original Message-----") opens the forwarded message.
 */
export function splitBody(text: string, isForward = false): SplitBody {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const found = ownEnd(lines);
  const { end } = found;
  const forwardAt =
    found.forwardAt ??
    (isForward && end < lines.length && !ON_WROTE_RE.test(lines[end]!) ? end : null);
  const own = ownText(lines.slice(0, end));
  const forwarded = forwardAt === null ? null : readForwarded(lines, forwardAt);
  return { own, forwarded };
}
