import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/connection/open.ts';
import { bundledScript } from '../support/bundled-script.ts';
import { createTestDatabase, type TestDatabase } from '../support/dialects.ts';

const WRITER = path.resolve(import.meta.dirname, 'support/crash-writer.ts');

describe('online SQLite backup', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => database?.dispose());

  it('copies a consistent snapshot while another process writes, and the copy restores identical', async () => {
    const config = database.config;
    if (config.dialect !== 'sqlite') throw new Error('sqlite only');
    const store = await openStore(config);
    await store.migrateToLatest();

    const writer = spawn(
      process.execPath,
      [await bundledScript(WRITER), JSON.stringify(config), 'bk'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acknowledged = 0;
    writer.stdout.on(
      'data',
      (c: Buffer) =>
        (acknowledged += c
          .toString()
          .split('\n')
          .filter((l) => l.startsWith('bk_')).length),
    );
    while (acknowledged < 50) await new Promise((r) => setTimeout(r, 20));

    const target = path.join(path.dirname(config.file), 'backup.db');
    const result = await store.backup(target);
    const atBackup = acknowledged;
    while (acknowledged < atBackup + 50) await new Promise((r) => setTimeout(r, 20));
    writer.kill('SIGTERM');
    await new Promise((r) => writer.on('exit', r));

    expect(result.integrity).toBe('ok');
    await expect(store.backup(target)).rejects.toThrow(/already exists/);

    const restored = await openStore({ dialect: 'sqlite', file: target });
    await restored.migrateToLatest();
    const copied = await restored.db.selectFrom('workspaces').selectAll().orderBy('id').execute();
    const source = await store.db.selectFrom('workspaces').selectAll().orderBy('id').execute();
    await restored.close();
    await store.close();

    // The copy is a snapshot: it has rows, fewer than the source now holds, and each one is
    // identical to its original.
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.length).toBeLessThan(source.length);
    const byId = new Map(source.map((r) => [r.id, r]));
    for (const row of copied) expect(byId.get(row.id)).toEqual(row);
    expect(fs.statSync(target).size).toBe(result.bytes);
  }, 60_000);
});
