/*
 * Notes in CRM exports are often the HTML of the tool's rich-text editor. Momentum keeps plain
 * text: paragraphs and line breaks become new lines, tags go, and the common entities are read.
 */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  euro: '€',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n =
        code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Plain text from a note that may be HTML; null when nothing is left. */
export function plainText(value: string | null): string | null {
  if (value === null) return null;
  let text = value.replace(/\r\n?/g, '\n');
  if (/<[a-z/!][^>]*>/i.test(text)) {
    text = text
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '- ')
      .replace(/<[^>]+>/g, '');
  }
  text = decodeEntities(text)
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text || null;
}

/** A cell that lists several values ("123;456" in HubSpot's association columns): the first.
 * Only ";" separates: a company may well be called "Umbrella, Inc.". */
export function firstOf(value: string | null): string | null {
  if (!value) return null;
  const first = value.split(';')[0]!.trim();
  return first || null;
}

/** Yes/no cells as the tools write them: true/false, 1/0, Yes/No, Done/To do, Completed. */
export function isTruthy(value: string | null): boolean {
  return value !== null && /^(true|1|yes|y|done|completed|complete|x)$/i.test(value.trim());
}
