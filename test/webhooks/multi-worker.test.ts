import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphileSchemaFor } from '../../src/app/jobs/graphile-jobs.ts';
import { DIGEST_TICK_JOB } from '../../src/app/jobs/definitions.ts';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { closeDeal } from '../../src/core/deals/flows/close-deal.ts';
import { addWebhook, listDeliveries } from '../../src/core/webhooks/flows/manage-webhooks.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { openTestContext, type TestContext } from '../support/dialects.ts';
import { bundledScript } from '../support/bundled-script.ts';
import { askUntil } from '../support/eventually.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { startSmtpPeer } from '../support/mail.ts';
import { membersDueForDigest } from '../../src/app/digest/send-digest.ts';
import { updateDigestSettings } from '../../src/core/notifications/flows/digest-preferences.ts';
import { dropJobSchema } from './support.ts';

/*
 * Two `momentum worker` processes on one PostgreSQL database, on a frozen clock at the digest
 * time (see test/support/jobs/worker-process.ts): every event gets exactly one delivery id and
 * retries reuse it; the real digest goes through a real SMTP peer once per member and day; kill -9 of the worker in the middle of a
 * delivery loses no job and sends no attempt twice: the surviving worker frees the dead one's
 * jobs by itself (src/app/jobs/graphile-liveness.ts).
 */
const WORKER = path.resolve(import.meta.dirname, '../support/jobs/worker-process.ts');
// Tuesday 24 November 2026, 08:30 in New York and 14:30 in Berlin: past everyone's 08:00 digest.
const NOW = '2026-11-24T13:30:00Z';

interface Request {
  id: string;
  path: string;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('two workers on one PostgreSQL database', () => {
  let t: TestContext;
  let owner: Actor;
  let server: http.Server;
  let url = '';
  const requests: Request[] = [];
  /** first: fail each id's first request; ok: answer 200; hang: never answer. */
  let mode: 'first-fails' | 'ok' | 'hang' = 'first-fails';
  const workers: { child: ChildProcess; pid: number; ids: string[] }[] = [];

  let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
  const startWorker = async () => {
    const config = t.database.config as { url: string; schema: string };
    const child = spawn(process.execPath, [await bundledScript(WORKER)], {
      env: {
        ...process.env,
        WORKER_DB_URL: config.url,
        WORKER_DB_SCHEMA: config.schema,
        FROZEN_NOW: NOW,
        RECEIVER_URL: url,
        SMTP_URL: peer.url,
        MOMENTUM_FROM: 'Momentum <momentum@example.com>',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const entry = { child, pid: child.pid!, ids: [] as string[] };
    workers.push(entry);
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.startsWith('ready')) resolve();
          const m = /^workers (.*)$/.exec(line);
          if (m) entry.ids = JSON.parse(m[1]!) as string[];
        }
      });
    });
  };

  beforeAll(async () => {
    t = await openTestContext('postgres', NOW);
    t.ctx.allowPrivateTargets = true;
    owner = (await seedWorkspace(t.ctx)).actor;
    await addAccount(t.ctx, owner, { name: 'Globex' });
    peer = await startSmtpPeer();
    for (const [email, zone, region] of [
      ['ny@example.com', 'America/New_York', 'US'],
      ['berlin@example.com', 'Europe/Berlin', 'DE'],
      ['tokyo@example.com', 'Asia/Tokyo', 'JP'],
    ] as const)
      await seedMember(t.ctx, owner.workspaceId, email, 'rep', zone, region);
    const quiet = await seedMember(t.ctx, owner.workspaceId, 'quiet@example.com', 'rep');
    await updateDigestSettings(t.ctx, quiet.actor, { enabled: false });
    const seen = new Map<string, number>();
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        void body;
        const id = String(req.headers['webhook-id']);
        requests.push({ id, path: req.url! });
        const n = (seen.get(id) ?? 0) + 1;
        seen.set(id, n);
        if (mode === 'hang') return; // never answered: the worker dies first
        res.writeHead(mode === 'first-fails' && n === 1 ? 500 : 200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await peer?.close();
    if (t) {
      await dropJobSchema(t);
      await t.close();
    }
  });

  it('delivers every event under one id (retries reuse it), sends each digest once, and survives kill -9', async () => {
    const { webhook } = await addWebhook(t.ctx, owner, {
      url: `${url}/hook`,
      events: 'deal.closed',
      allowPrivate: true,
    });
    const deals = [];
    for (let i = 0; i < 12; i++)
      deals.push(await addDeal(t.ctx, owner, { account: 'Globex', title: `Deal ${i}` }));
    for (const deal of deals) await closeDeal(t.ctx, owner, deal.id, { result: 'won' });

    // Everyone but the member who turned it off, in New York, Berlin and Tokyo (23:30 there, on
    // Tuesday).
    const due = await membersDueForDigest(t.ctx, Temporal.Instant.from(NOW));
    const dueEmails = (
      await t.ctx.members.listByWorkspace(t.ctx.runner.executor, owner.workspaceId)
    )
      .filter((m) => due.some((d) => d.memberId === m.id))
      .map((m) => m.email)
      .sort();
    expect(dueEmails).toEqual([
      'berlin@example.com',
      'ny@example.com',
      'owner@example.com',
      'tokyo@example.com',
    ]);
    await startWorker();
    await startWorker();
    // Ticks from several places at once: one digest per member all the same.
    for (let i = 0; i < 4; i++) await t.ctx.jobs.enqueue(DIGEST_TICK_JOB, {});

    const hooks = () => requests.filter((r) => r.path === '/hook');
    expect(await askUntil(() => hooks().length >= 24, 30_000)).not.toBeNull();
    await peer.waitFor(dueEmails.length, 30_000);
    await new Promise((r) => setTimeout(r, 1_000));

    const byId = new Map<string, number>();
    for (const r of hooks()) byId.set(r.id, (byId.get(r.id) ?? 0) + 1);
    expect(byId.size).toBe(12);
    expect([...byId.values()]).toEqual(Array<number>(12).fill(2));
    const log = await listDeliveries(t.ctx, owner, webhook.id);
    expect(log).toHaveLength(12);
    expect(new Set(log.map((d) => d.id))).toEqual(new Set(byId.keys()));
    expect(log.every((d) => d.status === 'succeeded' && d.attempts === 2)).toBe(true);
    // One digest each, sent by whichever worker claimed it, and one digest_sends row each.
    expect(peer.received.flatMap((m) => m.to).sort()).toEqual(dueEmails);
    expect(peer.received.every((m) => m.parsed.subject?.startsWith('Momentum 2026-11-24'))).toBe(
      true,
    );
    const sends = await t.store.db.selectFrom('digest_sends').select(['status']).execute();
    expect(sends.map((r) => r.status)).toEqual(Array<string>(dueEmails.length).fill('sent'));

    // kill -9 in the middle of a delivery.
    mode = 'hang';
    const last = await addDeal(t.ctx, owner, { account: 'Globex', title: 'Killed mid-send' });
    await closeDeal(t.ctx, owner, last.id, { result: 'lost' });
    const before = hooks().length;
    expect(await askUntil(() => hooks().length === before + 1, 15_000)).not.toBeNull();
    const hungId = hooks().at(-1)!.id;
    const schema = graphileSchemaFor((t.database.config as { schema: string }).schema);
    const locked = await sql<{ locked_by: string }>`select locked_by from ${sql.id(
      schema,
      '_private_jobs',
    )} where locked_by is not null and key = ${`delivery:${hungId}`}`.execute(t.store.db);
    expect(locked.rows).toHaveLength(1);
    const holder = locked.rows[0]!.locked_by;
    // A live worker's long job is left alone, however long it has been locked.
    await new Promise((r) => setTimeout(r, 3_000));
    const still = await sql<{ locked_by: string }>`select locked_by from ${sql.id(
      schema,
      '_private_jobs',
    )} where locked_by is not null and key = ${`delivery:${hungId}`}`.execute(t.store.db);
    expect(still.rows).toEqual([{ locked_by: holder }]);
    expect(hooks().filter((r) => r.id === hungId)).toHaveLength(1);
    const victim = workers.find((w) => w.ids.includes(holder));
    expect(victim, `the worker holding ${holder}`).toBeDefined();
    mode = 'ok';
    victim!.child.kill('SIGKILL');
    await new Promise((r) => victim!.child.once('exit', r));
    // Nobody unlocks anything by hand: the survivor sees that the holder's liveness lock is
    // gone and frees its jobs (graphile-worker alone would wait four hours).
    expect(
      await askUntil(async () => {
        const d = (await listDeliveries(t.ctx, owner, webhook.id)).find((x) => x.id === hungId);
        return d?.status === 'succeeded';
      }, 60_000),
    ).not.toBeNull();
    const forHung = hooks().filter((r) => r.id === hungId);
    expect(forHung).toHaveLength(2);
    const attempts = await t.store.db
      .selectFrom('webhook_attempts')
      .select(['attempt', 'response_code'])
      .where('delivery_id', '=', hungId)
      .orderBy('attempt')
      .execute();
    // Attempt 1 was claimed and sent by the killed worker (no answer recorded); attempt 2 by
    // the survivor: each attempt sent once, under the same webhook-id.
    expect(attempts).toEqual([
      { attempt: 1, response_code: null },
      { attempt: 2, response_code: 200 },
    ]);
    expect(byId.has(hungId)).toBe(false);
  }, 120_000);
});
