import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toProblem } from '../../src/http/problems.ts';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/dialects.ts';

describe('connection settings', () => {
  let database: TestDatabase;
  let store: Store;
  afterEach(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('SQLite runs in WAL with full sync, foreign keys, a busy timeout and a sized page cache', async () => {
    database = await createTestDatabase('sqlite');
    store = await openStore(database.config);
    const handle = store.sqlite!;
    expect(handle.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(handle.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(Math.abs(Number(handle.pragma('cache_size', { simple: true })))).toBeGreaterThanOrEqual(
      16_384,
    );
  });

  it('SQLite prepares each distinct statement once and reuses it', async () => {
    database = await createTestDatabase('sqlite');
    store = await openStore(database.config);
    await store.migrateToLatest();
    const prepare = vi.spyOn(store.sqlite!, 'prepare');
    const byId = (id: string) =>
      store.db.selectFrom('workspaces').select('name').where('id', '=', id).execute();
    for (let i = 0; i < 5; i++) await byId(`ws_${i}`);
    expect(prepare).toHaveBeenCalledTimes(1);
    await store.db.selectFrom('members').select('id').execute();
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it.skipIf(!DIALECTS.find((d) => d.name === 'postgres')!.available)(
    'PostgreSQL uses a pool with a statement timeout',
    async () => {
      database = await createTestDatabase('postgres');
      store = await openStore(database.config);
      const { rows } = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(
        store.db,
      );
      expect(rows[0]!.statement_timeout).toBe('10s');
      // Several queries at once run on several pooled connections.
      const pids = await Promise.all(
        Array.from({ length: 4 }, () =>
          sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(store.db),
        ),
      );
      expect(new Set(pids.map((r) => r.rows[0]!.pid)).size).toBeGreaterThan(1);
    },
  );

  it.skipIf(!DIALECTS.find((d) => d.name === 'postgres')!.available)(
    'PostgreSQL bounds statements and waiting for a connection; both become 503 problems',
    async () => {
      database = await createTestDatabase('postgres');
      store = await openStore({
        ...database.config,
        timeouts: { acquireMs: 300, statementMs: 200 },
      });
      const slow = await sql`select pg_sleep(2)`.execute(store.db).catch((e: unknown) => e);
      expect(toProblem(slow)).toMatchObject({ status: 503, code: 'database-timeout' });
      // Every pooled connection busy: the next request waits at most acquireMs.
      const hold = Array.from({ length: 10 }, () =>
        store.db.connection().execute(async () => new Promise((r) => setTimeout(r, 1_000))),
      );
      const started = Date.now();
      const waited = await sql`select 1`.execute(store.db).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(900);
      expect(toProblem(waited)).toMatchObject({ status: 503, code: 'database-timeout' });
      await Promise.all(hold);
    },
  );
});
