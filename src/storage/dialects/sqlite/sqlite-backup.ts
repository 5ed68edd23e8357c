import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import type { BackupResult } from '../dialect.ts';
import { loadSqlite } from './sqlite-driver.ts';

/**
 * An online SQLite backup. `VACUUM INTO` copies one consistent snapshot inside a read
 * transaction, so writers (this process or a running server) carry on while it runs; the
 * page-by-page backup API would instead restart every time another connection writes.
 */
export function backupSqlite(handle: SQLite.Database, target: string): BackupResult {
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new Error(`${target} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  handle.prepare('VACUUM INTO ?').run(file);
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
