import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';

// The driver loads on first use, synchronously (it is CommonJS): a command on PostgreSQL never
// loads better-sqlite3's native addon.
const requireDriver = createRequire(import.meta.url);

export const loadSqlite = (): typeof SQLite => requireDriver('better-sqlite3') as typeof SQLite;
