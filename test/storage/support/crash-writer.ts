/*
 * A writer for the crash test: commits rows as fast as it can from several concurrent loops and
 * prints each id on stdout only after its transaction committed. The parent kills it with
 * SIGKILL at a random moment and checks that every printed id survived.
 */
import { openStore } from '../../../src/storage/connection/open.ts';
import type { DatabaseConfig } from '../../../src/storage/connection/config.ts';
import { kyselyOf } from '../../../src/storage/executor.ts';

const config = JSON.parse(process.argv[2]!) as DatabaseConfig;
const prefix = process.argv[3]!;
const LOOPS = 4;

const store = await openStore(config);
await store.migrateToLatest();
process.stdout.write('ready\n');

let n = 0;
async function loop(): Promise<never> {
  for (;;) {
    const id = `${prefix}_${n++}`;
    await store.transaction(async (tx) => {
      await kyselyOf(tx)
        .insertInto('workspaces')
        .values({ id, name: `crash ${id}`, created_at: new Date().toISOString(), version: 1 })
        .execute();
    });
    process.stdout.write(`${id}\n`);
  }
}
await Promise.all(Array.from({ length: LOOPS }, loop));
