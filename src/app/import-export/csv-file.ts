import fs from 'node:fs';
import type { CsvRecord, ImportFile } from '../../core/import-export/flows/run-import.ts';

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
  for await (const chunk of readCsvChunks(path)) yield* chunk;
}

/** The same records, a stream chunk at a time: one await per chunk rather than per record,
 * which is what keeps reading a million-row file cheap. */
export async function* readCsvChunks(path: string): AsyncGenerator<CsvRecord[]> {
  const delimiter = sniffDelimiter(readHead(path));
  // Loaded here, so that the server (whose import jobs reach this file) starts without it.
  const { parse } = await import('csv-parse');
  const parser = fs
    .createReadStream(path, { highWaterMark: 256 * 1024 })
    .pipe(parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }));
  let done = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  parser.on('readable', notify);
  parser.on('end', () => {
    done = true;
    notify();
  });
  parser.on('error', (error) => {
    failure = error;
    notify();
  });
  // Lines are counted here rather than taken from the parser, which counts a quoted CRLF twice.
  let next = 1;
  for (;;) {
    if (failure) throw failure;
    // Only what the parser already holds is taken, so a slow consumer slows the reading down
    // (memory stays at the stream's buffer, whatever the file's size).
    const chunk: CsvRecord[] = [];
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) {
      const line = next;
      next += 1;
      for (const field of record) {
        if (field.includes('\n') || field.includes('\r'))
          next += field.match(/\r\n|\r|\n/g)!.length;
      }
      if (record.length === 1 && record[0] === '') continue;
      chunk.push({ line, fields: record });
    }
    if (chunk.length) {
      yield chunk;
      continue;
    }
    if (done) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

export function csvFile(path: string, name = path): ImportFile {
  if (!fs.existsSync(path)) throw new Error(`No file ${path}.`);
  return { name, read: () => readCsvChunks(path) };
}
