import { createRequire } from 'node:module';
import type pg from 'pg';

// The driver loads on first use, synchronously (it is CommonJS): a command on SQLite never
// loads pg.
const requireDriver = createRequire(import.meta.url);

export const loadPg = (): typeof pg => requireDriver('pg') as typeof pg;
