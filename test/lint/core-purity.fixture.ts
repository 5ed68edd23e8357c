/*
 * Everything the purity rules of src/core must reject, one forbidden pattern per line, each named
 * in a trailing "forbidden" comment. test/lint/core-purity.test.ts lints this text as if it were
 * a file in src/core/ and expects an error on each such line (and none on the "allowed" ones).
 * It is never compiled or linted as itself (excluded in tsconfig.json and eslint.config.js).
 */
import { Temporal, Now } from 'temporal-polyfill'; // forbidden: import Now from temporal-polyfill
import { contextFor } from '../../app/context.ts'; // forbidden: import src/app
import { openStore } from '../../storage/connection/open.ts'; // forbidden: import src/storage
import { buildServer } from '../../http/server.ts'; // forbidden: import src/http
import { main } from '../../cli/main.ts'; // forbidden: import src/cli
import { Kysely } from 'kysely'; // forbidden: import kysely
import Database from 'better-sqlite3'; // forbidden: import better-sqlite3
import pg from 'pg'; // forbidden: import pg
import fs from 'node:fs'; // forbidden: import node:*
import path from 'path'; // forbidden: import a bare Node module
import { randomBytes } from 'node:crypto'; // forbidden: import node:crypto
import { webcrypto } from 'crypto'; // forbidden: import crypto
import type { Clock } from '../shared/clock.ts'; // allowed: the core's own modules

export function everyHole(clock: Clock) {
  const a = Date.now(); // forbidden: Date.now()
  const b = new Date(); // forbidden: new Date() with no arguments
  const c = Date(); // forbidden: Date() called as a function
  const d = globalThis.Date.now(); // forbidden: globalThis.Date.now()
  const e = new globalThis.Date(); // forbidden: new globalThis.Date()
  const f = Temporal.Now.instant(); // forbidden: Temporal.Now
  const { Now: now } = Temporal; // forbidden: Temporal.Now destructured
  const g = performance.now(); // forbidden: performance.now()
  const h = Math.random(); // forbidden: Math.random()
  const i = globalThis.Math.random(); // forbidden: globalThis.Math.random()
  const j = crypto.randomUUID(); // forbidden: crypto.randomUUID()
  const k = crypto.getRandomValues(new Uint8Array(4)); // forbidden: crypto.getRandomValues()
  const l = process.hrtime(); // forbidden: process (clock, environment)
  const m = new Date(Date.UTC(2026, 0, 1)); // allowed: a Date from a known instant
  const n = clock.now(); // allowed: the injected clock
  return [a, b, c, d, e, f, now, g, h, i, j, k, l, m, n, Now, contextFor, openStore, buildServer];
}
export { main, Kysely, Database, pg, fs, path, randomBytes, webcrypto };
