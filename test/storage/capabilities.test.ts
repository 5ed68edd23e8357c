import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { capabilitiesOf, chunksFor } from '../../src/storage/dialects/capabilities.ts';
import { kyselyOf } from '../../src/storage/executor.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/dialects.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`capabilities on ${dialect.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    beforeAll(async () => {
      database = await createTestDatabase(dialect.name);
      store = await openStore(database.config);
      await store.migrateToLatest();
    });
    afterAll(async () => {
      await store?.close();
      await database?.dispose();
    });

    it('travel with every executor: the database, a transaction', async () => {
      expect(store.capabilities.name).toBe(dialect.name);
      expect(capabilitiesOf(store.db)).toBe(store.capabilities);
      const inside = await store.transaction(async (tx) => capabilitiesOf(tx));
      expect(inside).toBe(store.capabilities);
    });

    it('cut an id list the database refuses whole into statements it accepts', async () => {
      const { maxParameters } = store.capabilities;
      // More ids than the driver's hard limit on bound parameters (SQLite 32766, PostgreSQL
      // 65535), which maxParameters stays under.
      const ids = Array.from({ length: 2 * maxParameters + 7 }, (_, i) => `ws_${i}`);
      const present = [ids[0]!, ids[maxParameters + 3]!, ids[ids.length - 1]!];
      await store.db
        .insertInto('workspaces')
        .values(present.map((id) => ({ id, name: id, created_at: '2026-11-24T15:00:00.000Z' })))
        .execute();

      const whole = store.db.selectFrom('workspaces').select('id').where('id', 'in', ids);
      await expect(whole.execute()).rejects.toThrow();

      const parts = chunksFor(store.executor, ids, { reserved: 0 });
      expect(parts.length).toBe(3);
      expect(parts.flat()).toEqual(ids);
      const found: string[] = [];
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(maxParameters);
        const rows = await kyselyOf(store.executor)
          .selectFrom('workspaces')
          .select('id')
          .where('id', 'in', part)
          .execute();
        found.push(...rows.map((r) => r.id));
      }
      expect(found.sort()).toEqual([...present].sort());
    });

    it('size multi-row inserts by their width', () => {
      const rows = Array.from({ length: 10_000 }, (_, i) => i);
      const parts = chunksFor(store.executor, rows, { perItem: 9, reserved: 10 });
      const size = Math.floor((store.capabilities.maxParameters - 10) / 9);
      expect(parts[0]!.length).toBe(size);
      expect(parts.flat()).toEqual(rows);
    });
  });
}
