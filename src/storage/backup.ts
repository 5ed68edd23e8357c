import fs from 'node:fs';
import path from 'node:path';
import { loadSqlite } from './connection/drivers.ts';
import type { Store } from './connection/open.ts';

/**
 * An online SQLite backup. `VACUUM INTO` copies one consistent snapshot inside a read
 * transaction, so writers (this process or a running server) carry on while it runs; the
 * page-by-page backup API would instead restart every time another connection writes.
 */
export async function backupSqlite(
  store: Store,
  target: string,
): Promise<{ file: string; bytes: number; integrity: string }> {
  if (!store.sqlite) {
    throw new Error(
      'backup copies the SQLite file; on PostgreSQL use pg_dump (e.g. pg_dump "$DATABASE_URL" > momentum.sql).',
    );
  }
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new Error(`${target} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  store.sqlite.prepare('VACUUM INTO ?').run(file);
  const copy = new (loadSqlite())(file, { readonly: true });
  try {
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok')
      throw new Error(`The backup at ${target} failed its integrity check: ${integrity}`);
    return { file, bytes: fs.statSync(file).size, integrity };
  } finally {
    copy.close();
  }
}
