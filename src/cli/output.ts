/** Human output is an aligned table; --json output is the same data for scripts. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function formatTable(
  headers: string[],
  rows: (string | number | null | undefined)[][],
): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n');
}

export function printTable(
  headers: string[],
  rows: (string | number | null | undefined)[][],
  empty = 'Nothing to show.',
): void {
  process.stdout.write(rows.length ? `${formatTable(headers, rows)}\n` : `${empty}\n`);
}

export function formatMoney(amountMinor: number | null, currency: string): string {
  if (amountMinor === null) return '';
  return `${(amountMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} ${currency}`;
}
