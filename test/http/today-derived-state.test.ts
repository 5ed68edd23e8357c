import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completeCommitment,
  type CompleteCommitmentDeps,
} from '../../src/core/commitments/flows/manage-commitments.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { ownTableNames } from '../support/tables.ts';
import { askUntil } from '../support/eventually.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';
import { dealFor, newRep, promise } from '../today/scenario.ts';

type Rep = Awaited<ReturnType<typeof newRep>>;

/**
 * Issue 16, item 3: derived state is kept in one place. Reads over HTTP (Today, the deal page and
 * its momentum) write nothing and do not move the change feed; a stage change shows at once on
 * Today and the deal's momentum; a kept promise is a touch on its deal whichever way it is kept.
 */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`derived state over HTTP on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let rep: Rep;
    let token: string;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      app = await startTestServer(t);
      rep = await newRep(t);
      token = await tokenFor(t.ctx, rep.actor);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const get = (url: string) => app.inject({ method: 'GET', url, headers: bearer(token) });
    const send = (
      method: 'POST' | 'PATCH',
      url: string,
      payload: object,
      headers: Record<string, string> = {},
    ) => app.inject({ method, url, payload, headers: { ...bearer(token), ...headers } });

    /** Rows in every table of the schema, by table, in one statement. */
    const rowCounts = async () => {
      const db = t.store.db;
      const tables = await ownTableNames(t.store, t.database);
      const columns = tables.map(
        (name) => sql`(select count(*) from ${sql.table(name)}) as ${sql.ref(name)}`,
      );
      const { rows } = await sql<Record<string, number | string>>`select ${sql.join(
        columns,
      )}`.execute(db);
      return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
    };
    const snapshots = () =>
      t.store.db
        .selectFrom('momentum_snapshots')
        .select(['deal_id', 'day', 'score', 'factors'])
        .orderBy('deal_id')
        .orderBy('day')
        .execute();
    /** The change feed's version (on PostgreSQL, once its listening connection is up). */
    const version = async () => {
      await askUntil(() => t.store.changes.version() !== null);
      return t.store.changes.version();
    };
    const todayItem = async (dealId: string) => {
      const r = await get('/api/v1/today');
      expect(r.statusCode).toBe(200);
      const body = r.json() as { items: { dealId: string; momentum: number | null }[] };
      return body.items.find((i) => i.dealId === dealId);
    };

    it('a GET of Today, the deal page’s reads, the march and insights writes no row, no audit entry, and does not move the change feed', async () => {
      const id = await dealFor(t, rep, { title: 'Still' });
      const reads = [
        '/api/v1/today',
        '/api/v1/today?date=2026-11-23',
        `/api/v1/deals/${id}`,
        `/api/v1/deals/${id}/momentum`,
        `/api/v1/deals/${id}/momentum?date=2026-11-20`,
        '/api/v1/deals',
        `/api/v1/commitments?deal=${id}`,
        `/api/v1/touches?deal=${id}`,
        '/api/v1/march',
        '/api/v1/insights',
      ];
      // Once, so that the token's "last used" (written once a minute, outside any transaction)
      // is behind us.
      expect((await get('/api/v1/me')).statusCode).toBe(200);
      const rows = await rowCounts();
      const snaps = await snapshots();
      const v = await version();
      for (const url of reads) {
        const r = await get(url);
        expect(r.statusCode, url).toBe(200);
      }
      expect(await rowCounts()).toEqual(rows);
      expect(await snapshots()).toEqual(snaps);
      expect(t.store.changes.version()).toBe(v);
    });

    it('a stage change over PATCH shows at once on Today and on the deal’s momentum', async () => {
      // A rep of its own, so that the deal is on their Today (a neglected deal, under the ceiling).
      rep = await newRep(t);
      token = await tokenFor(t.ctx, rep.actor);
      const id = await dealFor(t, rep, { title: 'Climber' });
      const momentum = async () =>
        ((await get(`/api/v1/deals/${id}/momentum`)).json() as { momentum: { score: number } })
          .momentum.score;
      const before = await momentum();
      expect((await todayItem(id))?.momentum).toBe(before);

      const deal = await get(`/api/v1/deals/${id}`);
      const patched = await send(
        'PATCH',
        `/api/v1/deals/${id}`,
        { stage: 'Proposal' },
        { 'if-match': deal.headers.etag as string },
      );
      expect(patched.statusCode).toBe(200);

      const after = await momentum();
      expect(after).not.toBe(before);
      expect((await todayItem(id))?.momentum).toBe(after);
      // The write recorded the day's score (the deal's opening recorded 1 November's).
      expect(
        (await snapshots())
          .filter((s) => s.deal_id === id && s.day === '2026-11-24')
          .map((s) => Number(s.score)),
      ).toEqual([after]);
    });

    const deliveries = async (dealId: string) =>
      (await t.ctx.touches.listForDeal(t.ctx.runner.executor, dealId, 50)).filter(
        (x) => x.kind === 'delivery',
      );

    it('a promise kept over HTTP is a touch on its deal', async () => {
      const id = await dealFor(t, rep, { title: 'Kept over HTTP' });
      const c = await promise(t, rep.actor, id, {
        side: 'ours',
        text: 'Send it',
        due: '2026-11-25',
      });
      const r = await send('POST', `/api/v1/commitments/${c.id}/done`, {});
      expect(r.statusCode).toBe(200);
      expect((await deliveries(id)).map((x) => x.commitmentId)).toEqual([c.id]);
      expect((await get(`/api/v1/deals/${id}`)).json()).toMatchObject({
        lastTouchAt: '2026-11-24T15:00:00.000Z',
      });
    });

    it('a promise kept through the use case is a touch with no more than its declared dependencies', async () => {
      const id = await dealFor(t, rep, { title: 'Kept bare' });
      const c = await promise(t, rep.actor, id, {
        side: 'ours',
        text: 'Send it',
        due: '2026-11-25',
      });
      // Only what the use case names: no hook for the composition root to remember.
      const { runner, clock, ids, audit, commitments, renegotiations, deals, members } = t.ctx;
      const { touches, nextSteps } = t.ctx;
      const deps: CompleteCommitmentDeps = {
        ...{ runner, clock, ids, audit, commitments, renegotiations, deals, members },
        ...{ touches, nextSteps },
      };
      await completeCommitment(deps, rep.actor, c.id);
      expect((await deliveries(id)).map((x) => x.commitmentId)).toEqual([c.id]);
    });
  });
}
