import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TodayView } from '../../src/contract/today/today.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';
import { dealFor, newRep, promise } from './scenario.ts';

type Rep = Awaited<ReturnType<typeof newRep>>;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the Today API on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let rep: Rep;
    let repToken: string;
    let ownerToken: string;
    let otherToken: string;
    let quiet: string;
    let pricing: string;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      app = await startTestServer(t);
      rep = await newRep(t);
      quiet = await dealFor(t, rep, { title: 'Quiet' });
      const busy = await dealFor(t, rep, {
        title: 'Busy',
        touchedAt: '2026-11-24T09:00',
        nextStep: '2026-12-01',
      });
      pricing = (
        await promise(t, rep.actor, busy, { side: 'ours', text: 'Send pricing', due: '2026-11-24' })
      ).id;
      repToken = await tokenFor(t.ctx, rep.actor);
      ownerToken = await tokenFor(t.ctx, rep.owner);
      otherToken = await tokenFor(t.ctx, (await newRep(t)).actor);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const get = (url: string, token = repToken, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers: { ...bearer(token), ...headers } });
    const send = (
      method: 'POST' | 'PATCH',
      url: string,
      payload: object,
      headers: Record<string, string> = {},
      token = repToken,
    ) => app.inject({ method, url, payload, headers: { ...bearer(token), ...headers } });

    it('serves Today as documented, from cache until something is written', async () => {
      const first = await get('/api/v1/today');
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      const body = first.json();
      expect(Value.Check(TodayView, body), JSON.stringify([...Value.Errors(TodayView, body)])).toBe(
        true,
      );
      expect(body).toMatchObject({
        date: '2026-11-24',
        member: { id: rep.actor.memberId, email: rep.email, timeZone: 'America/New_York' },
        march: { floor: 3, ceiling: 4, done: 1 },
      });
      expect(
        body.items.map((i: { kind: string; title: string }) => `${i.kind}:${i.title}`),
      ).toEqual(['deliver:Send pricing', 'revive:Quiet']);
      expect(body.items[0]).toMatchObject({
        commitmentId: pricing,
        due: '2026-11-24',
        optional: false,
      });
      expect(body.items[1]).not.toHaveProperty('commitmentId');

      // Reading writes nothing: the same bytes come back until something changes.
      const again = await get('/api/v1/today');
      expect(again.body).toBe(first.body);
      const third = await get('/api/v1/today');
      expect(third.body).toBe(first.body);
      expect(third.headers.etag).toBe(again.headers.etag);
      const unchanged = await get('/api/v1/today', repToken, {
        'if-none-match': String(again.headers.etag),
      });
      expect(unchanged.statusCode).toBe(304);
      expect(unchanged.body).toBe('');

      const touch = await send('POST', '/api/v1/touches', {
        dealId: quiet,
        kind: 'call',
        text: 'Caught up',
      });
      expect(touch.statusCode).toBe(201);
      expect(touch.json()).toMatchObject({
        dealId: quiet,
        kind: 'call',
        text: 'Caught up',
        at: '2026-11-24T15:00:00.000Z',
      });
      const after = await get('/api/v1/today');
      expect(after.headers.etag).not.toBe(again.headers.etag);
      expect(after.json().march.done).toBe(2);
      expect(after.json().items.find((i: { title: string }) => i.title === 'Quiet').reason).toBe(
        'no next step booked — momentum ' +
          after.json().items.find((i: { title: string }) => i.title === 'Quiet').momentum,
      );
    });

    it('answers bad input and foreign members with problems', async () => {
      expect((await get('/api/v1/today?date=2026-02-30')).json()).toMatchObject({
        status: 400,
        code: 'validation',
      });
      expect((await get('/api/v1/today?date=tomorrow')).statusCode).toBe(400);
      expect((await get('/api/v1/today?color=red')).statusCode).toBe(400);
      expect((await get(`/api/v1/today?member=${rep.actor.memberId}`, otherToken)).statusCode).toBe(
        404,
      );
      const managed = await get(`/api/v1/today?member=${rep.actor.memberId}`, ownerToken);
      expect(managed.json().member.id).toBe(rep.actor.memberId);
      expect((await app.inject({ method: 'GET', url: '/api/v1/today' })).statusCode).toBe(401);
    });

    it('logs and lists touches; refuses what is not a touch', async () => {
      expect(
        (await send('POST', '/api/v1/touches', { dealId: quiet, kind: 'telepathy' })).statusCode,
      ).toBe(400);
      expect(
        (
          await send('POST', '/api/v1/touches', {
            dealId: quiet,
            kind: 'email',
            at: '2026-11-25T09:00',
          })
        ).json(),
      ).toMatchObject({ status: 400, code: 'validation' });
      expect(
        (await send('POST', '/api/v1/touches', { dealId: quiet, kind: 'email', owner: 'x' }))
          .statusCode,
      ).toBe(400);
      expect(
        (await send('POST', '/api/v1/touches', { dealId: quiet, kind: 'email' }, {}, otherToken))
          .statusCode,
      ).toBe(404);
      const listed = await get(`/api/v1/touches?deal=${quiet}`);
      expect(listed.statusCode).toBe(200);
      expect(listed.json()[0]).toMatchObject({ dealId: quiet, kind: 'call' });
      expect((await get(`/api/v1/touches?deal=${quiet}`, otherToken)).statusCode).toBe(404);
    });

    it('books a next step and reports a deal’s health', async () => {
      const booked = await send('POST', `/api/v1/deals/${quiet}/next-step`, {
        at: '2026-11-30T10:00',
        text: 'Demo',
      });
      expect(booked.statusCode).toBe(201);
      expect(booked.json()).toMatchObject({ due: '2026-11-30', time: '10:00', state: 'open' });
      expect((await get(`/api/v1/deals/${quiet}/next-step`)).json()).toMatchObject({
        text: 'Demo',
      });
      expect(
        (await send('POST', `/api/v1/deals/${quiet}/next-step`, { at: '2026-11-01', text: 'Past' }))
          .statusCode,
      ).toBe(400);
      const health = await get(`/api/v1/deals/${quiet}/momentum`);
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({
        date: '2026-11-24',
        neglect: { neglected: false, reasons: [] },
        // The history holds the day each write recorded (the deal opened on 1 Nov), then today.
        momentum: { trend: [{ date: '2026-11-01' }, { date: '2026-11-24' }] },
      });
      expect(health.json().momentum.factors).toHaveLength(5);
      const past = await get(`/api/v1/deals/${quiet}/momentum?date=2026-11-20`);
      expect(past.json().neglect.reasons).toEqual(['no-touch', 'no-next-step']);
      expect((await get(`/api/v1/deals/${quiet}/momentum`, otherToken)).statusCode).toBe(404);
    });

    it('shows the march and changes its settings under If-Match', async () => {
      const march = await get('/api/v1/march');
      expect(march.json()).toMatchObject({ date: '2026-11-24', floor: 3, ceiling: 4, done: 2 });
      // The member joined today: the march counts from that day, and today is still open.
      expect(march.json().days).toMatchObject([{ date: '2026-11-24', band: 'open' }]);
      const settings = await get('/api/v1/march/settings');
      expect(settings.json()).toMatchObject({ floor: 3, ceiling: 4, lead: 1, region: 'US' });
      expect((await send('PATCH', '/api/v1/march/settings', { floor: 6 })).statusCode).toBe(428);
      const changed = await send(
        'PATCH',
        '/api/v1/march/settings',
        { floor: 6 },
        { 'if-match': String(settings.headers.etag) },
      );
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ floor: 6, ceiling: 8 });
      const stale = await send(
        'PATCH',
        '/api/v1/march/settings',
        { floor: 7 },
        { 'if-match': String(settings.headers.etag) },
      );
      expect(stale.statusCode).toBe(412);
      expect((await get('/api/v1/today')).json().march).toMatchObject({ floor: 6, ceiling: 8 });
    });

    it('lists stages and lets only owners and managers change a threshold', async () => {
      const stages = (await get('/api/v1/stages')).json();
      expect(stages.map((s: { name: string }) => s.name)).toEqual([
        'Discovery',
        'Qualified',
        'Demo',
        'Proposal',
        'Negotiation',
      ]);
      const demo = stages[2];
      const url = `/api/v1/stages/${demo.id}`;
      expect(
        (await send('PATCH', url, { neglectDays: 3 }, { 'if-match': `"${demo.version}"` }))
          .statusCode,
      ).toBe(403);
      const ok = await send(
        'PATCH',
        url,
        { neglectDays: 3 },
        { 'if-match': `"${demo.version}"` },
        ownerToken,
      );
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ name: 'Demo', neglectDays: 3, version: demo.version + 1 });
      expect(
        (
          await send(
            'PATCH',
            url,
            { neglectDays: 0 },
            { 'if-match': `"${demo.version + 1}"` },
            ownerToken,
          )
        ).statusCode,
      ).toBe(400);
    });
  });
}
