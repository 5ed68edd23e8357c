import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { rotateCalendarFeed } from '../../src/core/calendar-feeds/flows/feeds.ts';
import {
  addCommitment,
  completeCommitment,
  dropCommitment,
  editCommitment,
} from '../../src/core/commitments/flows/manage-commitments.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { setNextStep } from '../../src/core/next-steps/flows/set-next-step.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { FEED_REQUESTS_PER_MINUTE } from '../../src/http/routes/calendar.ts';
import { buildServer } from '../../src/http/server.ts';
import { bearer, tokenFor } from '../support/http.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

/** The raw VEVENT block of a UID in a feed (unfolded). */
function block(body: string, uid: string): string {
  const unfolded = body.replace(/\r\n[ \t]/g, '');
  const start = unfolded.indexOf(`UID:${uid}\r\n`);
  expect(start, `${uid} is in the feed`).toBeGreaterThan(-1);
  const from = unfolded.lastIndexOf('BEGIN:VEVENT', start);
  return unfolded.slice(from, unfolded.indexOf('END:VEVENT', start));
}

const line = (vevent: string, name: string) =>
  vevent.split('\r\n').find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

const ymd = (iso: string) => iso.replaceAll('-', '');

/** node-ical gives an all-day start as the local midnight of its date. */
const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`calendar feed on ${dialect.name}`, () => {
    let t: TestContext;
    let app: Awaited<ReturnType<typeof buildServer>>;
    const reps: Record<string, { actor: Actor; dealId: string; url: string }> = {};
    let outsiderUrl: string;
    const HOST = 'momentum.example.com';

    const fetchFeed = (url: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers });

    beforeAll(async () => {
      // A Wednesday before the US leaves summer time (Sunday 2026-11-01).
      t = await openTestContext(dialect.name, '2026-10-28T20:00:00Z');
      app = await buildServer(t.ctx, { publicUrl: `https://${HOST}` });
      const ws = await seedWorkspace(t.ctx);
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
      for (const [key, zone, region] of [
        ['tokyo', 'Asia/Tokyo', 'JP'],
        ['la', 'America/Los_Angeles', 'US'],
        ['kiritimati', 'Pacific/Kiritimati', 'US'],
        ['pago', 'Pacific/Pago_Pago', 'US'],
      ] as const) {
        const { actor } = await seedMember(
          t.ctx,
          ws.workspace.id,
          `${key}@example.com`,
          'rep',
          zone,
          region,
        );
        const dealId = (await addDeal(t.ctx, actor, { account: 'Globex', title: `Pilot ${key}` }))
          .id;
        const { secret } = await rotateCalendarFeed(t.ctx, actor);
        reps[key] = { actor, dealId, url: `/ical/${secret}.ics` };
      }
      const other = await seedWorkspace(t.ctx, 'Other Co', 'boss@other.example');
      await addAccount(t.ctx, other.actor, { name: 'Initech' });
      const otherDeal = (
        await addDeal(t.ctx, other.actor, { account: 'Initech', title: 'Secret deal' })
      ).id;
      await addCommitment(t.ctx, other.actor, {
        dealId: otherDeal,
        side: 'ours',
        text: 'hidden promise',
        due: '2026-11-05',
      });
      outsiderUrl = `/ical/${(await rotateCalendarFeed(t.ctx, other.actor)).secret}.ics`;
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('puts each all-day promise on its early target in the member’s zone, across a DST change', async () => {
      const made: { key: string; id: string; target: string; due: string }[] = [];
      for (const key of Object.keys(reps)) {
        const { actor, dealId } = reps[key]!;
        // Due the Wednesday after the US clock change; the target is a business day earlier
        // (in Tokyo 3 November is Culture Day, a holiday, so the target is the 2nd there).
        const c = await addCommitment(t.ctx, actor, {
          dealId,
          side: 'ours',
          text: `send the pricing sheet (${key})`,
          due: '2026-11-04',
        });
        made.push({ key, id: c.id, target: c.target!, due: c.due! });
      }
      expect(made.find((m) => m.key === 'tokyo')!.target).toBe('2026-11-02');
      expect(made.find((m) => m.key === 'la')!.target).toBe('2026-11-03');
      for (const { key, id, target } of made) {
        const res = await fetchFeed(reps[key]!.url);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
        const vevent = block(res.body, `commitment-${id}@${HOST}`);
        expect(line(vevent, 'DTSTART')).toBe(`DTSTART;VALUE=DATE:${ymd(target)}`);
        const next = new Date(`${target}T00:00:00Z`);
        next.setUTCDate(next.getUTCDate() + 1);
        expect(line(vevent, 'DTEND')).toBe(
          `DTEND;VALUE=DATE:${ymd(next.toISOString().slice(0, 10))}`,
        );
        expect(line(vevent, 'SUMMARY')).toContain('send the pricing sheet');
        expect(line(vevent, 'SUMMARY')).toContain(`Pilot ${key}`);
        expect(vevent).toContain('due 2026-11-04');
        expect(vevent).toContain(`https://${HOST}/deals/${reps[key]!.dealId}`);
        // An independent parser reads the same date.
        const parsed = ical.sync.parseICS(res.body);
        const event = parsed[`commitment-${id}@${HOST}`] as ical.VEvent;
        expect(event.type).toBe('VEVENT');
        expect(event.datetype).toBe('date');
        expect(localDate(event.start)).toBe(target);
        expect(localDate(event.end!)).toBe(next.toISOString().slice(0, 10));
      }
    });

    it('has the headers and calendar properties subscribing calendars need', async () => {
      const res = await fetchFeed(reps.la!.url);
      expect(res.body).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
      expect(res.body).toContain('X-PUBLISHED-TTL:PT1H\r\n');
      expect(res.body).toContain('METHOD:PUBLISH\r\n');
      expect(res.body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
      expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(new Date(String(res.headers['last-modified'])).getTime()).not.toBeNaN();
      const again = await fetchFeed(reps.la!.url, { 'if-none-match': String(res.headers.etag) });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const since = await fetchFeed(reps.la!.url, {
        'if-modified-since': String(res.headers['last-modified']),
      });
      expect(since.statusCode).toBe(304);
      const stale = await fetchFeed(reps.la!.url, { 'if-none-match': '"something-else"' });
      expect(stale.statusCode).toBe(200);
      expect(stale.body).toBe(res.body);
    });

    it('folds long lines at 75 octets without splitting a UTF-8 character', async () => {
      const { actor, dealId, url } = reps.tokyo!;
      const text = '見積書を送る🎉📅 価格表と導入計画😀 '.repeat(8);
      const c = await addCommitment(t.ctx, actor, {
        dealId,
        side: 'ours',
        text,
        due: '2026-11-10',
      });
      const res = await fetchFeed(url);
      const raw = res.rawPayload;
      // Every physical line is at most 75 octets, and each one is valid UTF-8 on its own.
      let start = 0;
      for (let i = 0; i < raw.length - 1; i++) {
        if (raw[i] === 0x0d && raw[i + 1] === 0x0a) {
          const physical = raw.subarray(start, i);
          expect(physical.length).toBeLessThanOrEqual(75);
          expect(() => new TextDecoder('utf-8', { fatal: true }).decode(physical)).not.toThrow();
          start = i + 2;
        }
      }
      const parsed = ical.sync.parseICS(res.body);
      const event = parsed[`commitment-${c.id}@${HOST}`] as ical.VEvent;
      expect(String(event.summary)).toContain(text.trim());
    });

    it('raises SEQUENCE and LAST-MODIFIED after an edit, and shows done and dropped as CANCELLED', async () => {
      const { actor, dealId, url } = reps.la!;
      const c = await addCommitment(t.ctx, actor, {
        dealId,
        side: 'ours',
        text: 'send the security questionnaire',
        due: '2026-11-12',
      });
      const uid = `commitment-${c.id}@${HOST}`;
      const before = block((await fetchFeed(url)).body, uid);
      const seqBefore = Number(line(before, 'SEQUENCE')!.split(':')[1]);
      t.clock.set('2026-10-29T18:00:00Z');
      await editCommitment(t.ctx, actor, c.id, {
        text: 'send the signed questionnaire',
        expectedVersion: c.version,
      });
      const after = block((await fetchFeed(url)).body, uid);
      expect(Number(line(after, 'SEQUENCE')!.split(':')[1])).toBeGreaterThan(seqBefore);
      expect(line(after, 'LAST-MODIFIED')! > line(before, 'LAST-MODIFIED')!).toBe(true);
      expect(line(after, 'SUMMARY')).toContain('signed questionnaire');
      expect(line(after, 'STATUS')).toBe('STATUS:CONFIRMED');

      const d = await addCommitment(t.ctx, actor, {
        dealId,
        side: 'ours',
        text: 'book the demo room',
        due: '2026-11-13',
      });
      t.clock.set('2026-10-30T18:00:00Z');
      await completeCommitment(t.ctx, actor, c.id);
      await dropCommitment(t.ctx, actor, d.id, { reason: 'the customer cancelled the demo' });
      const feed = (await fetchFeed(url)).body;
      for (const id of [c.id, d.id]) {
        const vevent = block(feed, `commitment-${id}@${HOST}`);
        expect(line(vevent, 'STATUS')).toBe('STATUS:CANCELLED');
        expect(Number(line(vevent, 'SEQUENCE')!.split(':')[1])).toBeGreaterThan(0);
      }
      const parsed = ical.sync.parseICS(feed);
      expect((parsed[`commitment-${d.id}@${HOST}`] as ical.VEvent).status).toBe('CANCELLED');
      // After 30 days the cancelled items leave the feed.
      t.clock.set('2026-12-05T18:00:00Z');
      const later = (await fetchFeed(url)).body;
      expect(later).not.toContain(`commitment-${c.id}@`);
      expect(later).not.toContain(`commitment-${d.id}@`);
      t.clock.set('2026-10-30T18:00:00Z');
    });

    it('puts their promises on the day to chase and a next step at its time in UTC', async () => {
      const { actor, dealId, url } = reps.la!;
      const theirs = await addCommitment(t.ctx, actor, {
        dealId,
        side: 'theirs',
        text: 'send the signed order form',
        due: '2026-11-05',
      });
      // 10:00 in Los Angeles after the clock change is 18:00 UTC (it was 17:00 the week before).
      await setNextStep(t.ctx, actor, dealId, { at: '2026-11-02T10:00', text: 'Pricing call' });
      // A call booked ahead (as CRM imports bring them; Today lists these): 9:00 in Los
      // Angeles on 3 November is 17:00 UTC.
      const call = { id: 'cl_booked_ahead' };
      await t.store.db
        .insertInto('calls')
        .values({
          id: call.id,
          workspace_id: actor.workspaceId,
          deal_id: dealId,
          logged_by: actor.memberId,
          started_at: '2026-11-03T17:00:00Z',
          time_zone: 'America/Los_Angeles',
          outcome: null,
          reason: null,
          lesson: null,
          created_at: '2026-10-28T20:00:00Z',
        })
        .execute();
      const body = (await fetchFeed(url)).body;
      const booked = block(body, `call-${call.id}@${HOST}`);
      expect(line(booked, 'DTSTART')).toBe('DTSTART:20261103T170000Z');
      expect(line(booked, 'DTEND')).toBe('DTEND:20261103T173000Z');
      const chase = block(body, `commitment-${theirs.id}@${HOST}`);
      expect(line(chase, 'DTSTART')).toBe('DTSTART;VALUE=DATE:20261106');
      expect(line(chase, 'SUMMARY')).toContain('Chase: send the signed order form');
      const parsed = Object.values(ical.sync.parseICS(body)).filter(
        (e): e is ical.VEvent =>
          e?.type === 'VEVENT' && String((e as ical.VEvent).summary).includes('Pricing call'),
      );
      expect(parsed).toHaveLength(1);
      expect(parsed[0]!.start.toISOString()).toBe('2026-11-02T18:00:00.000Z');
      expect(body).toContain('DTSTART:20261102T180000Z');
    });

    it('answers 404 to a wrong, rotated or revoked secret, and to another workspace nothing leaks', async () => {
      const wrong = await fetchFeed(`/ical/cal_${'A'.repeat(43)}.ics`);
      expect(wrong.statusCode).toBe(404);
      expect((await fetchFeed('/ical/not-a-feed.ics')).statusCode).toBe(404);
      const { actor } = reps.kiritimati!;
      const old = reps.kiritimati!.url;
      expect((await fetchFeed(old)).statusCode).toBe(200);
      const { secret } = await rotateCalendarFeed(t.ctx, actor);
      expect((await fetchFeed(old)).statusCode).toBe(404);
      const fresh = `/ical/${secret}.ics`;
      expect((await fetchFeed(fresh)).statusCode).toBe(200);
      const outsider = await fetchFeed(outsiderUrl);
      expect(outsider.body).toContain('hidden promise');
      for (const key of Object.keys(reps)) {
        const url = key === 'kiritimati' ? fresh : reps[key]!.url;
        const body = (await fetchFeed(url)).body;
        expect(body).not.toContain('hidden promise');
        expect(body).not.toContain('Secret deal');
      }
      expect(outsider.body).not.toContain('Pilot');
    });

    it('lets the member make, rotate and revoke the URL through the API', async () => {
      const { actor } = reps.pago!;
      const token = await tokenFor(t.ctx, actor);
      const status = await app.inject({
        method: 'GET',
        url: '/api/v1/calendar/feed',
        headers: bearer(token),
      });
      expect(status.json()).toMatchObject({ active: true });
      expect(status.body).not.toContain('cal_');
      const made = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/feed',
        headers: bearer(token),
      });
      expect(made.statusCode).toBe(201);
      const { url, replaced } = made.json<{ url: string; replaced: boolean }>();
      expect(replaced).toBe(true);
      expect(url).toMatch(new RegExp(`^https://${HOST}/ical/cal_[\\w-]+\\.ics$`));
      const path = new URL(url).pathname;
      expect((await fetchFeed(reps.pago!.url)).statusCode).toBe(404);
      expect((await fetchFeed(path)).statusCode).toBe(200);
      const revoked = await app.inject({
        method: 'DELETE',
        url: '/api/v1/calendar/feed',
        headers: bearer(token),
      });
      expect(revoked.statusCode).toBe(204);
      expect((await fetchFeed(path)).statusCode).toBe(404);
      const again = await app.inject({
        method: 'DELETE',
        url: '/api/v1/calendar/feed',
        headers: bearer(token),
      });
      expect(again.statusCode).toBe(404);
      // A read-only token may not make a feed URL (it would outlive the token's own scope).
      const { createApiToken } = await import('../../src/core/auth/flows/api-tokens.ts');
      const readOnly = (await createApiToken(t.ctx, actor, { name: 'ro', scopes: ['read'] }))
        .secret;
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/feed',
        headers: bearer(readOnly),
      });
      expect(refused.statusCode).toBe(403);
    });

    it('writes the same all-day dates whatever the server’s own time zone', async () => {
      const before = process.env.TZ;
      const bodies: string[] = [];
      try {
        for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Pacific/Pago_Pago']) {
          process.env.TZ = zone;
          bodies.push((await fetchFeed(reps.tokyo!.url)).body);
        }
      } finally {
        if (before === undefined) delete process.env.TZ;
        else process.env.TZ = before;
      }
      expect(bodies[0]).toContain('DTSTART;VALUE=DATE:20261102');
      expect(bodies[1]).toBe(bodies[0]);
      expect(bodies[2]).toBe(bodies[0]);
    });

    it('rate-limits feed requests per client address', async () => {
      const limited = await buildServer(t.ctx);
      try {
        const statuses: number[] = [];
        for (let i = 0; i <= FEED_REQUESTS_PER_MINUTE; i++) {
          const res = await limited.inject({
            method: 'GET',
            url: `/ical/cal_${'B'.repeat(43)}.ics`,
          });
          statuses.push(res.statusCode);
        }
        expect(statuses.slice(0, FEED_REQUESTS_PER_MINUTE).every((s) => s === 404)).toBe(true);
        expect(statuses.at(-1)).toBe(429);
      } finally {
        await limited.close();
      }
    });
  });
}
