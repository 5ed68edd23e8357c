/*
 * The read door (src/http/caching/read-door.ts, decision 030) answers a GET the read cache can
 * answer before Fastify runs. These suites go over real HTTP (app.inject never reaches the
 * door): every answer it gives must equal the full path's, byte for byte and header for header,
 * and it must step aside whenever the full path would answer differently — a revoked
 * credential, a foreign Host, a caller at its rate limit or held back by the bearer throttle,
 * a conditional request, a HEAD, a new minute, a server behind trusted proxies.
 *
 * Which path answered is read from the request log: the door logs under reqId "read-…".
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../src/app/context.ts';
import { createApiToken, revokeApiToken } from '../../src/core/auth/flows/api-tokens.ts';
import { endSession, openSession } from '../../src/core/auth/flows/sessions.ts';
import { logTouch } from '../../src/core/touches/flows/log-touch.ts';
import type { ServerOptions } from '../../src/http/server.ts';
import { openStore, type Store } from '../../src/storage/connection/open.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { askUntil } from '../support/eventually.ts';
import { startTestServer, tokenFor } from '../support/http.ts';
import { dealFor, newRep } from '../today/scenario.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Whether the read door answered (its log line), rather than Fastify. */
  door: boolean;
}

interface LogLine {
  reqId?: string;
  msg?: string;
  req?: { method: string; url: string; host: string; remoteAddress: string; remotePort: number };
  res?: { statusCode: number };
}

/** A server listening on a port, with its request log kept. */
async function listening(t: TestContext, options: ServerOptions = {}) {
  const lines: LogLine[] = [];
  const app = await startTestServer(t, {
    logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const ask = (
    path: string,
    headers: Record<string, string> = {},
    method = 'GET',
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const before = lines.filter((l) => l.reqId?.startsWith('read-')).length;
      const req = http.request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks),
            door: lines.filter((l) => l.reqId?.startsWith('read-')).length > before,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  return { app, ask, lines };
}

/** Headers that differ between any two answers: the time, and the caller's remaining budget. */
const MOVING = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
const stable = (headers: http.IncomingHttpHeaders) =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !MOVING.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the read door on ${dialect.name}`, () => {
    let t: TestContext;
    let server: Awaited<ReturnType<typeof listening>>;
    let other: Store;
    let elsewhere: AppContext;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
      server = await listening(t);
      other = await openStore(t.database.config);
      elsewhere = contextFor(other, t.clock);
    });
    afterAll(async () => {
      await server?.app.close();
      await other?.close();
      await t?.close();
    });

    /** Asks until the door answers (PostgreSQL's change feed hears of the set-up's writes a
     * moment later), and returns the first answer, which the full path gave. */
    async function warmed(path: string, headers: Record<string, string>) {
      const first = await server.ask(path, headers);
      expect(first.status, first.body.toString()).toBe(200);
      const asks = await askUntil(async () => (await server.ask(path, headers)).door);
      expect(asks, `the door never answered ${path}`).not.toBeNull();
      return first;
    }

    it('answers every cached read with the bytes and headers of the full path, for a token and a session', async () => {
      const rep = await newRep(t);
      const dealId = await dealFor(t, rep, { title: 'Door deal', touchedAt: '2026-11-24T09:00' });
      const token = await tokenFor(t.ctx, rep.actor);
      const ownerToken = await tokenFor(t.ctx, rep.owner);
      const { secret } = await t.ctx.runner.transaction((tx) => openSession(t.ctx, tx, rep.member));
      const paths: [string, Record<string, string>][] = [
        '/api/v1/me',
        `/api/v1/deals/${dealId}`,
        `/api/v1/deals/${dealId}/momentum`,
        '/api/v1/march',
        '/api/v1/insights?from=2026-11-01&to=2026-11-24',
        '/api/v1/deals',
        '/api/v1/commitments',
      ].flatMap((path) => [
        [path, { authorization: `Bearer ${token}` }],
        [path, { cookie: `momentum_session=${secret}` }],
      ]);
      paths.push(['/api/v1/audit', { authorization: `Bearer ${ownerToken}` }]);
      for (const [path, headers] of paths) {
        const full = await warmed(path, headers);
        const door = await server.ask(path, headers);
        expect(door.door, path).toBe(true);
        expect(door.status).toBe(200);
        expect(door.body.equals(full.body), path).toBe(true);
        expect(stable(door.headers), path).toEqual(stable(full.headers));
        expect(Number(door.headers['x-ratelimit-remaining'])).toBeLessThan(
          Number(full.headers['x-ratelimit-remaining']),
        );
      }
    });

    it('logs the request as Fastify does', async () => {
      const rep = await newRep(t);
      const token = await tokenFor(t.ctx, rep.actor);
      await warmed('/api/v1/me', { authorization: `Bearer ${token}` });
      const mine = server.lines.filter((l) => l.reqId?.startsWith('read-'));
      const incoming = mine.at(-2)!;
      const completed = mine.at(-1)!;
      expect(incoming.msg).toBe('incoming request');
      expect(incoming.req).toMatchObject({
        method: 'GET',
        url: '/api/v1/me',
        remoteAddress: '127.0.0.1',
      });
      expect(incoming.req!.host).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(typeof incoming.req!.remotePort).toBe('number');
      expect(completed).toMatchObject({ msg: 'request completed', res: { statusCode: 200 } });
      expect(completed.reqId).toBe(incoming.reqId);
    });

    it('never answers for a token revoked here or by another instance', async () => {
      const rep = await newRep(t);
      const here = await createApiToken(t.ctx, rep.actor, { name: 'here' });
      const there = await createApiToken(t.ctx, rep.actor, { name: 'there' });
      await warmed('/api/v1/me', { authorization: `Bearer ${here.secret}` });
      await warmed('/api/v1/me', { authorization: `Bearer ${there.secret}` });

      await revokeApiToken(t.ctx, rep.actor, here.token.id);
      const refused = await server.ask('/api/v1/me', { authorization: `Bearer ${here.secret}` });
      expect(refused).toMatchObject({ status: 401, door: false });

      await revokeApiToken(elsewhere, rep.actor, there.token.id);
      const asks = await askUntil(
        async () =>
          (await server.ask('/api/v1/me', { authorization: `Bearer ${there.secret}` })).status ===
          401,
      );
      // SQLite sees another connection's commit on the next request; PostgreSQL by NOTIFY.
      if (dialect.name === 'sqlite') expect(asks).toBe(1);
      expect(asks).not.toBeNull();
    });

    it('never answers for a session ended by another instance', async () => {
      const rep = await newRep(t);
      const { session, secret } = await t.ctx.runner.transaction((tx) =>
        openSession(t.ctx, tx, rep.member),
      );
      const cookie = { cookie: `momentum_session=${secret}` };
      await warmed('/api/v1/me', cookie);
      await endSession(elsewhere, rep.actor, session.id);
      const asks = await askUntil(
        async () => (await server.ask('/api/v1/me', cookie)).status === 401,
      );
      if (dialect.name === 'sqlite') expect(asks).toBe(1);
      expect(asks).not.toBeNull();
    });

    it('gives a changed answer once anything is written', async () => {
      const rep = await newRep(t);
      const dealId = await dealFor(t, rep, { title: 'Moving deal' });
      const token = { authorization: `Bearer ${await tokenFor(t.ctx, rep.actor)}` };
      const path = `/api/v1/deals/${dealId}/momentum`;
      const before = await warmed(path, token);
      await logTouch(elsewhere, rep.actor, { dealId, kind: 'call', at: '2026-11-24T10:00' });
      const asks = await askUntil(
        async () => !(await server.ask(path, token)).body.equals(before.body),
      );
      expect(asks).not.toBeNull();
    });

    it('steps aside for a foreign Host, a HEAD, a conditional request and another credential', async () => {
      const rep = await newRep(t);
      const token = { authorization: `Bearer ${await tokenFor(t.ctx, rep.actor)}` };
      await warmed('/api/v1/me', token);

      const foreign = await server.ask('/api/v1/me', { ...token, host: 'evil.example' });
      expect(foreign).toMatchObject({ status: 400, door: false });
      expect(foreign.body.toString()).toContain('evil.example');
      const bracketed = await server.ask('/api/v1/me', { ...token, host: '[::1]:80' });
      expect(bracketed.status).toBe(200);

      expect(await server.ask('/api/v1/me', token, 'HEAD')).toMatchObject({ door: false });
      const conditional = await server.ask('/api/v1/me', { ...token, 'if-none-match': '"x"' });
      expect(conditional).toMatchObject({ status: 200, door: false });

      // A second token of the same member has no answers kept for it yet.
      const second = { authorization: `Bearer ${await tokenFor(t.ctx, rep.actor, 'second')}` };
      await askUntil(async () => (await server.ask('/api/v1/me', token)).door);
      expect(await server.ask('/api/v1/me', second)).toMatchObject({ status: 200, door: false });
      // Nor does a token that does not exist, even for a URL with a kept answer.
      const unknown = await server.ask('/api/v1/me', { authorization: 'Bearer mtm_nonsense' });
      expect(unknown).toMatchObject({ status: 401, door: false });
    });

    it('steps aside when the minute turns', async () => {
      const rep = await newRep(t);
      const token = { authorization: `Bearer ${await tokenFor(t.ctx, rep.actor)}` };
      await warmed('/api/v1/march', token);
      const saved = t.clock.now().toString();
      try {
        t.clock.advance(60_000);
        expect(await server.ask('/api/v1/march', token)).toMatchObject({
          status: 200,
          door: false,
        });
      } finally {
        t.clock.set(saved);
      }
    });

    it('leaves a caller at its rate limit to the full path, which answers 429', async () => {
      const limited = await listening(t, { requestsPerMinute: 5 });
      try {
        const rep = await newRep(t);
        const token = { authorization: `Bearer ${await tokenFor(t.ctx, rep.actor)}` };
        const answers: Answer[] = [];
        for (let i = 0; i < 7; i++) answers.push(await limited.ask('/api/v1/me', token));
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
        expect(answers.slice(5).every((a) => !a.door && a.headers['retry-after'])).toBe(true);
      } finally {
        await limited.app.close();
      }
    });

    it('leaves an address held back by the bearer throttle to the full path, which answers 429', async () => {
      const throttled = await listening(t, { bearerFailureLimit: { max: 3, windowMs: 60_000 } });
      try {
        const rep = await newRep(t);
        const token = { authorization: `Bearer ${await tokenFor(t.ctx, rep.actor)}` };
        await askUntil(async () => (await throttled.ask('/api/v1/me', token)).door);
        for (let i = 0; i < 3; i++)
          await throttled.ask('/api/v1/me', { authorization: `Bearer mtm_guess${i}` });
        expect(await throttled.ask('/api/v1/me', token)).toMatchObject({
          status: 429,
          door: false,
        });
      } finally {
        await throttled.app.close();
      }
    });

    it('stays shut behind trusted proxies', async () => {
      const proxied = await listening(t, { trustProxy: 1 });
      try {
        const rep = await newRep(t);
        const token = { authorization: `Bearer ${await tokenFor(t.ctx, rep.actor)}` };
        for (let i = 0; i < 5; i++)
          expect(await proxied.ask('/api/v1/me', token)).toMatchObject({
            status: 200,
            door: false,
          });
      } finally {
        await proxied.app.close();
      }
    });
  });
}
