/** Case- and accent-insensitive text, as the server's search folds it ("Zoë" → "zoe"). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
