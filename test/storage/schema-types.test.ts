import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { broadType, renderSchema } from '../../src/storage/schema-generator.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/dialects.ts';

/*
 * src/storage/schema.ts is generated from a migrated database (npm run gen:schema). A migration
 * that adds, drops or changes a column without the file being regenerated fails here, on
 * either dialect: table and column names, nullability, broad types and defaults must be what
 * the database says.
 */
const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../src/storage/schema.ts');

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`schema types on ${dialect.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    afterEach(async () => {
      await store?.close();
      await database?.dispose();
    });

    it('are what a freshly migrated database yields', async () => {
      database = await createTestDatabase(dialect.name);
      store = await openStore(database.config);
      await store.migrateToLatest();
      const tables = await store.tables();
      expect(tables.map((t) => t.name)).toContain('deals');
      expect(tables.map((t) => t.name)).not.toContain('kysely_migration');
      const generated = renderSchema(tables).split('\n');
      const checkedIn = fs.readFileSync(SCHEMA_FILE, 'utf8').split('\n');
      // Line by line, so that a failure names the column that moved.
      expect(checkedIn, 'src/storage/schema.ts is stale: run npm run gen:schema').toEqual(
        generated,
      );
    });

    it('notice a column that changes', async () => {
      database = await createTestDatabase(dialect.name);
      store = await openStore(database.config);
      await store.migrateToLatest();
      const before = renderSchema(await store.tables());
      await store.db.schema.alterTable('deals').addColumn('probe', 'integer').execute();
      const after = renderSchema(await store.tables());
      expect(after).not.toBe(before);
      expect(after).toContain('  probe: number | null;');
    });
  });
}

describe('broad column types', () => {
  it('read both dialects’ spellings and refuse an unknown one', () => {
    expect(broadType('text')).toBe('string');
    expect(broadType('character varying')).toBe('string');
    expect(broadType('bigint')).toBe('number');
    expect(broadType('double precision')).toBe('number');
    expect(() => broadType('bytea')).toThrow(/No TypeScript type/);
  });
});
