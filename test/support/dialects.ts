import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { contextFor, type AppContext } from '../../src/app/context.ts';
import type { DatabaseConfig } from '../../src/storage/connection/config.ts';
import type { DialectName } from '../../src/storage/dialects/dialect.ts';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { fixedClock, sequentialIds } from './clock.ts';

/** Integration suites run once per dialect: SQLite always, PostgreSQL when TEST_DATABASE_URL is
 * set (reported as skipped otherwise). */
export const DIALECTS: readonly { name: DialectName; available: boolean }[] = [
  { name: 'sqlite', available: true },
  { name: 'postgres', available: Boolean(process.env.TEST_DATABASE_URL) },
];

export interface TestDatabase {
  config: DatabaseConfig;
  dispose(): Promise<void>;
}

/** A private database for one suite: a temp SQLite file, or a fresh PostgreSQL schema, so that
 * parallel runs never see each other. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-test-'));
    return {
      config: { dialect: 'sqlite', file: path.join(dir, 'test.db') },
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    config: { dialect: 'postgres', url, schema },
    dispose: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

export interface TestContext {
  ctx: AppContext;
  store: Store;
  clock: ReturnType<typeof fixedClock>;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A migrated store with a frozen clock and sequential ids. */
export async function openTestContext(
  dialect: DialectName,
  now = '2026-11-24T15:00:00Z',
): Promise<TestContext> {
  const database = await createTestDatabase(dialect);
  const store = await openStore(database.config);
  await store.migrateToLatest();
  const clock = fixedClock(now);
  const ctx = contextFor(store, clock, sequentialIds());
  return {
    ctx,
    store,
    clock,
    database,
    async close() {
      await store.close();
      await database.dispose();
    },
  };
}
