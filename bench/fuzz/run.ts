/*
 * `npm run bench:fuzz`: FUZZ_RUNS (default 10,000) generated requests per operation of
 * /openapi.json, through app.inject on a fresh SQLite file (or PostgreSQL with
 * TEST_DATABASE_URL and FUZZ_DIALECT=postgres). Prints, per operation and in total, the
 * requests tried, the 5xx answers and the answers that do not match their documented schema;
 * exits 1 if there was any of either.
 */
import { openTestContext } from '../../test/support/dialects.ts';
import { startTestServer } from '../../test/support/http.ts';
import { FUZZ_ADDRESSES, FUZZ_SEED, seedFuzzWorld } from './fuzz-world.ts';
import { fuzzOperation, operationsOf, type OpenApiDocument } from './openapi-fuzzer.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const dialect = process.env.FUZZ_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

const t = await openTestContext(dialect);
const app = await startTestServer(t, { requestsPerMinute: 1e9, authRequestsPerMinute: 20 });
await app.ready();
const doc = app.swagger() as unknown as OpenApiDocument;
const { headers, ids } = await seedFuzzWorld(t);

const totals = { tried: 0, serverErrors: 0, mismatches: 0 };
const started = performance.now();
process.stdout.write(
  `Fuzzing ${operationsOf(doc).length} operations, ${runs} requests each, on ${dialect}\n`,
);
for (const target of operationsOf(doc)) {
  const r = await fuzzOperation(app, doc, target, {
    runs,
    seed: FUZZ_SEED,
    headers,
    ids,
    addresses: FUZZ_ADDRESSES,
  });
  totals.tried += r.tried;
  totals.serverErrors += r.serverErrors;
  totals.mismatches += r.mismatches;
  process.stdout.write(
    `${r.operation.padEnd(44)} ${String(r.tried).padStart(7)} tried ${String(r.serverErrors).padStart(4)} 5xx ${String(r.mismatches).padStart(4)} schema mismatches\n`,
  );
  for (const sample of r.samples) process.stdout.write(`    ${sample}\n`);
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `\nrequests tried: ${totals.tried}\n5xx seen: ${totals.serverErrors}\nschema mismatches: ${totals.mismatches}\n` +
    `(${seconds.toFixed(0)} s, ${Math.round(totals.tried / seconds)} requests/s)\n`,
);
await app.close();
await t.close();
process.exit(totals.serverErrors + totals.mismatches === 0 ? 0 : 1);
