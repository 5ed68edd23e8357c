/*
 * Dates at and beyond the documented range (issue 11, item 7): every date input takes
 * 1900-01-01 to 2199-12-31 and answers a 400 problem outside it, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { parseIsoDate } from '../../src/core/time/dates.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';
import { bearer, startTestServer, tokenFor, type TestServer } from '../support/http.ts';

const OUTSIDE = ['9999-12-31', '0001-01-01', '0000-01-01', '1899-12-31', '2200-01-01'];
const INSIDE = ['1900-01-01', '2199-12-31'];

describe('the documented date range', () => {
  it.each(OUTSIDE)('refuses %s', (date) => {
    expect(() => parseIsoDate(date, 'Due')).toThrow(/1900-01-01 to 2199-12-31/);
  });
  it.each(INSIDE)('accepts %s', (date) => {
    expect(parseIsoDate(date).toString()).toBe(date);
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`boundary dates over HTTP on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let token: string;
    let dealId: string;
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t);
      const ws = await seedWorkspace(t.ctx, 'Dates Co', 'owner@dates.example');
      token = await tokenFor(t.ctx, ws.actor);
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
      dealId = (await addDeal(t.ctx, ws.actor, { account: 'Globex', title: 'Pilot' })).id;
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const reads = (date: string) => [
      `/api/v1/today?date=${date}`,
      `/api/v1/march?date=${date}`,
      `/api/v1/deals/${dealId}/momentum?date=${date}`,
      `/api/v1/insights?from=${date}`,
      `/api/v1/insights?to=${date}`,
    ];

    it.each(OUTSIDE)('answers 400 problem+json to reads dated %s', async (date) => {
      for (const url of reads(date)) {
        const res = await app.inject({ method: 'GET', url, headers: bearer(token) });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    });

    it.each(INSIDE)('answers reads dated %s', async (date) => {
      for (const url of reads(date)) {
        const res = await app.inject({ method: 'GET', url, headers: bearer(token) });
        expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      }
    });

    it.each(OUTSIDE)('answers 400 to writes dated %s', async (date) => {
      const writes = [
        {
          url: '/api/v1/commitments',
          payload: { dealId, side: 'ours', text: 'Send it', due: date },
        },
        {
          url: '/api/v1/commitments',
          payload: { dealId, side: 'ours', text: 'Send it', madeOn: date },
        },
        { url: '/api/v1/deals', payload: { account: 'Globex', title: 'Far', expectedClose: date } },
      ];
      for (const write of writes) {
        const res = await app.inject({ method: 'POST', headers: bearer(token), ...write });
        expect(res.statusCode, `${write.url} ${res.body}`).toBe(400);
      }
    });
  });
}
