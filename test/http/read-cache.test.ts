/*
 * Authenticated reads are kept encoded per credential and URL while nothing is written and the
 * clock stays in the same minute (src/http/caching/read-cache.ts, decision 004). These suites
 * check that a kept answer is never one the route would not give now: a write through this
 * server or another instance is seen by the next read, a revoked token or ended session is
 * refused at once, callers never see each other's answers, the day turns at local midnight
 * in several zones, and the rate limit still counts every request.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contextFor, type AppContext } from '../../src/app/context.ts';
import { createApiToken, revokeApiToken } from '../../src/core/auth/flows/api-tokens.ts';
import { endSession, openSession } from '../../src/core/auth/flows/sessions.ts';
import { logTouch } from '../../src/core/touches/flows/log-touch.ts';
import { updateMemberSettings } from '../../src/core/workspaces/flows/update-member-settings.ts';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { askUntil } from '../support/eventually.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';
import { at, dealFor, newRep } from '../today/scenario.ts';

type Rep = Awaited<ReturnType<typeof newRep>>;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`kept reads on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let other: Store;
    let elsewhere: AppContext;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      app = await startTestServer(t);
      other = await openStore(t.database.config);
      elsewhere = contextFor(other, t.clock);
    });
    afterAll(async () => {
      await app?.close();
      await other?.close();
      await t?.close();
    });

    const get = (url: string, token: string) =>
      app.inject({ method: 'GET', url, headers: bearer(token) });

    it('answers a repeated read with the same bytes and headers', async () => {
      const rep: Rep = await newRep(t);
      const deal = await dealFor(t, rep, { title: 'Same bytes', touchedAt: '2026-11-24T09:00' });
      const token = await tokenFor(t.ctx, rep.actor);
      for (const url of [
        `/api/v1/deals/${deal}`,
        `/api/v1/deals/${deal}/momentum`,
        '/api/v1/deals',
        '/api/v1/commitments',
        '/api/v1/march',
        '/api/v1/insights',
        '/api/v1/me',
      ]) {
        const first = await get(url, token);
        const second = await get(url, token);
        expect(first.statusCode, url).toBe(200);
        expect(second.statusCode, url).toBe(200);
        expect(second.body, url).toBe(first.body);
        for (const name of ['content-type', 'etag', 'cache-control', 'content-security-policy'])
          expect(second.headers[name], `${url} ${name}`).toBe(first.headers[name]);
      }
    });

    it('shows a write made through this server on the next read', async () => {
      const rep: Rep = await newRep(t);
      const deal = await dealFor(t, rep, { title: 'Before' });
      const token = await tokenFor(t.ctx, rep.actor);
      const read = await get(`/api/v1/deals/${deal}`, token);
      expect((await get(`/api/v1/deals/${deal}`, token)).json().title).toBe('Before');
      const listed = async () =>
        ((await get('/api/v1/deals', token)).json() as { id: string; title: string }[]).find(
          (d) => d.id === deal,
        )!.title;
      expect(await listed()).toBe('Before');
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/v1/deals/${deal}`,
        headers: { ...bearer(token), 'if-match': read.headers.etag as string },
        payload: { title: 'After' },
      });
      expect(patched.statusCode).toBe(200);
      const again = await get(`/api/v1/deals/${deal}`, token);
      expect(again.json().title).toBe('After');
      expect(again.headers.etag).toBe(patched.headers.etag);
      expect(await listed()).toBe('After');
    });

    it('shows a touch logged by another instance on the next march', async () => {
      const rep: Rep = await newRep(t);
      const deal = await dealFor(t, rep, { title: 'Elsewhere' });
      const token = await tokenFor(t.ctx, rep.actor);
      const done = async () => (await get('/api/v1/march', token)).json().done as number;
      const before = await done();
      expect(await done()).toBe(before);
      await logTouch(elsewhere, rep.actor, { dealId: deal, kind: 'call', text: 'From the CLI' });
      const asks = await askUntil(async () => (await done()) === before + 1);
      expect(asks).not.toBeNull();
      if (dialect.name === 'sqlite') expect(asks).toBe(1);
    });

    it('refuses a revoked token and an ended session at once, kept answers or not', async () => {
      const rep: Rep = await newRep(t);
      const deal = await dealFor(t, rep, { title: 'Revoked' });
      const { token, secret } = await createApiToken(t.ctx, rep.actor, {
        name: 'script',
        scopes: ['read', 'write', 'tokens'],
      });
      const url = `/api/v1/deals/${deal}/momentum`;
      for (let i = 0; i < 3; i++) expect((await get(url, secret)).statusCode).toBe(200);
      await revokeApiToken(t.ctx, { ...rep.actor, scopes: ['tokens'] }, token.id);
      expect((await get(url, secret)).statusCode).toBe(401);

      const { session, secret: cookie } = await t.ctx.runner.transaction((tx) =>
        openSession(t.ctx, tx, rep.member),
      );
      const withCookie = () =>
        app.inject({ method: 'GET', url, headers: { cookie: `momentum_session=${cookie}` } });
      for (let i = 0; i < 3; i++) expect((await withCookie()).statusCode).toBe(200);
      await endSession(t.ctx, rep.actor, session.id);
      expect((await withCookie()).statusCode).toBe(401);
    });

    it("never answers one caller with another's kept read", async () => {
      const a: Rep = await newRep(t);
      const b: Rep = await newRep(t);
      await dealFor(t, a, { title: 'Only A' });
      await dealFor(t, b, { title: 'Only B' });
      const tokenA = await tokenFor(t.ctx, a.actor);
      const tokenB = await tokenFor(t.ctx, b.actor);
      const titles = async (token: string) =>
        ((await get('/api/v1/deals', token)).json() as { title: string }[]).map((d) => d.title);
      expect(await titles(tokenA)).toEqual(['Only A']);
      expect(await titles(tokenB)).toEqual(['Only B']);
      expect(await titles(tokenA)).toEqual(['Only A']);
      const meA = (await get('/api/v1/me', tokenA)).json();
      const meB = (await get('/api/v1/me', tokenB)).json();
      expect(meA).not.toEqual(meB);
    });

    // Local midnight, as an instant, in zones a whole, a half and three quarters of an hour off.
    for (const [timeZone, lastMinute] of [
      ['America/New_York', '2026-11-25T04:59:30Z'],
      ['Asia/Kolkata', '2026-11-24T18:29:30Z'],
      ['Asia/Kathmandu', '2026-11-24T18:14:30Z'],
    ] as const) {
      it(`turns the day at local midnight in ${timeZone} with nothing written`, async () => {
        const rep: Rep = await newRep(t);
        await updateMemberSettings(t.ctx, rep.owner, rep.member.id, { timeZone });
        const token = await tokenFor(t.ctx, rep.actor);
        const date = async () => (await get('/api/v1/march', token)).json().date as string;
        await at(t, lastMinute, async () => {
          expect(await date()).toBe('2026-11-24');
          expect(await date()).toBe('2026-11-24');
          t.clock.advance(30_000);
          expect(await date()).toBe('2026-11-25');
        });
      });
    }

    it('computes a read once for the requests that arrive while it is computed', async () => {
      const rep: Rep = await newRep(t);
      const deal = await dealFor(t, rep, { title: 'Together' });
      const token = await tokenFor(t.ctx, rep.actor);
      const url = `/api/v1/deals/${deal}`;
      expect((await get(url, token)).statusCode).toBe(200);
      // A write: the kept answer is stale, and the next ones are computed again.
      await dealFor(t, rep, { title: 'Another' });
      const reads = vi.spyOn(t.ctx.deals, 'findVisible');
      try {
        const answers = await Promise.all(Array.from({ length: 5 }, () => get(url, token)));
        expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
        expect(new Set(answers.map((a) => a.body)).size).toBe(1);
        expect(reads).toHaveBeenCalledTimes(1);
      } finally {
        reads.mockRestore();
      }
    });

    it('still counts every kept read against the rate limit', async () => {
      const limited = await startTestServer(t, { requestsPerMinute: 3 });
      try {
        const rep: Rep = await newRep(t);
        const token = await tokenFor(t.ctx, rep.actor);
        const codes: number[] = [];
        for (let i = 0; i < 5; i++)
          codes.push(
            (await limited.inject({ method: 'GET', url: '/api/v1/march', headers: bearer(token) }))
              .statusCode,
          );
        expect(codes).toEqual([200, 200, 200, 429, 429]);
      } finally {
        await limited.close();
      }
    });
  });
}
