import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';

// The database drivers load on first use, synchronously (both are CommonJS): a command on
// SQLite never loads pg, one on PostgreSQL never loads better-sqlite3's native addon.
const requireDriver = createRequire(import.meta.url);

export const loadSqlite = (): typeof SQLite => requireDriver('better-sqlite3') as typeof SQLite;

export const loadPg = (): typeof pg => requireDriver('pg') as typeof pg;
