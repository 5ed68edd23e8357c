import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { once } from 'node:events';
// csv-parse and csv-stringify are loaded by the first CSV archive written or read, so that the
// server (whose export routes reach this file) starts without them.
import type { Stringifier } from 'csv-stringify';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  type ArchiveRow,
  type ArchiveSink,
  type ExportPage,
} from '../../core/import-export/flows/archive.ts';
import { invalid } from '../../core/kernel/errors.ts';

/*
 * The files of a Momentum export. JSON: one file that is valid JSON as a whole and also one row
 * per line, so that it is written and read back as a stream:
 *
 *   {"format":"momentum-export","version":1,"tables":{
 *   "workspace":[
 *   {"name":"Acme","created_at":"…"}
 *   ],
 *   "members":[
 *   …
 *   ]}}
 *
 * CSV: one file per table and a manifest.json naming them in order. An empty cell is null and a
 * quoted empty cell ("") an empty string, so that nothing is lost either way.
 */
export const JSON_ARCHIVE_FILE = 'momentum-export.json';
export const CSV_MANIFEST_FILE = 'manifest.json';
const HEAD = `{"format":"${ARCHIVE_FORMAT}","version":${ARCHIVE_VERSION},"tables":{`;
const READ_PAGE = 1_000;

async function put(stream: fs.WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function end(stream: fs.WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export function jsonArchiveSink(file: string): ArchiveSink {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const out = fs.createWriteStream(file);
  let table: string | null = null;
  let first = true;
  return {
    async write(page: ExportPage) {
      if (page.table !== table) {
        await put(out, table === null ? `${HEAD}\n` : '\n],\n');
        await put(out, `${JSON.stringify(page.table)}:[`);
        table = page.table;
        first = true;
      }
      // One write per page (a page of rows is held anyway) rather than one per row.
      if (page.rows.length === 0) return;
      const lines = page.rows.map((row) => JSON.stringify(row));
      await put(out, `${first ? '\n' : ',\n'}${lines.join(',\n')}`);
      first = false;
    },
    async close() {
      await put(out, table === null ? `${HEAD}}}\n` : '\n]}}\n');
      await end(out);
    },
  };
}

export async function* readJsonArchive(file: string): AsyncGenerator<ExportPage> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let lineNo = 0;
  let table: string | null = null;
  let rows: ArchiveRow[] = [];
  const bad = (why: string) =>
    invalid(`${path.basename(file)} line ${lineNo} is not a Momentum export line: ${why}.`);
  for await (const raw of lines) {
    lineNo++;
    const line = raw.replace(/^\uFEFF/, '');
    if (lineNo === 1) {
      if (!line.startsWith(`{"format":"${ARCHIVE_FORMAT}"`))
        throw invalid(
          `${path.basename(file)} is not a Momentum export (it must start with ${HEAD}).`,
        );
      if (line !== HEAD && line !== `${HEAD}}}`)
        throw invalid(
          `${path.basename(file)} is a Momentum export of another version than ${ARCHIVE_VERSION}.`,
        );
      continue;
    }
    const open = /^"(\w+)":\[$/.exec(line);
    if (open) {
      table = open[1]!;
      rows = [];
      continue;
    }
    if (line === ']' || line === '],' || line === ']}}') {
      if (!table) throw bad('a table closes that never opened');
      yield { table, rows };
      table = null;
      rows = [];
      continue;
    }
    if (line.startsWith('{')) {
      if (!table) throw bad('a row outside a table');
      try {
        rows.push(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as ArchiveRow);
      } catch {
        throw bad('the row is not JSON');
      }
      if (rows.length >= READ_PAGE) {
        yield { table, rows };
        rows = [];
      }
      continue;
    }
    if (line.trim() !== '') throw bad('unexpected text');
  }
}

export function csvArchiveSink(dir: string): ArchiveSink {
  fs.mkdirSync(dir, { recursive: true });
  const tables: string[] = [];
  let current: { stringifier: Stringifier; out: fs.WriteStream } | null = null;
  const finish = async () => {
    if (!current) return;
    current.stringifier.end();
    await once(current.out, 'finish');
    current = null;
  };
  return {
    async write(page) {
      if (tables[tables.length - 1] !== page.table) {
        await finish();
        tables.push(page.table);
        const { stringify } = await import('csv-stringify');
        const out = fs.createWriteStream(path.join(dir, `${page.table}.csv`));
        const stringifier = stringify({
          header: true,
          cast: {
            string: (v) => (v === '' ? { value: '', quoted_empty: true } : v),
            number: (v) => String(v),
          },
        });
        stringifier.pipe(out);
        current = { stringifier, out };
      }
      for (const row of page.rows) {
        if (!current!.stringifier.write(row)) await once(current!.stringifier, 'drain');
      }
    },
    async close() {
      await finish();
      fs.writeFileSync(
        path.join(dir, CSV_MANIFEST_FILE),
        `${JSON.stringify({ format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, tables }, null, 2)}\n`,
      );
    },
  };
}

export async function* readCsvArchive(dir: string): AsyncGenerator<ExportPage> {
  const manifestFile = path.join(dir, CSV_MANIFEST_FILE);
  if (!fs.existsSync(manifestFile))
    throw invalid(`${dir} has no ${CSV_MANIFEST_FILE}; is it a Momentum CSV export?`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
    format?: string;
    version?: number;
    tables?: string[];
  };
  if (
    manifest.format !== ARCHIVE_FORMAT ||
    manifest.version !== ARCHIVE_VERSION ||
    !manifest.tables
  )
    throw invalid(
      `${manifestFile} is not the manifest of a version ${ARCHIVE_VERSION} Momentum export.`,
    );
  const { parse } = await import('csv-parse');
  for (const table of manifest.tables) {
    if (!/^\w+$/.test(table))
      throw invalid(`The manifest names a table "${table}" that cannot be.`);
    const file = path.join(dir, `${table}.csv`);
    const parser = fs.createReadStream(file).pipe(
      parse({
        columns: true,
        bom: true,
        cast: (value, context) => (value === '' && !context.quoting ? null : value),
      }),
    );
    let rows: ArchiveRow[] = [];
    let any = false;
    for await (const row of parser as AsyncIterable<ArchiveRow>) {
      rows.push(row);
      if (rows.length >= READ_PAGE) {
        yield { table, rows };
        any = true;
        rows = [];
      }
    }
    if (rows.length || !any) yield { table, rows };
  }
}

/** A path given to `import --from momentum`: the JSON file, or a folder holding either export. */
export function readArchive(target: string): AsyncGenerator<ExportPage> {
  if (!fs.existsSync(target)) throw invalid(`No file or folder ${target}.`);
  if (fs.statSync(target).isDirectory()) {
    if (fs.existsSync(path.join(target, CSV_MANIFEST_FILE))) return readCsvArchive(target);
    if (fs.existsSync(path.join(target, JSON_ARCHIVE_FILE)))
      return readJsonArchive(path.join(target, JSON_ARCHIVE_FILE));
    throw invalid(
      `${target} holds neither ${JSON_ARCHIVE_FILE} nor a CSV export's ${CSV_MANIFEST_FILE}.`,
    );
  }
  return readJsonArchive(target);
}
