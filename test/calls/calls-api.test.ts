import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addContact } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

const NOTES =
  "Demo with Sarah went well. I'll send the pricing sheet by Friday. Sarah will introduce us to their CFO next week. We agreed to meet again on December 3rd.";

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the post-call loop over HTTP on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let owner: Record<string, string>;
    let rep: Record<string, string>;
    let other: Record<string, string>;
    let dealId: string;
    let callId: string;

    const call = (
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      headers: Record<string, string>,
      payload?: unknown,
    ) =>
      app.inject({
        method,
        url,
        headers,
        ...(payload !== undefined && { payload: payload as object }),
      });

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      app = await startTestServer(t);
      const ws = await seedWorkspace(t.ctx);
      const r = await seedMember(
        t.ctx,
        ws.workspace.id,
        'rep@example.com',
        'rep',
        'America/New_York',
        'US',
      );
      const o = await seedMember(t.ctx, ws.workspace.id, 'other@example.com', 'rep');
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
      await addContact(t.ctx, ws.actor, { account: 'Globex', name: 'Sarah Chen' });
      dealId = (await addDeal(t.ctx, r.actor, { account: 'Globex', title: 'Pilot' })).id;
      owner = bearer(await tokenFor(t.ctx, ws.actor));
      rep = bearer(await tokenFor(t.ctx, r.actor));
      other = bearer(await tokenFor(t.ctx, o.actor));
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('goes from notes to a saved call in two requests', async () => {
      const preview = await call('POST', '/api/v1/calls/preview', rep, {
        dealId,
        at: '2026-11-24T09:00',
        attendees: ['Sarah'],
        notes: NOTES,
      });
      expect(preview.statusCode, preview.body).toBe(200);
      const proposals = preview.json();
      expect(proposals.attendees).toEqual([
        { name: 'Sarah Chen', side: 'theirs', memberId: null, contactId: expect.any(String) },
      ]);
      expect(proposals.commitments.map((c: { text: string }) => c.text)).toEqual([
        'send the pricing sheet',
        'introduce us to their CFO',
      ]);

      const saved = await call('POST', '/api/v1/calls', rep, {
        dealId,
        at: '2026-11-24T09:00',
        attendees: ['Sarah'],
        notes: NOTES,
        habits: { '2': 'done', '8': 'partly' },
        outcome: 'advanced',
        lesson: 'Ask who signs on the first call',
        lessonHabits: ['discover'],
        commitments: proposals.commitments.map((c: Record<string, unknown>) => ({
          side: c.side,
          text: c.text,
          due: c.due,
          sentence: c.sentence,
        })),
        nextStep: { text: 'Demo for the CFO', date: proposals.nextStep.date },
        milestones: [{ title: 'Security review', side: 'theirs', date: '2026-12-10' }],
      });
      expect(saved.statusCode, saved.body).toBe(201);
      const body = saved.json();
      callId = body.call.id;
      expect(body.call).toMatchObject({
        dealId,
        outcome: 'advanced',
        lesson: 'Ask who signs on the first call',
      });
      expect(body.commitments.map((c: { target: string }) => c.target)).toEqual([
        '2026-11-25',
        '2026-12-03',
      ]);
      expect(body.nextStep).toMatchObject({ due: '2026-12-03', callId });
      expect(body.plan.revision).toMatchObject({ number: 1, callId });
      expect(body.touchId).toMatch(/^tc_/);

      const read = await call('GET', `/api/v1/calls/${callId}`, rep);
      expect(read.json()).toEqual(body.call);
      const list = await call('GET', `/api/v1/calls?deal=${dealId}`, owner);
      expect(list.json().map((c: { id: string }) => c.id)).toEqual([callId]);
    });

    it.each([
      { name: 'an unknown field', payload: { colour: 'red' }, detail: /unknown field "colour"/ },
      { name: 'an unknown outcome', payload: { outcome: 'great' }, detail: /outcome/ },
      {
        name: 'a reason with an advancing call',
        payload: { outcome: 'advanced', reason: 'not-now' },
        detail: /explains a setback/,
      },
      {
        name: 'an unknown habit',
        payload: { habits: { '42': 'done' } },
        detail: /Unknown habit "42"/,
      },
      { name: 'a future start', payload: { at: '2026-11-25T09:00' }, detail: /future/ },
    ])('answers 400 for $name, saving nothing', async ({ payload, detail }) => {
      const before = (await call('GET', `/api/v1/calls?deal=${dealId}`, rep)).json().length;
      const r = await call('POST', '/api/v1/calls', rep, {
        dealId,
        at: '2026-11-24T08:00',
        ...payload,
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json()).toMatchObject({ code: 'validation', status: 400 });
      expect(r.json().detail).toMatch(detail);
      expect((await call('GET', `/api/v1/calls?deal=${dealId}`, rep)).json().length).toBe(before);
    });

    it('answers 404 to a rep for another rep’s deal and calls', async () => {
      for (const r of [
        await call('POST', '/api/v1/calls/preview', other, { dealId, at: '2026-11-24T09:00' }),
        await call('POST', '/api/v1/calls', other, { dealId, at: '2026-11-24T09:00' }),
        await call('GET', `/api/v1/calls/${callId}`, other),
        await call('GET', `/api/v1/deals/${dealId}/plan`, other),
        await call('POST', `/api/v1/deals/${dealId}/pause`, other, { until: '2027-01-04' }),
      ]) {
        expect(r.statusCode, r.body).toBe(404);
        expect(r.body).not.toContain('Pilot');
      }
    });

    it('lists the calls on every deal the caller may see, newest first, without a deal', async () => {
      const otherDeal = await call('POST', '/api/v1/deals', other, {
        account: 'Globex',
        title: 'Other pilot',
      });
      expect(otherDeal.statusCode, otherDeal.body).toBe(201);
      const logged = await call('POST', '/api/v1/calls', other, {
        dealId: otherDeal.json().id,
        // 14:30 UTC in their zone (Berlin), after the rep's 09:00 in New York (14:00 UTC).
        at: '2026-11-24T15:30',
        notes: 'Their call.',
      });
      expect(logged.statusCode, logged.body).toBe(201);
      const otherCallId = logged.json().call.id as string;
      const ids = async (headers: Record<string, string>, query = '') => {
        const r = await call('GET', `/api/v1/calls${query}`, headers);
        expect(r.statusCode, r.body).toBe(200);
        return (r.json() as { id: string }[]).map((c) => c.id);
      };
      expect(await ids(rep)).toEqual([callId]);
      expect(await ids(other)).toEqual([otherCallId]);
      // The owner sees the whole team's; the later call first.
      expect(await ids(owner)).toEqual([otherCallId, callId]);
      expect(await ids(owner, '?limit=1')).toEqual([otherCallId]);
      expect(await ids(rep, `?deal=${dealId}`)).toEqual([callId]);
      expect((await call('GET', '/api/v1/calls?limit=0', owner)).statusCode).toBe(400);
    });

    it('versions the plan: a stale base is 409, an equal plan saves nothing, and diffs read back', async () => {
      const current = (await call('GET', `/api/v1/deals/${dealId}/plan`, rep)).json();
      expect(current).toMatchObject({ number: 1, callId });
      const document = {
        ...current.document,
        objective: 'Pilot live by January',
        milestones: [{ ...current.document.milestones[0], date: '2026-12-14' }],
      };
      const saved = await call('PUT', `/api/v1/deals/${dealId}/plan`, rep, { base: 1, document });
      expect(saved.statusCode, saved.body).toBe(201);
      expect(saved.json().revision).toMatchObject({
        number: 2,
        summary: '1 slipped; objective changed',
      });

      const stale = await call('PUT', `/api/v1/deals/${dealId}/plan`, owner, {
        base: 1,
        document: { objective: 'x' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({
        code: 'version-conflict',
        details: { base: 1, latest: 2 },
      });

      const same = await call('PUT', `/api/v1/deals/${dealId}/plan`, rep, { base: 2, document });
      expect(same.statusCode).toBe(200);
      expect(same.json()).toMatchObject({ unchanged: true, revision: { number: 2 } });

      const bad = await call('PUT', `/api/v1/deals/${dealId}/plan`, rep, {
        base: 2,
        document: { milestones: [{}] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toMatch(/milestones\[0\]\.title is required/);

      const revisions = (await call('GET', `/api/v1/deals/${dealId}/plan/revisions`, rep)).json();
      expect(
        revisions.map((r: { number: number; callId: string | null }) => [r.number, r.callId]),
      ).toEqual([
        [1, callId],
        [2, null],
      ]);
      const diff = (await call('GET', `/api/v1/deals/${dealId}/plan/diff?from=1&to=2`, rep)).json();
      expect(diff).toMatchObject({ from: 1, to: 2, diff: { counts: { slipped: 1 } } });
      expect(diff.diff.milestones[0]).toMatchObject({
        kind: 'slipped',
        from: '2026-12-10',
        to: '2026-12-14',
        days: 4,
      });
      expect((await call('GET', `/api/v1/deals/${dealId}/plan?rev=1`, rep)).json().number).toBe(1);
      expect((await call('GET', `/api/v1/deals/${dealId}/plan?rev=9`, rep)).statusCode).toBe(404);
    });

    it('serves the playbook to everyone and lets only owners and managers change it', async () => {
      const read = await call('GET', '/api/v1/playbook', rep);
      expect(read.statusCode).toBe(200);
      const playbook = read.json();
      expect(playbook.habits).toHaveLength(10);
      const habits = playbook.habits.map((h: { id: string; name: string }) => ({
        id: h.id,
        name: h.name,
      }));
      habits[0].name = 'Research first';
      expect((await call('PUT', '/api/v1/playbook', rep, { habits })).statusCode).toBe(403);
      const set = await call('PUT', '/api/v1/playbook', owner, {
        habits,
        version: playbook.version,
      });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().habits[0]).toMatchObject({ key: 'prepare', name: 'Research first' });
      const stale = await call('PUT', '/api/v1/playbook', owner, {
        habits,
        version: playbook.version,
      });
      expect(stale.statusCode).toBe(409);
    });

    it('closes and pauses deals, honouring If-Match when sent', async () => {
      const make = async (title: string) =>
        (await call('POST', '/api/v1/deals', rep, { account: 'Globex', title })).json()
          .id as string;
      const a = await make('To win');
      const stale = await call(
        'POST',
        `/api/v1/deals/${a}/close`,
        { ...rep, 'if-match': '"7"' },
        { result: 'won' },
      );
      expect(stale.statusCode).toBe(412);
      const won = await call(
        'POST',
        `/api/v1/deals/${a}/close`,
        { ...rep, 'if-match': '"1"' },
        {
          result: 'won',
          lesson: 'Multi-threading paid off',
        },
      );
      expect(won.statusCode, won.body).toBe(200);
      expect(won.headers.etag).toBe('"2"');
      expect(won.json()).toMatchObject({
        deal: { status: 'won' },
        outcome: { outcome: 'won', lesson: 'Multi-threading paid off' },
      });
      expect(
        (await call('POST', `/api/v1/deals/${a}/close`, rep, { result: 'lost' })).statusCode,
      ).toBe(409);

      const b = await make('To pause');
      const paused = await call('POST', `/api/v1/deals/${b}/pause`, rep, {
        until: '2027-01-11',
        reason: 'not-now',
      });
      expect(paused.json()).toMatchObject({ deal: { status: 'paused', reEngageOn: '2027-01-11' } });
      const again = await call('POST', `/api/v1/deals/${b}/pause`, rep, { until: '2027-02-01' });
      expect(again.statusCode).toBe(409);
      const c = await make('Not yet');
      const past = await call('POST', `/api/v1/deals/${c}/pause`, rep, { until: '2026-11-20' });
      expect(past.statusCode).toBe(400);
      expect(past.json().detail).toMatch(/after today/);
      const bad = await call('POST', `/api/v1/deals/${a}/close`, rep, {
        result: 'lost',
        reason: 'price',
      });
      expect(bad.statusCode).toBe(400);
    });

    it('answers insights for the caller, and 404 for a colleague’s figures', async () => {
      const mine = await call('GET', '/api/v1/insights?from=2026-11-01&to=2026-11-24', rep);
      expect(mine.statusCode, mine.body).toBe(200);
      const body = mine.json();
      expect(body.members.map((m: { email: string }) => m.email)).toEqual(['rep@example.com']);
      expect(body.outcomes.deals).toEqual({ won: 1, lost: 0, paused: 1 });
      expect(body.lessons.map((l: { text: string }) => l.text)).toContain(
        'Ask who signs on the first call',
      );
      expect(body.habits.find((h: { key: string }) => h.key === 'plan').calls.done).toBe(1);
      const theirs = await call('GET', '/api/v1/insights?member=other@example.com', rep);
      expect(theirs.statusCode).toBe(404);
      const team = await call('GET', '/api/v1/insights?member=other@example.com', owner);
      expect(team.statusCode).toBe(200);
      expect((await call('GET', '/api/v1/insights?from=yesterday', rep)).statusCode).toBe(400);
    });

    it('documents every route in the OpenAPI document', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      for (const path of [
        '/api/v1/playbook',
        '/api/v1/calls/preview',
        '/api/v1/calls',
        '/api/v1/calls/{id}',
        '/api/v1/deals/{id}/plan',
        '/api/v1/deals/{id}/plan/revisions',
        '/api/v1/deals/{id}/plan/diff',
        '/api/v1/deals/{id}/close',
        '/api/v1/deals/{id}/pause',
        '/api/v1/insights',
      ]) {
        expect(doc.paths[path], path).toBeDefined();
      }
    });
  });
}
