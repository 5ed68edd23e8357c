/**
 * npm run gen:schema — migrates a fresh SQLite database in a temporary folder and writes
 * src/storage/schema.ts from what it holds (see src/storage/schema-generator.ts).
 * `--check` writes nothing and exits 1 when the file differs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/storage/connection/open.ts';
import { renderSchema } from '../src/storage/schema-generator.ts';

const target = path.resolve(import.meta.dirname, '../src/storage/schema.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-schema-'));
try {
  const store = await openStore({ dialect: 'sqlite', file: path.join(dir, 'schema.db') });
  let text: string;
  try {
    await store.migrateToLatest();
    text = renderSchema(await store.tables());
  } finally {
    await store.close();
  }
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== text) {
      process.stderr.write('src/storage/schema.ts is out of date: run npm run gen:schema.\n');
      process.exitCode = 1;
    }
  } else if (current !== text) {
    fs.writeFileSync(target, text);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), target)}.\n`);
  } else {
    process.stdout.write('src/storage/schema.ts is up to date.\n');
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
