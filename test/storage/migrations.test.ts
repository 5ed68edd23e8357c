import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import * as dropQuotas from '../../src/storage/migrations/015_drop_quotas.ts';
import { MIGRATION_NAMES } from '../../src/storage/migrations/index.ts';
import { ownTableNames } from '../support/tables.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/dialects.ts';

/** Tables of this suite's own schema (on PostgreSQL, parallel suites share the database). */
const tableNames = ownTableNames;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`migrations on ${dialect.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    afterEach(async () => {
      await store?.close();
      await database?.dispose();
    });

    it.runIf(dialect.name === 'postgres')(
      'migrates while other schemas of the same database are created and dropped',
      async () => {
        // Kysely's own introspection reads every schema's tables before it migrates, and fails
        // with 'relation "…" does not exist' when a schema is dropped during that read (another
        // app's, another suite's). Another connection keeps creating and dropping a schema of
        // many tables while we migrate several times over.
        const churner = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await churner.connect();
        const churnSchema = `churn_${process.pid}`;
        const tables = Array.from(
          { length: 100 },
          (_, i) => `create table ${churnSchema}.t${i} (id serial primary key, a text, b int);`,
        ).join('\n');
        let churning = true;
        const churn = (async () => {
          while (churning) {
            await churner.query(`create schema ${churnSchema}; ${tables}`);
            await churner.query(`drop schema ${churnSchema} cascade`);
          }
        })();
        try {
          for (let round = 0; round < 3; round++) {
            const own = await createTestDatabase(dialect.name);
            const ownStore = await openStore(own.config);
            try {
              await expect(ownStore.migrateToLatest()).resolves.toBeUndefined();
              expect(await tableNames(ownStore, own)).toContain('deals');
            } finally {
              await ownStore.close();
              await own.dispose();
            }
          }
        } finally {
          churning = false;
          await churn;
          await churner.query(`drop schema if exists ${churnSchema} cascade`);
          await churner.end();
        }
      },
      60_000,
    );

    it('creates every table on the way up and removes them all on the way down', async () => {
      database = await createTestDatabase(dialect.name);
      store = await openStore(database.config);
      expect(await tableNames(store, database)).toEqual([]);
      await store.migrateToLatest();
      const up = await tableNames(store, database);
      // Every table of the first schema, plus whatever later migrations add.
      expect(up).toEqual(
        expect.arrayContaining([
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
          'sessions',
          'stages',
          'touches',
          'users',
          'workspaces',
        ]),
      );
      // Migration 015 dropped the never-used quotas table.
      expect(up).not.toContain('quotas');
      for (let i = MIGRATION_NAMES.length; i > 0; i--) await store.migrateDown();
      expect(await tableNames(store, database)).toEqual([]);
      // And up again: down left nothing behind that blocks a re-run.
      await store.migrateToLatest();
      expect(await tableNames(store, database)).toEqual(up);
    });

    it('runs a migration numbered below one already run (numbers are handed out ahead)', async () => {
      database = await createTestDatabase(dialect.name);
      store = await openStore(database.config);
      await store.migrateToLatest();
      // A database that ran 018 before 015 existed: quotas still there, 015 not recorded.
      await dropQuotas.down(store.db);
      await sql`delete from kysely_migration where name = '015_drop_quotas'`.execute(store.db);
      expect(await tableNames(store, database)).toContain('quotas');
      await store.migrateToLatest();
      expect(await tableNames(store, database)).not.toContain('quotas');
      const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        store.db,
      );
      expect(Number(rows[0]!.n)).toBe(MIGRATION_NAMES.length);
    });

    it('is idempotent when run again on an up-to-date database', async () => {
      database = await createTestDatabase(dialect.name);
      store = await openStore(database.config);
      await store.migrateToLatest();
      await store.migrateToLatest();
      const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        store.db,
      );
      expect(Number(rows[0]!.n)).toBe(MIGRATION_NAMES.length);
    });
  });
}
