import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../../src/app/jobs/start-jobs.ts';
import { scanForPeriodicEvents } from '../../src/app/jobs/definitions.ts';
import { sendWebhook, resolveTarget } from '../../src/app/webhooks/http-delivery.ts';
import type { JobRunner } from '../../src/core/jobs/ports.ts';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addCommitment } from '../../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { closeDeal } from '../../src/core/deals/flows/close-deal.ts';
import { updateDeal } from '../../src/core/deals/flows/update-deal.ts';
import { logCall } from '../../src/core/calls/flows/log-call.ts';
import {
  addWebhook,
  listDeliveries,
  listWebhooks,
  removeWebhook,
  replayDelivery,
} from '../../src/core/webhooks/flows/manage-webhooks.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { askUntil } from '../support/eventually.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { dropJobSchema, startReceiver } from './support.ts';

const FAST_RETRIES = [20, 20, 20, 20, 20, 20, 20];

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`webhooks on ${dialect.name}`, () => {
    let t: TestContext;
    let owner: Actor;
    let rep: Actor;
    let otherOwner: Actor;
    let runner: JobRunner | null = null;

    const run = async (overrides: Parameters<typeof startJobs>[1] = {}) => {
      runner = await startJobs(t.ctx, {
        pollMs: 20,
        overrides: { retryDelaysMs: FAST_RETRIES },
        ...overrides,
      });
    };
    const deliveriesOf = (webhookId: string) => listDeliveries(t.ctx, owner, webhookId);

    beforeAll(async () => {
      // The clock is frozen, at the real time so that signatures verify within their tolerance.
      t = await openTestContext(dialect.name, new Date().toISOString());
      t.ctx.allowPrivateTargets = true;
      const ws = await seedWorkspace(t.ctx);
      owner = ws.actor;
      rep = (await seedMember(t.ctx, ws.workspace.id, 'rep@example.com', 'rep')).actor;
      otherOwner = (await seedWorkspace(t.ctx, 'Other Co', 'boss@other.example')).actor;
      await addAccount(t.ctx, owner, { name: 'Globex' });
    });
    afterEach(async () => {
      await runner?.stop();
      runner = null;
    });
    afterAll(async () => {
      if (!t) return;
      await dropJobSchema(t);
      await t.close();
    });

    it('lets owners and managers manage webhooks in their own workspace only', async () => {
      const { webhook, secret } = await addWebhook(t.ctx, owner, {
        url: 'https://hooks.example.com/momentum',
        events: 'deal.closed,call.logged',
      });
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
      expect(webhook.events).toEqual(['call.logged', 'deal.closed']);
      await expect(
        addWebhook(t.ctx, rep, { url: 'https://hooks.example.com/x', events: 'deal.closed' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        addWebhook(t.ctx, owner, { url: 'https://hooks.example.com/x', events: 'deal.won' }),
      ).rejects.toMatchObject({ code: 'validation' });
      expect((await listWebhooks(t.ctx, owner)).map((w) => w.id)).toContain(webhook.id);
      expect(await listWebhooks(t.ctx, otherOwner)).toEqual([]);
      await expect(listDeliveries(t.ctx, otherOwner, webhook.id)).rejects.toMatchObject({
        code: 'not-found',
      });
      await expect(removeWebhook(t.ctx, otherOwner, webhook.id)).rejects.toMatchObject({
        code: 'not-found',
      });
      await removeWebhook(t.ctx, owner, webhook.id);
      expect((await listWebhooks(t.ctx, owner)).map((w) => w.id)).not.toContain(webhook.id);
    });

    it('refuses loopback, private and link-local targets unless the server allows them', async () => {
      for (const url of [
        'http://127.0.0.1/hook',
        'http://10.1.2.3/hook',
        'http://[::1]/hook',
        'http://localhost:8080/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::ffff:127.0.0.1]/hook',
        'http://100.64.0.1/hook',
      ]) {
        await expect(
          addWebhook(t.ctx, owner, { url, events: 'deal.closed' }),
          url,
        ).rejects.toMatchObject({ code: 'validation' });
      }
      t.ctx.allowPrivateTargets = false;
      try {
        await expect(
          addWebhook(t.ctx, owner, {
            url: 'http://127.0.0.1/hook',
            events: 'deal.closed',
            allowPrivate: true,
          }),
        ).rejects.toMatchObject({ code: 'forbidden' });
      } finally {
        t.ctx.allowPrivateTargets = true;
      }
    });

    it('checks the resolved address of every delivery and connects to the address it checked', async () => {
      const receiver = await startReceiver([204]);
      try {
        // A name resolving to loopback (as `localhost` really does) is refused after resolution.
        await expect(resolveTarget('localhost', false)).rejects.toThrow(/loopback/);
        const toLoopback = async () => [{ address: '127.0.0.1', family: 4 }];
        const message = { id: 'msg_1', timestamp: 1, body: '{}', signature: 'v1,x' };
        const refused = await sendWebhook(
          { url: `http://hooks.example.com:${receiver.port}/hook`, allowPrivate: false },
          message,
          undefined,
          toLoopback,
        );
        expect(refused).toMatchObject({ status: null, refused: true });
        for (const url of [
          'http://127.0.0.1/',
          'http://10.0.0.7/',
          'http://[::1]/',
          'http://169.254.169.254/',
          'http://[fd00::1]/',
        ]) {
          const r = await sendWebhook({ url, allowPrivate: false }, message);
          expect(r.refused, url).toBe(true);
        }
        expect(receiver.received).toHaveLength(0);
        // Rebinding: public at one look, loopback at the next; every delivery looks again.
        let answers = 0;
        const rebinding = async () => [
          { address: answers++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 },
        ];
        await resolveTarget('rebind.example', false, rebinding);
        await expect(resolveTarget('rebind.example', false, rebinding)).rejects.toThrow(/loopback/);
        // Allowed: the connection goes to the resolved (pinned) address, not a fresh lookup of
        // a name that real DNS does not know.
        const pinned = await sendWebhook(
          { url: `http://hooks.invalid:${receiver.port}/hook`, allowPrivate: true },
          message,
          undefined,
          toLoopback,
        );
        expect(pinned.status).toBe(204);
        expect(receiver.received).toHaveLength(1);
      } finally {
        await receiver.close();
      }
    });

    it('retries a failing receiver with the same id and a valid signature until it succeeds', async () => {
      const receiver = await startReceiver([500, 503, 200]);
      try {
        const { webhook, secret } = await addWebhook(t.ctx, owner, {
          url: receiver.url,
          events: 'deal.closed',
          allowPrivate: true,
        });
        const deal = await addDeal(t.ctx, owner, { account: 'Globex', title: 'Retry me' });
        await closeDeal(t.ctx, owner, deal.id, { result: 'won' });
        await run();
        expect(await askUntil(async () => receiver.received.length >= 3, 15_000)).not.toBeNull();
        expect(
          await askUntil(async () => (await deliveriesOf(webhook.id))[0]?.status === 'succeeded'),
        ).not.toBeNull();
        await new Promise((r) => setTimeout(r, 200));
        expect(receiver.received).toHaveLength(3);
        const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
        expect(ids.size).toBe(1);
        const verifier = new StandardWebhook(secret);
        for (const r of receiver.received) {
          const payload = verifier.verify(r.body, {
            'webhook-id': String(r.headers['webhook-id']),
            'webhook-timestamp': String(r.headers['webhook-timestamp']),
            'webhook-signature': String(r.headers['webhook-signature']),
          }) as { type: string; data: { dealId: string; result: string } };
          expect(payload).toMatchObject({
            type: 'deal.closed',
            data: { dealId: deal.id, result: 'won' },
          });
        }
        // A tampered body does not verify.
        expect(() =>
          verifier.verify(receiver.received[0]!.body.replace('won', 'lost'), {
            'webhook-id': String(receiver.received[0]!.headers['webhook-id']),
            'webhook-timestamp': String(receiver.received[0]!.headers['webhook-timestamp']),
            'webhook-signature': String(receiver.received[0]!.headers['webhook-signature']),
          }),
        ).toThrow();
        const [delivery] = await deliveriesOf(webhook.id);
        expect(delivery).toMatchObject({
          id: receiver.received[0]!.headers['webhook-id'],
          status: 'succeeded',
          attempts: 3,
          responseCode: 200,
        });
        const attempts = await t.store.db
          .selectFrom('webhook_attempts')
          .select(['attempt', 'response_code'])
          .where('delivery_id', '=', delivery!.id)
          .orderBy('attempt')
          .execute();
        expect(attempts).toEqual([
          { attempt: 1, response_code: 500 },
          { attempt: 2, response_code: 503 },
          { attempt: 3, response_code: 200 },
        ]);

        // Replay: the same id again, one more attempt.
        await replayDelivery(t.ctx, owner, delivery!.id);
        expect(await askUntil(async () => receiver.received.length === 4, 10_000)).not.toBeNull();
        expect(receiver.received[3]!.headers['webhook-id']).toBe(delivery!.id);
        await expect(replayDelivery(t.ctx, otherOwner, delivery!.id)).rejects.toMatchObject({
          code: 'not-found',
        });
        await removeWebhook(t.ctx, owner, webhook.id);
      } finally {
        await receiver.close();
      }
    });

    it('turns a webhook off when the receiver answers 410 Gone, and after repeated failure', async () => {
      const gone = await startReceiver([410]);
      const broken = await startReceiver([500]);
      try {
        const a = await addWebhook(t.ctx, owner, {
          url: gone.url,
          events: 'deal.stage_changed',
          allowPrivate: true,
        });
        const b = await addWebhook(t.ctx, owner, {
          url: broken.url,
          events: 'deal.stage_changed',
          allowPrivate: true,
        });
        let deal = await addDeal(t.ctx, owner, { account: 'Globex', title: 'Mover' });
        for (const stage of ['Qualified', 'Demo', 'Proposal', 'Negotiation', 'Discovery']) {
          deal = await updateDeal(t.ctx, owner, deal.id, { stage }, deal.version);
        }
        await run({ overrides: { retryDelaysMs: [10] } });
        const webhookOf = async (id: string) =>
          (await listWebhooks(t.ctx, owner)).find((w) => w.id === id)!;
        expect(
          await askUntil(async () => (await webhookOf(b.webhook.id)).disabledAt !== null, 15_000),
        ).not.toBeNull();
        const off = await webhookOf(a.webhook.id);
        expect(off.disabledReason).toMatch(/410/);
        // Deliveries already in flight when the 410 came finish; no later one starts.
        expect(gone.received.length).toBeGreaterThanOrEqual(1);
        expect(gone.received.length).toBeLessThan(5);
        const sentToGone = gone.received.length;
        await new Promise((r) => setTimeout(r, 300));
        expect(gone.received).toHaveLength(sentToGone);
        expect((await webhookOf(b.webhook.id)).disabledReason).toMatch(/5 deliveries/);
        // Two attempts each (the first and one retry) for the five failed deliveries.
        expect(broken.received).toHaveLength(10);
        await removeWebhook(t.ctx, owner, a.webhook.id);
        await removeWebhook(t.ctx, owner, b.webhook.id);
      } finally {
        await gone.close();
        await broken.close();
      }
    });

    it('announces each call, stage change and close once, and due, overdue and neglected once per day', async () => {
      const receiver = await startReceiver([200]);
      try {
        const { webhook } = await addWebhook(t.ctx, owner, {
          url: receiver.url,
          events: 'call.logged,commitment.due,commitment.overdue,deal.neglected',
          allowPrivate: true,
        });
        const deal = await addDeal(t.ctx, owner, { account: 'Globex', title: 'Busy deal' });
        const today = t.ctx.clock.now().toZonedDateTimeISO('America/New_York').toPlainDate();
        await logCall(t.ctx, owner, {
          dealId: deal.id,
          at: `${today.toString()}T00:05`,
          attendees: [],
          notes: 'Quick check-in.',
        });
        await addCommitment(t.ctx, owner, {
          dealId: deal.id,
          side: 'ours',
          text: 'send the deck',
          due: today.toString(),
        });
        await addCommitment(t.ctx, owner, {
          dealId: deal.id,
          side: 'theirs',
          text: 'sign the NDA',
          madeOn: today.subtract({ days: 5 }).toString(),
          due: today.subtract({ days: 3 }).toString(),
        });
        // Scanned twice: the second adds nothing.
        const first = await scanForPeriodicEvents({ ...t.ctx, allowPrivateTargets: true });
        const again = await scanForPeriodicEvents({ ...t.ctx, allowPrivateTargets: true });
        expect(first).toBeGreaterThanOrEqual(2);
        expect(again).toBe(first);
        await run();
        expect(await askUntil(async () => receiver.received.length >= 3, 10_000)).not.toBeNull();
        await new Promise((r) => setTimeout(r, 300));
        const types = receiver.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
        expect(types.filter((x) => x === 'call.logged')).toHaveLength(1);
        expect(types.filter((x) => x === 'commitment.due')).toHaveLength(1);
        expect(types.filter((x) => x === 'commitment.overdue')).toHaveLength(1);
        const ids = receiver.received.map((r) => r.headers['webhook-id']);
        expect(new Set(ids).size).toBe(ids.length);
        expect((await deliveriesOf(webhook.id)).length).toBe(ids.length);
        await removeWebhook(t.ctx, owner, webhook.id);
      } finally {
        await receiver.close();
      }
    });
  });
}
