/*
 * Search is case- and accent-insensitive: "José" is found by "jose", "MÜLLER" by "muller". Both
 * sides are folded the same way: decomposed (NFKD), combining marks removed, lower-cased, and the
 * few Latin letters with no decomposition (ø, đ, ł, ı) mapped by hand. The database gets the same
 * function as momentum_fold() (SQLite: registered on the connection from this code; PostgreSQL:
 * a translate() table computed from this code by migration 014), so that the filter in SQL and
 * the ranking here agree.
 */
const UNDECOMPOSED: Record<string, string> = {
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
};

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øØđĐłŁıħĦ]/g, (c) => UNDECOMPOSED[c] ?? c)
    .toLowerCase();
}

/** The query's words, folded: letters and digits, split on anything else ("o'brien" → o, brien). */
export function queryTokens(query: string): string[] {
  return fold(query)
    .split(/[^\p{L}\p{N}@.]+/u)
    .map((t) => t.replace(/^[.@]+|[.@]+$/g, ''))
    .filter((t) => t.length > 0)
    .slice(0, 8);
}
