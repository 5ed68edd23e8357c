import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { CsvRecord, ImportFile } from '../../core/import-export/run-import.ts';

const SNIFF_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t'] as const;

/** The separator of a file's header row: whichever of , ; or tab occurs most outside quotes
 * (spreadsheets in day-first locales write ";"). */
export function sniffDelimiter(head: string): string {
  const text = head.replace(/^\uFEFF/, '');
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

function readHead(path: string): string {
  const fd = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Streams a CSV file's records with the line each starts on, whatever its byte-order mark, line
 * endings (CRLF or LF) or separator; quoted fields may hold separators and new lines. Blank lines
 * are skipped but still counted, so line numbers match what an editor shows.
 */
export async function* readCsv(path: string): AsyncGenerator<CsvRecord> {
  const delimiter = sniffDelimiter(readHead(path));
  const parser = fs
    .createReadStream(path, { highWaterMark: 256 * 1024 })
    .pipe(parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }));
  // Lines are counted here rather than taken from the parser, which counts a quoted CRLF twice.
  let next = 1;
  for await (const record of parser as AsyncIterable<string[]>) {
    const line = next;
    next += 1;
    for (const field of record) {
      if (field.includes('\n') || field.includes('\r')) next += field.match(/\r\n|\r|\n/g)!.length;
    }
    if (record.length === 1 && record[0] === '') continue;
    yield { line, fields: record };
  }
}

export function csvFile(path: string, name = path): ImportFile {
  if (!fs.existsSync(path)) throw new Error(`No file ${path}.`);
  return { name, read: () => readCsv(path) };
}
