/*
 * The server remembers API tokens, sessions and Today's agendas between requests (see
 * docs/decisions/004-change-feed-caches.md). These suites check that nothing it remembers
 * outlives a write: made through this server, or by another instance on the same database (a
 * second server, the CLI), and that "last used" is still written once a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../src/app/context.ts';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../src/core/auth/flows/api-tokens.ts';
import { endSession, openSession } from '../../src/core/auth/flows/sessions.ts';
import { logTouch } from '../../src/core/touches/flows/log-touch.ts';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { askUntil } from '../support/eventually.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';
import { dealFor, newRep } from '../today/scenario.ts';

type Rep = Awaited<ReturnType<typeof newRep>>;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`what the server remembers on ${dialect.name}`, () => {
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

    /** How many asks it took for `ok` to hold. SQLite sees another connection's commit at
     * once; PostgreSQL hears of it by NOTIFY, a few milliseconds later. */
    async function eventually(ok: () => Promise<boolean>): Promise<number> {
      const asks = await askUntil(ok);
      if (asks === null) throw new Error('still not seen after 5 s');
      return asks;
    }

    it('refuses a token at once after this server revokes its member', async () => {
      const rep: Rep = await newRep(t);
      const token = await tokenFor(t.ctx, rep.actor);
      for (let i = 0; i < 3; i++) expect((await get('/api/v1/me', token)).statusCode).toBe(200);
      const ownerToken = await tokenFor(t.ctx, rep.owner);
      const removed = await app.inject({
        method: 'DELETE',
        url: `/api/v1/members/${rep.member.id}`,
        headers: bearer(ownerToken),
      });
      expect(removed.statusCode).toBe(204);
      expect((await get('/api/v1/me', token)).statusCode).toBe(401);
    });

    it('refuses a token revoked by another instance', async () => {
      const rep: Rep = await newRep(t);
      const { token, secret } = await createApiToken(t.ctx, rep.actor, { name: 'script' });
      for (let i = 0; i < 3; i++) expect((await get('/api/v1/me', secret)).statusCode).toBe(200);
      await revokeApiToken(elsewhere, rep.actor, token.id);
      const asks = await eventually(
        async () => (await get('/api/v1/me', secret)).statusCode === 401,
      );
      if (dialect.name === 'sqlite') expect(asks).toBe(1);
      // Once refused, always refused.
      expect((await get('/api/v1/me', secret)).statusCode).toBe(401);
    });

    it('still writes "last used" about once a minute', async () => {
      const rep: Rep = await newRep(t);
      const { secret } = await createApiToken(t.ctx, rep.actor, { name: 'script' });
      const lastUsed = async () => (await listApiTokens(t.ctx, rep.actor))[0]!.lastUsedAt;
      const start = t.clock.now().toString();
      try {
        expect((await get('/api/v1/me', secret)).statusCode).toBe(200);
        const first = await lastUsed();
        expect(first).toBe('2026-11-24T15:00:00.000Z');
        t.clock.advance(30_000);
        expect((await get('/api/v1/me', secret)).statusCode).toBe(200);
        expect(await lastUsed()).toBe(first);
        t.clock.advance(31_000);
        expect((await get('/api/v1/me', secret)).statusCode).toBe(200);
        expect(await lastUsed()).toBe('2026-11-24T15:01:01.000Z');
      } finally {
        t.clock.set(start);
      }
    });

    const withCookie = (url: string, secret: string) =>
      app.inject({ method: 'GET', url, headers: { cookie: `momentum_session=${secret}` } });
    const newSession = (rep: Rep) =>
      t.ctx.runner.transaction((tx) => openSession(t.ctx, tx, rep.member));

    it('forgets a session ended by another instance', async () => {
      const rep: Rep = await newRep(t);
      const { session, secret } = await newSession(rep);
      for (let i = 0; i < 3; i++)
        expect((await withCookie('/api/v1/me', secret)).statusCode).toBe(200);
      await endSession(elsewhere, rep.actor, session.id);
      const asks = await eventually(
        async () => (await withCookie('/api/v1/me', secret)).statusCode === 401,
      );
      if (dialect.name === 'sqlite') expect(asks).toBe(1);
      expect((await withCookie('/api/v1/me', secret)).statusCode).toBe(401);
    });

    it('still writes a session\'s "last seen" about once a minute', async () => {
      const rep: Rep = await newRep(t);
      const { secret } = await newSession(rep);
      const hash = t.ctx.secrets.hashToken(secret);
      const lastSeen = async () =>
        (await t.ctx.sessions.findLiveByHash(
          t.ctx.runner.executor,
          hash,
          t.clock.now().toString(),
        ))!.lastSeenAt;
      const start = t.clock.now().toString();
      try {
        const opened = await lastSeen();
        t.clock.advance(30_000);
        expect((await withCookie('/api/v1/me', secret)).statusCode).toBe(200);
        expect(await lastSeen()).toBe(opened);
        t.clock.advance(31_000);
        expect((await withCookie('/api/v1/me', secret)).statusCode).toBe(200);
        expect(await lastSeen()).not.toBe(opened);
      } finally {
        t.clock.set(start);
      }
    });

    it('shows on Today a touch logged by another instance', async () => {
      const rep: Rep = await newRep(t);
      const deal = await dealFor(t, rep, { title: 'Elsewhere' });
      const token = await tokenFor(t.ctx, rep.actor);
      const done = async () => (await get('/api/v1/today', token)).json().march.done as number;
      const before = await done();
      expect(await done()).toBe(before);
      await logTouch(elsewhere, rep.actor, { dealId: deal, kind: 'call', text: 'From the CLI' });
      const asks = await eventually(async () => (await done()) === before + 1);
      if (dialect.name === 'sqlite') expect(asks).toBe(1);
    });
  });
}
