import { fold, queryTokens } from './fold.ts';

export type SearchKind = 'deal' | 'account' | 'contact';

/** A record that may match: its main text (a deal's title, a person's or company's name) and
 * the other texts it can be found by (its account, e-mail, domain, role). */
export interface SearchCandidate {
  kind: SearchKind;
  id: string;
  primary: string;
  secondary: readonly (string | null)[];
}

export interface RankedResult<C extends SearchCandidate = SearchCandidate> {
  candidate: C;
  score: number;
}

/** How well one query word matches one folded text: 1 at the start of the text, 0.8 at the
 * start of a later word, 0.35 inside a word, 0 not at all. */
function wordScore(text: string, token: string): number {
  if (text.startsWith(token)) return 1;
  let at = text.indexOf(token);
  let best = 0;
  while (at >= 0) {
    const before = text[at - 1]!;
    if (!/[\p{L}\p{N}]/u.test(before)) return 0.8;
    best = 0.35;
    at = text.indexOf(token, at + 1);
  }
  return best;
}

/**
 * The score of a candidate for a query, 0 when some word of the query is found nowhere. Each
 * query word counts its best match (on the main text in full, on a secondary text at half
 * weight); the whole query equal to, or a prefix of, the main text adds a bonus, so "acme"
 * puts "Acme" before "Acme Robotics" before "Big Acme" before a contact whose e-mail is at
 * acme.com. Pure: the same inputs always give the same order.
 */
export function scoreCandidate(candidate: SearchCandidate, query: string): number {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return 0;
  const primary = fold(candidate.primary);
  const secondary = candidate.secondary.filter((s): s is string => !!s).map(fold);
  let total = 0;
  for (const token of tokens) {
    let best = wordScore(primary, token);
    for (const s of secondary) best = Math.max(best, wordScore(s, token) * 0.5);
    if (best === 0) return 0;
    total += best;
  }
  let score = (total / tokens.length) * 60;
  const whole = tokens.join(' ');
  const words = primary
    .split(/[^\p{L}\p{N}@.]+/u)
    .filter(Boolean)
    .join(' ');
  if (words === whole) score += 40;
  else if (words.startsWith(whole)) score += 25;
  return Math.round(score * 100) / 100;
}

/** Candidates that match, best first; ties go to the shorter, then alphabetically earlier text. */
export function rankCandidates<C extends SearchCandidate>(
  candidates: readonly C[],
  query: string,
  limit: number,
): RankedResult<C>[] {
  return candidates
    .map((candidate) => ({ candidate, score: scoreCandidate(candidate, query) }))
    .filter((r) => r.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.candidate.primary.length - b.candidate.primary.length ||
        fold(a.candidate.primary).localeCompare(fold(b.candidate.primary)) ||
        a.candidate.id.localeCompare(b.candidate.id),
    )
    .slice(0, limit);
}
