import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { changeChannel } from '../../src/storage/dialects/postgres/postgres-change-feed.ts';
import { kyselyOf } from '../../src/storage/executor.ts';
import { askUntil } from '../support/eventually.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/dialects.ts';

/** The version once the feed follows changes (PostgreSQL starts listening on the first ask)
 * and has stayed put for a moment: on PostgreSQL an earlier test's commit is heard by NOTIFY a
 * few milliseconds after it, and must not be taken for what the next test does. */
async function settledVersion(store: Store): Promise<number> {
  if ((await askUntil(() => store.changes.version() !== null)) === null)
    throw new Error('the change feed never started following');
  for (let tries = 0; tries < 50; tries++) {
    const v = store.changes.version();
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (v !== null && store.changes.version() === v) return v;
  }
  throw new Error('the change feed never settled');
}

/** Whether the version moves away from `before` within the time given (another instance's
 * commit arrives by NOTIFY on PostgreSQL, so not at once). */
async function movedFrom(store: Store, before: number, timeoutMs = 5_000): Promise<boolean> {
  const moved = await askUntil(() => {
    const v = store.changes.version();
    return v !== null && v !== before;
  }, timeoutMs);
  return moved !== null;
}

const workspaceRow = (id: string) => ({ id, name: 'W', created_at: '2026-11-24T15:00:00.000Z' });

const addWorkspace = (store: Store, id: string) =>
  store.transaction((tx) =>
    kyselyOf(tx).insertInto('workspaces').values(workspaceRow(id)).execute(),
  );

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the change feed on ${dialect.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let other: Store;

    beforeAll(async () => {
      database = await createTestDatabase(dialect.name);
      store = await openStore(database.config);
      await store.migrateToLatest();
      // Another instance on the same database: a second server, or the CLI.
      other = await openStore(database.config);
    });
    afterAll(async () => {
      await other?.close();
      await store?.close();
      await database?.dispose();
    });

    it('stays put while only reads happen, here or in another instance', async () => {
      const v = await settledVersion(store);
      await store.db.selectFrom('workspaces').selectAll().execute();
      await other.db.selectFrom('workspaces').selectAll().execute();
      expect(await movedFrom(store, v, 300)).toBe(false);
    });

    it('moves when this process writes, inside a transaction or not', async () => {
      const v = await settledVersion(store);
      await addWorkspace(store, 'w-own-tx');
      const afterTx = store.changes.version()!;
      expect(afterTx).toBeGreaterThan(v);
      await store.db
        .updateTable('workspaces')
        .set({ name: 'Renamed' })
        .where('id', '=', 'w-own-tx')
        .execute();
      expect(store.changes.version()!).toBeGreaterThan(afterTx);
    });

    it('moves when another instance commits', async () => {
      const v = await settledVersion(store);
      await addWorkspace(other, 'w-other');
      expect(await movedFrom(store, v)).toBe(true);
    });

    it('does not move for another instance’s rolled-back transaction', async () => {
      const v = await settledVersion(store);
      await expect(
        other.transaction(async (tx) => {
          await kyselyOf(tx).insertInto('workspaces').values(workspaceRow('w-gone')).execute();
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      // Give a (wrong) notification time to arrive.
      expect(await movedFrom(store, v, 300)).toBe(false);
    });

    // Only PostgreSQL has a connection to lose.
    if (dialect.name === 'postgres')
      it('trusts nothing while its listening connection is down, and moves on when it is back', async () => {
        const v = await settledVersion(store);
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        try {
          const killed = await admin.query(
            `select pg_terminate_backend(pid) from pg_stat_activity where query = $1 and pid <> pg_backend_pid()`,
            [
              `listen "${changeChannel(database.config.dialect === 'postgres' ? database.config.schema : undefined)}"`,
            ],
          );
          expect(killed.rowCount).toBeGreaterThan(0);
        } finally {
          await admin.end();
        }
        const deadline = Date.now() + 5_000;
        while (store.changes.version() !== null && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 1));
        expect(store.changes.version()).toBeNull();
        // Notifications sent while it was down are lost: the version it comes back with differs.
        expect(await movedFrom(store, v, 10_000)).toBe(true);
        const back = await settledVersion(store);
        await addWorkspace(other, 'w-after-reconnect');
        expect(await movedFrom(store, back)).toBe(true);
      }, 20_000);
  });
}

/*
 * SQLite reads the WAL-index header through SQLite's own descriptor of the `-shm` file (see
 * sqlite-change-feed.ts): what another process commits must move it, every time, and the feed
 * must hold no descriptor of its own, whose closing would drop SQLite's locks.
 */
describe('the change feed on SQLite, with another process', () => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    store = await openStore(database.config);
    await store.migrateToLatest();
  });
  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  const file = () => (database.config.dialect === 'sqlite' ? database.config.file : '');
  /** Commits one row from a separate process, as the CLI would, and waits for it to exit. */
  const commitElsewhere = (id: string) => {
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.prepare("insert into workspaces (id, name, created_at) values (?, 'W', '2026-11-24T15:00:00.000Z')").run(process.argv[2]);
         db.close();`,
        file(),
        id,
      ],
      { encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
  };

  it('moves on every commit another process makes, and stays put otherwise', () => {
    let v = store.changes.version()!;
    for (let i = 0; i < 5; i++) {
      commitElsewhere(`w-process-${i}`);
      const after = store.changes.version()!;
      expect(after, `commit ${i + 1}`).toBeGreaterThan(v);
      expect(store.changes.version()).toBe(after);
      v = after;
    }
  });

  it('moves when another process commits after a checkpoint restarted the log', async () => {
    await sql`pragma wal_checkpoint(truncate)`.execute(store.db);
    const v = store.changes.version()!;
    commitElsewhere('w-after-checkpoint');
    expect(store.changes.version()).toBeGreaterThan(v);
  });

  it('holds no descriptor of its own on the -shm file', () => {
    const shm = fs.statSync(`${file()}-shm`);
    const open = fs.readdirSync('/proc/self/fd').filter((name) => {
      try {
        const found = fs.fstatSync(Number(name));
        return found.ino === shm.ino && found.dev === shm.dev;
      } catch {
        return false;
      }
    });
    expect(open).toHaveLength(1);
  });
});
