/*
 * Every operation in /openapi.json gets FUZZ_RUNS generated requests (default 1,000) through
 * app.inject, as the workspace owner: no 5xx, and every answer has a documented status and
 * matches the schema documented for it. The engine is bench/fuzz/openapi-fuzzer.ts;
 * `npm run bench:fuzz` runs 10,000 per operation. PostgreSQL gets a smaller share
 * (FUZZ_RUNS_POSTGRES, default 200) to keep CI fast; what differs there is the driver's view
 * of odd input (NUL bytes, huge numbers), which a few hundred requests per route reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../src/app/context.ts';
import { buildServer } from '../../src/http/server.ts';
import { openStore } from '../../src/storage/connection/open.ts';
import fc from 'fast-check';
import {
  BOUNDARY_DATES,
  dereference,
  fuzzOperation,
  operationsOf,
  requestArbitrary,
  wrongTypedBodies,
  wrongTypeFor,
  type FuzzReport,
  type OpenApiDocument,
} from '../../bench/fuzz/openapi-fuzzer.ts';
import { FUZZ_ADDRESSES, FUZZ_SEED, seedFuzzWorld } from '../../bench/fuzz/fuzz-world.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

const RUNS = {
  sqlite: Number(process.env.FUZZ_RUNS ?? 1000),
  postgres: Number(process.env.FUZZ_RUNS_POSTGRES ?? 200),
};

/** The operations, read from the document of a throwaway server, so that each is its own test. */
async function documentedOperations() {
  const store = await openStore({ dialect: 'sqlite', file: ':memory:' });
  await store.migrateToLatest();
  const app = await buildServer(contextFor(store));
  await app.ready();
  const targets = operationsOf(app.swagger() as unknown as OpenApiDocument);
  await app.close();
  await store.close();
  return targets;
}

const targets = await documentedOperations();

describe('what the fuzzer generates', () => {
  let doc: OpenApiDocument;
  beforeAll(async () => {
    const store = await openStore({ dialect: 'sqlite', file: ':memory:' });
    await store.migrateToLatest();
    const app = await buildServer(contextFor(store));
    await app.ready();
    doc = app.swagger() as unknown as OpenApiDocument;
    await app.close();
    await store.close();
  });

  it('gives every body field that has a type a value of the wrong JSON type', () => {
    let bodies = 0;
    for (const target of targets) {
      const schema = target.operation.requestBody?.content['application/json']?.schema;
      if (!schema) continue;
      const shape = dereference(schema, doc) as Record<string, unknown>;
      const wrong = wrongTypedBodies(shape);
      const fields = (shape.properties ?? {}) as Record<string, Record<string, unknown>>;
      // A field documented as any JSON (a plan document, checked by the domain) has no wrong type.
      const typed = Object.keys(fields).filter((name) => wrongTypeFor(fields[name]!) !== null);
      if (!wrong) continue;
      bodies++;
      const hit = new Set(fc.sample(wrong, { numRuns: 1000, seed: FUZZ_SEED }).map((w) => w.field));
      expect([...hit].sort(), `${target.method} ${target.path}`).toEqual(typed.sort());
    }
    expect(bodies).toBeGreaterThan(10);
  });

  it.each([
    ['GET', '/api/v1/today'],
    ['GET', '/api/v1/march'],
    ['GET', '/api/v1/deals/{id}/momentum'],
    ['POST', '/api/v1/commitments'],
  ])('sends boundary dates to %s %s', (method, path) => {
    const target = targets.find((t) => t.method === method && t.path === path)!;
    const sent = fc
      .sample(requestArbitrary(target, doc, { headers: {}, ids: ['x'] }), {
        numRuns: 1000,
        seed: FUZZ_SEED,
      })
      .map((r) => `${r.url} ${r.payload ?? ''}`)
      .join('\n');
    for (const date of ['9999-12-31', '0000-01-01', '1899-12-31', '2200-01-01', '2199-12-31']) {
      expect(BOUNDARY_DATES).toContain(date);
      expect(sent, date).toContain(date);
    }
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`fuzzing the OpenAPI document on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let doc: OpenApiDocument;
    let headers: Record<string, string>;
    let ids: string[];
    const reports: FuzzReport[] = [];

    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      // Real sign-in limits; only the general per-token limit is lifted for the volume.
      app = await startTestServer(t, { requestsPerMinute: 1e9, authRequestsPerMinute: 20 });
      await app.ready();
      doc = app.swagger() as unknown as OpenApiDocument;
      ({ headers, ids } = await seedFuzzWorld(t));
    });
    afterAll(async () => {
      const lines = reports.map(
        (r) =>
          `${r.operation.padEnd(48)} ${String(r.tried).padStart(6)} tried ${String(r.serverErrors).padStart(3)} 5xx ${String(r.mismatches).padStart(3)} mismatches  ${JSON.stringify(r.statuses)}`,
      );
      if (lines.length) console.log(`fuzz on ${dialect.name}:\n${lines.join('\n')}`);
      await app?.close();
      await t?.close();
    });

    it('has operations to fuzz', () => {
      expect(targets.length).toBeGreaterThan(10);
    });

    for (const target of targets) {
      it(`${target.method} ${target.path}`, async () => {
        const runs = RUNS[dialect.name];
        const report = await fuzzOperation(app, doc, target, {
          runs,
          seed: FUZZ_SEED,
          headers,
          ids,
          addresses: FUZZ_ADDRESSES,
        });
        reports.push(report);
        expect(report.tried).toBe(runs);
        expect(report.samples, 'failing exchanges').toEqual([]);
        expect(report.serverErrors).toBe(0);
        expect(report.mismatches).toBe(0);
      }, 300_000);
    }
  });
}
