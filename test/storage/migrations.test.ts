import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/dialects.ts';

async function tableNames(store: Store): Promise<string[]> {
  const tables = await store.db.introspection.getTables();
  return tables
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`migrations on ${dialect.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    afterEach(async () => {
      await store?.close();
      await database?.dispose();
    });

    it('creates every table on the way up and removes them all on the way down', async () => {
      database = await createTestDatabase(dialect.name);
      store = await openStore(database.config);
      expect(await tableNames(store)).toEqual([]);
      await store.migrateToLatest();
      const up = await tableNames(store);
      expect(up).toEqual(
        [
          'accounts',
          'api_tokens',
          'audit_log',
          'call_attendees',
          'call_habits',
          'calls',
          'commitments',
          'contacts',
          'deal_shares',
          'deals',
          'habits',
          'invitations',
          'member_days_off',
          'members',
          'momentum_snapshots',
          'next_steps',
          'plan_revisions',
          'quotas',
          'sessions',
          'stages',
          'touches',
          'users',
          'workspaces',
        ].sort(),
      );
      await store.migrateDown();
      expect(await tableNames(store)).toEqual([]);
      // And up again: down left nothing behind that blocks a re-run.
      await store.migrateToLatest();
      expect(await tableNames(store)).toEqual(up);
    });

    it('is idempotent when run again on an up-to-date database', async () => {
      database = await createTestDatabase(dialect.name);
      store = await openStore(database.config);
      await store.migrateToLatest();
      await store.migrateToLatest();
      const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        store.db,
      );
      expect(Number(rows[0]!.n)).toBe(1);
    });
  });
}
