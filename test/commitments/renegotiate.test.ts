import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { listAudit } from '../../src/core/audit/list-audit.ts';
import {
  addCommitment,
  getCommitment,
  snoozeCommitment,
} from '../../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { getToday } from '../../src/core/today/get-today.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

/*
 * A late promise cannot be snoozed (a snooze never passes the due date); it is renegotiated: a
 * new due date agreed with the customer today, recorded with the old one, its early target
 * recomputed from the day it was agreed.
 *
 * The promise is made Tue 24 Nov 2026 in New York, due Fri 27 Nov; it is Wed 2 Dec when it is
 * looked at again, so it is 5 days late.
 */
const TUESDAY = '2026-11-24T15:00:00Z';
const NEXT_WEDNESDAY = '2026-12-02T15:00:00Z';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`renegotiating a promise on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let owner: Actor;
    let token: string;

    /** Each promise on a deal of its own, so that Today lists it as an item of its own. */
    const promise = async (text: string, due: string | null, lead?: number) => {
      t.clock.set(TUESDAY);
      const deal = await addDeal(t.ctx, owner, { account: 'Globex', title: `Deal: ${text}` });
      const c = await addCommitment(t.ctx, owner, {
        dealId: deal.id,
        side: 'ours',
        text,
        due,
        ...(lead !== undefined && { lead }),
      });
      t.clock.set(NEXT_WEDNESDAY);
      return c;
    };
    const renegotiate = (id: string, payload: object, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/commitments/${id}/renegotiate`,
        headers: { ...bearer(token), ...headers },
        payload,
      });

    beforeAll(async () => {
      t = await openTestContext(dialect.name, TUESDAY);
      app = await startTestServer(t);
      owner = (await seedWorkspace(t.ctx)).actor;
      token = await tokenFor(t.ctx, owner);
      await addAccount(t.ctx, owner, { name: 'Globex' });
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('refuses to snooze a late promise and says to renegotiate it instead', async () => {
      const late = await promise('send the security questionnaire', '2026-11-27');
      await expect(
        snoozeCommitment(t.ctx, owner, late.id, { to: '2026-12-03', reason: 'busy' }),
      ).rejects.toMatchObject({
        code: 'validation',
        message: expect.stringContaining(`momentum commit edit ${late.id} --due`),
      });
      const agenda = await getToday(t.ctx, owner);
      const item = agenda.items.find((i) => i.commitmentId === late.id)!;
      expect(item.reason).toMatch(/^promised Fri 27 Nov — 5 days late/);
      expect(item.actions).toEqual(['done', 'renegotiate', 'touch']);
    });

    it('records a new due date with the old one kept, and a target from the day it was agreed', async () => {
      const late = await promise('send the pricing sheet', '2026-11-27', 3);
      const res = await renegotiate(late.id, {
        due: '2026-12-04',
        reason: 'legal review moved to Friday',
      });
      expect(res.statusCode, res.body).toBe(200);
      // Three business days before Fri 4 Dec is Tue 1 Dec, already past: the target is the day
      // it was agreed (from the day it was first made it would be that past Tuesday).
      expect(res.json()).toMatchObject({
        due: '2026-12-04',
        target: '2026-12-02',
        version: 2,
        renegotiations: [
          {
            previousDue: '2026-11-27',
            previousDueTime: null,
            due: '2026-12-04',
            reason: 'legal review moved to Friday',
            by: owner.memberId,
          },
        ],
      });
      // Read back, the history is there; and the promise is on Today as due, not late.
      const read = await getCommitment(t.ctx, owner, late.id);
      expect(read.renegotiations.map((r) => [r.previousDue, r.due])).toEqual([
        ['2026-11-27', '2026-12-04'],
      ]);
      const item = (await getToday(t.ctx, owner)).items.find((i) => i.commitmentId === late.id)!;
      expect(item.reason).toMatch(/^promised Fri 4 Dec — target Wed 2 Dec/);
      const audit = await listAudit(t.ctx, owner, { entityId: late.id });
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['commitment.edit', 'commitment.renegotiate']),
      );
    });

    it('keeps every renegotiation, oldest first, and lists them with the deal’s promises', async () => {
      const late = await promise('send the reference list', '2026-11-27');
      await renegotiate(late.id, { due: '2026-12-03' });
      t.clock.set('2026-12-04T15:00:00Z');
      const again = await renegotiate(late.id, { due: '2026-12-08', dueTime: '10:00' });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({
        due: '2026-12-08',
        dueTime: '10:00',
        target: '2026-12-07',
      });
      const list = await app.inject({
        method: 'GET',
        url: `/api/v1/commitments?deal=${late.dealId}`,
        headers: bearer(token),
      });
      const listed = list.json().find((c: { id: string }) => c.id === late.id);
      expect(
        listed.renegotiations.map((r: { previousDue: string; due: string }) => [
          r.previousDue,
          r.due,
        ]),
      ).toEqual([
        ['2026-11-27', '2026-12-03'],
        ['2026-12-03', '2026-12-08'],
      ]);
    });

    it('refuses a new date in the past, a stale version, and writes nothing', async () => {
      const late = await promise('send the case study', '2026-11-27');
      const past = await renegotiate(late.id, { due: '2026-12-01' });
      expect(past.statusCode).toBe(400);
      expect(past.json()).toMatchObject({
        code: 'validation',
        detail: expect.stringContaining('today (2026-12-02) or later'),
      });
      const stale = await renegotiate(late.id, { due: '2026-12-09' }, { 'if-match': '"7"' });
      expect(stale.statusCode).toBe(412);
      const read = await getCommitment(t.ctx, owner, late.id);
      expect(read).toMatchObject({ due: '2026-11-27', version: 1, renegotiations: [] });
    });

    it('records a due changed through PATCH as a renegotiation too', async () => {
      const late = await promise('send the SOC 2 report', '2026-11-27');
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/v1/commitments/${late.id}`,
        headers: { ...bearer(token), 'if-match': '"1"' },
        payload: { due: '2026-12-07', reason: 'auditor letter arrives Monday' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().renegotiations).toMatchObject([
        { previousDue: '2026-11-27', due: '2026-12-07', reason: 'auditor letter arrives Monday' },
      ]);
      // Rewording alone is no renegotiation.
      const reworded = await app.inject({
        method: 'PATCH',
        url: `/api/v1/commitments/${late.id}`,
        headers: { ...bearer(token), 'if-match': '"2"' },
        payload: { text: 'send the SOC 2 type II report' },
      });
      expect(reworded.json().renegotiations).toHaveLength(1);
    });

    it('gives a promise with no date its first one without calling it a renegotiation', async () => {
      const undated = await promise('send the roadmap', null);
      const before = (await getToday(t.ctx, owner)).items.find(
        (i) => i.commitmentId === undated.id,
      )!;
      expect(before.actions).toContain('date');
      const res = await renegotiate(undated.id, { due: '2026-12-04' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        due: '2026-12-04',
        target: '2026-12-03',
        renegotiations: [],
      });
    });
  });
}
