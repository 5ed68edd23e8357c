import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

const WRITERS = 100;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`optimistic concurrency on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let token: string;
    let actor: Awaited<ReturnType<typeof seedWorkspace>>['actor'];

    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t);
      const ws = await seedWorkspace(t.ctx, 'Race Co', 'owner@race.example');
      actor = ws.actor;
      token = await tokenFor(t.ctx, actor);
      await addAccount(t.ctx, actor, { name: 'Globex' });
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const newDeal = () => addDeal(t.ctx, actor, { account: 'Globex', title: 'Pilot', amount: 0 });
    const patch = (id: string, body: object, ifMatch?: string) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/deals/${id}`,
        headers: { ...bearer(token), ...(ifMatch !== undefined && { 'if-match': ifMatch }) },
        payload: body,
      });
    const auditCount = async (entityId: string, action: string) =>
      (
        await t.store.db
          .selectFrom('audit_log')
          .select('id')
          .where('entity_id', '=', entityId)
          .where('action', '=', action)
          .execute()
      ).length;

    it(`lets exactly one of ${WRITERS} writers of the same version win; the rest get 412`, async () => {
      const deal = await newDeal();
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) => patch(deal.id, { title: `Writer ${i}` }, '"1"')),
      );
      const won = results.filter((r) => r.statusCode === 200);
      const lost = results.filter((r) => r.statusCode === 412);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(WRITERS - 1);
      expect(lost[0]!.json().code).toBe('precondition-failed');
      const stored = await t.store.db
        .selectFrom('deals')
        .select(['title', 'version'])
        .where('id', '=', deal.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ title: won[0]!.json().title, version: 2 });
      expect(won[0]!.headers.etag).toBe('"2"');
      expect(await auditCount(deal.id, 'deal.update')).toBe(1);
    });

    it(`loses no update when ${WRITERS} writers each add 1 with read, If-Match, retry`, async () => {
      const deal = await newDeal();
      let conflicts = 0;
      const writer = async () => {
        for (;;) {
          const read = await app.inject({
            method: 'GET',
            url: `/api/v1/deals/${deal.id}`,
            headers: bearer(token),
          });
          const res = await patch(
            deal.id,
            { amount: read.json().amount + 1 },
            String(read.headers.etag),
          );
          if (res.statusCode === 200) return;
          expect(res.statusCode).toBe(412);
          conflicts++;
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, writer));
      const stored = await t.store.db
        .selectFrom('deals')
        .select(['amount_minor', 'version'])
        .where('id', '=', deal.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ amount_minor: WRITERS * 100, version: WRITERS + 1 });
      expect(await auditCount(deal.id, 'deal.update')).toBe(WRITERS);
      // Printed, not asserted: how contended the run was depends on the machine.
      console.log(`${dialect.name}: ${WRITERS} increments, ${conflicts} retries after 412`);
    }, 120_000);

    it.each([
      ['no If-Match', undefined, 428, 'precondition-required'],
      ['If-Match: *', '*', 428, 'precondition-required'],
      ['a stale version', '"7"', 412, 'precondition-failed'],
      ['a weak ETag', 'W/"1"', 412, 'precondition-failed'],
      ['an unquoted version', '1', 412, 'precondition-failed'],
    ])(
      'answers an update with %s by %i and changes nothing',
      async (_case, ifMatch, status, code) => {
        const deal = await newDeal();
        const res = await patch(deal.id, { title: 'Changed' }, ifMatch);
        expect(res.statusCode).toBe(status);
        expect(res.json().code).toBe(code);
        const stored = await t.store.db
          .selectFrom('deals')
          .select(['title', 'version'])
          .where('id', '=', deal.id)
          .executeTakeFirstOrThrow();
        expect(stored).toEqual({ title: 'Pilot', version: 1 });
      },
    );

    it('restarts the stage clock on a stage change only', async () => {
      const deal = await newDeal();
      const stageChangedAt = async () =>
        (
          await t.store.db
            .selectFrom('deals')
            .select('stage_changed_at')
            .where('id', '=', deal.id)
            .executeTakeFirstOrThrow()
        ).stage_changed_at;
      const created = await stageChangedAt();
      t.clock.advance(3_600_000);
      const sameStage = await patch(deal.id, { stage: 'discovery', title: 'Renamed' }, '"1"');
      expect(sameStage.statusCode, sameStage.body).toBe(200);
      expect(await stageChangedAt()).toBe(created);
      t.clock.advance(3_600_000);
      const moved = await patch(deal.id, { stage: 'Demo', amount: 1200.5 }, '"2"');
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ amount: 1200.5, title: 'Renamed', version: 3 });
      expect(await stageChangedAt()).toBe(t.clock.now().toString({ smallestUnit: 'millisecond' }));
      const unknown = await patch(deal.id, { stage: 'Nowhere' }, '"3"');
      expect(unknown.statusCode).toBe(400);
    });

    it('lets a rep edit their own deal only; another rep gets 404 whatever the version', async () => {
      const ann = await seedMember(t.ctx, actor.workspaceId, 'ann@race.example', 'rep');
      const bob = await seedMember(t.ctx, actor.workspaceId, 'bob@race.example', 'rep');
      const annDeal = await addDeal(t.ctx, ann.actor, { account: 'Globex', title: 'Ann deal' });
      const bobToken = await tokenFor(t.ctx, bob.actor);
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/v1/deals/${annDeal.id}`,
        headers: { ...bearer(bobToken), 'if-match': '"1"' },
        payload: { title: 'Mine now' },
      });
      expect(res.statusCode).toBe(404);
      const annToken = await tokenFor(t.ctx, ann.actor);
      const own = await app.inject({
        method: 'PATCH',
        url: `/api/v1/deals/${annDeal.id}`,
        headers: { ...bearer(annToken), 'if-match': '"1"' },
        payload: { title: 'Ann deal, 50 seats' },
      });
      expect(own.statusCode).toBe(200);
    });

    it('applies If-Match to role changes too', async () => {
      const cy = await seedMember(t.ctx, actor.workspaceId, 'cy@race.example', 'rep');
      const url = `/api/v1/members/${cy.member.id}`;
      const read = await app.inject({ method: 'GET', url, headers: bearer(token) });
      expect(read.headers.etag).toBe('"1"');
      const change = (role: string, ifMatch?: string) =>
        app.inject({
          method: 'PATCH',
          url,
          headers: { ...bearer(token), ...(ifMatch && { 'if-match': ifMatch }) },
          payload: { role },
        });
      expect((await change('manager')).statusCode).toBe(428);
      const first = await change('manager', '"1"');
      expect(first.statusCode, first.body).toBe(200);
      expect(first.headers.etag).toBe('"2"');
      expect((await change('owner', '"1"')).statusCode).toBe(412);
      const stored = await t.ctx.members.findById(
        t.ctx.runner.executor,
        actor.workspaceId,
        cy.member.id,
      );
      expect(stored).toMatchObject({ role: 'manager', version: 2 });
    });
  });
}
