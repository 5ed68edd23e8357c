/*
 * 200 SIGKILLs of a writer in the middle of concurrent commits, on SQLite (and PostgreSQL when
 * DATABASE_URL or TEST_DATABASE_URL is set). Prints how many acknowledged commits were lost,
 * which must be 0.  Run: npm run bench:crash [-- --rounds N]
 */
import { openStore } from '../../src/storage/connection/open.ts';
import { createTestDatabase } from '../../test/support/dialects.ts';
import { crashRound, seededRandom } from '../../test/storage/support/crash-harness.ts';

const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 200;
if (!process.env.TEST_DATABASE_URL && process.env.DATABASE_URL)
  process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const dialects = process.env.TEST_DATABASE_URL
  ? (['sqlite', 'postgres'] as const)
  : (['sqlite'] as const);

let failed = false;
for (const dialect of dialects) {
  const database = await createTestDatabase(dialect);
  const store = await openStore(database.config);
  await store.migrateToLatest();
  await store.close();
  const random = seededRandom(200);
  let acknowledged = 0;
  let lost = 0;
  let corrupt = 0;
  const started = Date.now();
  for (let round = 0; round < ROUNDS; round++) {
    const r = await crashRound(database.config, `b${round}`, random);
    acknowledged += r.acknowledged;
    lost += r.lost.length;
    if (r.integrity !== 'ok') corrupt += 1;
    if ((round + 1) % 20 === 0)
      process.stdout.write(`  ${dialect}: ${round + 1}/${ROUNDS} rounds\n`);
  }
  await database.dispose();
  process.stdout.write(
    `${dialect}: ${ROUNDS} kill -9 rounds, ${acknowledged} acknowledged commits, lost ${lost}, integrity failures ${corrupt} ` +
      `(${((Date.now() - started) / 1000).toFixed(0)} s) — ${lost === 0 && corrupt === 0 ? 'PASS' : 'FAIL'}\n`,
  );
  failed ||= lost > 0 || corrupt > 0;
}
process.exit(failed ? 1 : 0);
