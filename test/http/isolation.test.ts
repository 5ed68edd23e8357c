/*
 * The isolation matrix: every API route × {outsider, other rep, revoked token, anonymous}, from
 * the table in route-matrix.ts (read its header to add a route). For each attempt: no 5xx, the
 * expected 4xx (or the caller's own data), none of the victim's ids or names in the body, and
 * no victim row added, changed or removed.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/schema.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { ownTableNames } from '../support/tables.ts';
import { bearer, startTestServer, type TestServer } from '../support/http.ts';
import { buildWorld, type World } from './isolation-world.ts';
import { ROUTES, type RequestSpec, type RouteCase } from './route-matrix.ts';

type Scenario = 'outsider' | 'otherRep' | 'revokedToken' | 'anonymous';
const SCENARIOS: readonly Scenario[] = ['outsider', 'otherRep', 'revokedToken', 'anonymous'];

/** The suite's own tables. Introspection sees every schema of a shared PostgreSQL database, and
 * other suites create and drop theirs meanwhile: keep ours, and retry a query that raced. */
/** Every row of every table, as "table|json" strings. */
async function snapshot(t: TestContext, tables: string[]): Promise<string[]> {
  const dumps = await Promise.all(
    tables.map(async (name) => {
      const rows = await t.store.db
        .selectFrom(name as keyof Database)
        .selectAll()
        .execute();
      return rows.map((row) => `${name}|${JSON.stringify(row)}`);
    }),
  );
  return dumps.flat();
}

/** Rows present on one side only (a changed row appears once on each side). */
function changedRows(before: string[], after: string[]): string[] {
  const counts = new Map<string, number>();
  for (const row of before) counts.set(row, (counts.get(row) ?? 0) + 1);
  for (const row of after) counts.set(row, (counts.get(row) ?? 0) - 1);
  return [...counts].filter(([, n]) => n !== 0).map(([row]) => row);
}

function urlOf(path: string, spec: RequestSpec): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(spec.params?.[name] ?? `missing-${name}`),
  );
  const query = spec.query ? `?${new URLSearchParams(spec.query)}` : '';
  return `${filled}${query}`;
}

function expectedStatus(entry: RouteCase, scenario: Scenario): number {
  const outsider = entry.outsider ?? 404;
  switch (scenario) {
    case 'outsider':
      return outsider;
    case 'otherRep':
      return entry.otherRep ?? outsider;
    case 'revokedToken':
      return 401;
    case 'anonymous':
      return entry.public?.anonymous ?? 401;
  }
}

function tokenOf(world: World, scenario: Scenario): string | null {
  if (scenario === 'outsider') return world.outsider.token;
  if (scenario === 'otherRep') return world.otherRep.token;
  if (scenario === 'revokedToken') return world.revokedToken;
  return null;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`isolation matrix on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let tables: string[];
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t);
      await app.ready();
      tables = await ownTableNames(t.store, t.database);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('has exactly one table entry for every API route', () => {
      const registered = app.routeCatalogue
        .filter((r) => r.url.startsWith('/api/'))
        .map((r) => `${r.method} ${r.url}`);
      const missing = registered.filter((key) => !(key in ROUTES));
      const stale = Object.keys(ROUTES).filter((key) => !registered.includes(key));
      expect(missing, 'routes without an entry in test/http/route-matrix.ts').toEqual([]);
      expect(stale, 'entries in test/http/route-matrix.ts for routes that do not exist').toEqual(
        [],
      );
    });

    const send = (method: string, path: string, spec: RequestSpec, token: string | null) =>
      app.inject({
        method: method as 'GET',
        url: urlOf(path, spec),
        headers: { ...(token && bearer(token)), ...spec.headers },
        ...(spec.body !== undefined && { payload: spec.body as object }),
      });

    for (const [key, entry] of Object.entries(ROUTES)) {
      const [method, path] = key.split(' ') as [string, string];
      it(`${key}: nothing leaks, nothing changes, never 5xx`, async () => {
        const world = await buildWorld(t);
        const seen: string[] = [];
        // Each request's "after" is the next one's "before": nothing runs in between.
        let before = await snapshot(t, tables);
        for (const scenario of SCENARIOS) {
          const spec = entry.request(world);
          const res: LightMyRequestResponse = await send(
            method,
            path,
            spec,
            tokenOf(world, scenario),
          );
          const after = await snapshot(t, tables);
          const changed = changedRows(before, after);
          before = after;
          const label = `${key} as ${scenario}: ${res.statusCode} ${res.body.slice(0, 300)}`;
          seen.push(`${scenario} ${res.statusCode}`);

          expect(res.statusCode, label).toBeLessThan(500);
          expect(res.statusCode, label).toBe(expectedStatus(entry, scenario));

          // What the caller sent may come back (a 404 names the id it was asked for).
          const asked = `${urlOf(path, spec)} ${JSON.stringify(spec.body ?? null)}`;
          const secrets = scenario === 'otherRep' ? world.repSecrets : world.workspaceSecrets;
          const leaked = secrets.filter((s) => res.body.includes(s) && !asked.includes(s));
          expect(leaked, `${label}\nleaked: ${leaked.join(', ')}`).toEqual([]);

          if (scenario === 'revokedToken' || scenario === 'anonymous') {
            expect(changed, label).toEqual([]);
          } else {
            const protectedIds = scenario === 'otherRep' ? world.repIds : world.workspaceIds;
            const touched = changed.filter((row) => protectedIds.some((id) => row.includes(id)));
            expect(touched, label).toEqual([]);
          }
        }
        // The rightful caller last: the request was well-formed, so the refusals were real.
        const rightful = entry.as === 'victimRep' ? world.victimRep : world.owner;
        const res = await send(method, path, entry.request(world), rightful.token);
        expect(res.statusCode, `${key} as its rightful caller: ${res.body.slice(0, 300)}`).toBe(
          entry.ok ?? 200,
        );
      });
    }
  });
}
