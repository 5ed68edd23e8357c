/*
 * "A workspace always has an owner" under concurrency (issue 11, item 5): two owners demoting
 * or removing each other at the same instant must not both succeed. On PostgreSQL the requests
 * really run in parallel (a pool of connections); on SQLite writers are serialised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

const RUNS = 5;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the last owner under concurrency on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    /** A workspace with two owners, each holding an API token. */
    async function twoOwners(run: string) {
      const ws = await seedWorkspace(t.ctx, `Race ${run}`, `first-${run}@race.example`);
      const second = await seedMember(
        t.ctx,
        ws.workspace.id,
        `second-${run}@race.example`,
        'owner',
      );
      return {
        workspaceId: ws.workspace.id,
        a: { id: ws.owner.id, token: await tokenFor(t.ctx, ws.actor) },
        b: { id: second.member.id, token: await tokenFor(t.ctx, second.actor) },
      };
    }
    const liveOwners = async (workspaceId: string) =>
      (
        await t.store.db
          .selectFrom('members')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('role', '=', 'owner')
          .where('removed_at', 'is', null)
          .execute()
      ).length;
    const demote = (token: string, id: string) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/members/${id}`,
        headers: { ...bearer(token), 'if-match': '"1"' },
        payload: { role: 'rep' },
      });
    const remove = (token: string, id: string) =>
      app.inject({ method: 'DELETE', url: `/api/v1/members/${id}`, headers: bearer(token) });

    it.each([
      ['demote each other', demote, demote],
      ['remove each other', remove, remove],
      ['one demotes while the other removes', demote, remove],
    ])(
      `leaves an owner when two owners %s at once (${RUNS} runs)`,
      async (label, first, second) => {
        for (let run = 0; run < RUNS; run++) {
          const { workspaceId, a, b } = await twoOwners(`${label.replace(/\W/g, '')}-${run}`);
          const results = await Promise.all([first(a.token, b.id), second(b.token, a.id)]);
          const succeeded = results.filter((r) => r.statusCode < 300);
          expect(
            succeeded,
            results.map((r) => `${r.statusCode} ${r.body}`).join('\n'),
          ).toHaveLength(1);
          for (const r of results.filter((r) => r.statusCode >= 300)) {
            expect([401, 403, 409]).toContain(r.statusCode);
          }
          expect(await liveOwners(workspaceId)).toBe(1);
        }
      },
    );
  });
}
