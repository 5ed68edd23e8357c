import fs from 'node:fs';
import path from 'node:path';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addContact } from '../../src/core/accounts/flows/manage-accounts.ts';
import { rotateCalendarFeed } from '../../src/core/calendar-feeds/flows/feeds.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { setNextStep } from '../../src/core/next-steps/flows/set-next-step.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { buildServer } from '../../src/http/server.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { bearer, tokenFor } from '../support/http.ts';

const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/calendar', name), 'utf8');

interface Report {
  dryRun: boolean;
  results: {
    uid: string;
    occurrence: string;
    startsAt: string;
    title: string;
    action: string;
    reason: string | null;
    deal: { id: string; title: string } | null;
    bookedCallId: string | null;
  }[];
  counts: Record<string, number>;
  outsideWindow: number;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`calendar import on ${dialect.name}`, () => {
    let t: TestContext;
    let app: Awaited<ReturnType<typeof buildServer>>;
    let rep: Actor;
    let token: string;
    let feedUrl: string;
    const deals: Record<string, string> = {};

    const importIcs = async (ics: string, extra: Record<string, unknown> = {}) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/import',
        headers: bearer(token),
        payload: { ics, ...extra },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Report>();
    };
    const feed = async () => (await app.inject({ method: 'GET', url: feedUrl })).body;
    const bookedRows = () =>
      t.store.db.selectFrom('booked_calls').selectAll().orderBy('starts_at').execute();

    beforeAll(async () => {
      // Five days before the first Google occurrence; the window reaches past the US clock
      // change of 14 March 2027.
      t = await openTestContext(dialect.name, '2027-02-20T12:00:00Z');
      app = await buildServer(t.ctx, { publicUrl: 'https://crm.example.org' });
      const ws = await seedWorkspace(t.ctx);
      rep = (
        await seedMember(
          t.ctx,
          ws.workspace.id,
          'ann@acme.test',
          'rep',
          'America/Los_Angeles',
          'US',
        )
      ).actor;
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
      await addAccount(t.ctx, ws.actor, { name: 'Initech' });
      await addContact(t.ctx, ws.actor, {
        account: 'Globex',
        name: 'Sarah Chen',
        email: 'sarah@globex.example',
      });
      await addContact(t.ctx, ws.actor, {
        account: 'Initech',
        name: 'Peter Gibbons',
        email: 'peter@initech.example',
      });
      deals.globex = (await addDeal(t.ctx, rep, { account: 'Globex', title: 'Globex pilot' })).id;
      deals.tps = (await addDeal(t.ctx, rep, { account: 'Initech', title: 'TPS reports' })).id;
      deals.printers = (await addDeal(t.ctx, rep, { account: 'Initech', title: 'Printers' })).id;
      token = await tokenFor(t.ctx, rep);
      feedUrl = `/ical/${(await rotateCalendarFeed(t.ctx, rep)).secret}.ics`;
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('a dry run says what would be booked and writes nothing', async () => {
      const report = await importIcs(fixture('google.ics'), { dryRun: true });
      expect(report.dryRun).toBe(true);
      expect(report.counts.created).toBe(5);
      expect(await bookedRows()).toHaveLength(0);
    });

    it('books a Google weekly series: EXDATE left out, the RECURRENCE-ID override moved, times right across DST', async () => {
      const report = await importIcs(fixture('google.ics'));
      const created = report.results.filter((r) => r.action === 'created');
      expect(created.map((r) => r.startsAt)).toEqual([
        '2027-02-25T18:00:00.000Z', // 10:00 PST
        '2027-03-12T19:00:00.000Z', // the 11 March occurrence, moved to Friday 11:00 PST
        '2027-03-18T17:00:00.000Z', // 10:00 PDT, after the clock change
        '2027-03-25T17:00:00.000Z',
        '2027-04-01T17:00:00.000Z',
      ]);
      expect(created.every((r) => r.deal?.id === deals.globex)).toBe(true);
      expect(report.results.some((r) => r.startsAt.startsWith('2027-03-04'))).toBe(false);
      const moved = created.find((r) => r.startsAt.startsWith('2027-03-12'))!;
      expect(moved.occurrence).toBe('2027-03-11T18:00:00.000Z');
      expect(moved.title).toBe('Globex pilot sync (moved to Friday)');
      const stranger = report.results.find((r) => r.title === 'Coffee with a stranger')!;
      expect(stranger.action).toBe('skipped');
      expect(stranger.reason).toMatch(/no attendee is a contact/);
      expect(report.outsideWindow).toBe(1); // the meeting in January is past

      const body = await feed();
      const events = Object.values(ical.sync.parseICS(body)).filter(
        (e): e is ical.VEvent =>
          e?.type === 'VEVENT' && String((e as ical.VEvent).summary).startsWith('Call:'),
      );
      expect(events.map((e) => e.start.toISOString()).sort()).toEqual(
        created.map((r) => r.startsAt),
      );
      expect(body).toContain('DTSTART:20270318T170000Z');
    });

    it('importing the same file again creates nothing', async () => {
      const before = await bookedRows();
      const report = await importIcs(fixture('google.ics'));
      expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
      expect(await bookedRows()).toEqual(before);
    });

    it('reads Outlook’s Windows zone names and TAB-folded lines, and reports an ambiguous deal', async () => {
      const report = await importIcs(fixture('outlook.ics'));
      const review = report.results.find((r) => r.title === 'Globex security review')!;
      expect(review.action).toBe('created');
      // "Pacific Standard Time" on 16 March 2027 is PDT (UTC-7): 14:00 → 21:00 UTC.
      expect(review.startsAt).toBe('2027-03-16T21:00:00.000Z');
      const tps = report.results.find((r) => r.title === 'Initech TPS review')!;
      expect(tps.action).toBe('skipped');
      expect(tps.reason).toMatch(/several open deals/);
      // "W. Europe Standard Time" in March before the EU change is UTC+1: 09:00 → 08:00 UTC.
      expect(tps.startsAt).toBe('2027-03-02T08:00:00.000Z');
      // With a next step on one Initech deal, that one is the soonest activity and is chosen.
      await setNextStep(t.ctx, rep, deals.printers!, { at: '2027-02-24', text: 'Send quote' });
      const again = await importIcs(fixture('outlook.ics'));
      const chosen = again.results.find((r) => r.title === 'Initech TPS review')!;
      expect(chosen.action).toBe('created');
      expect(chosen.deal?.id).toBe(deals.printers);
    });

    it('matches Apple’s upper-case addresses, leaves all-day events out, and follows changes and cancellations', async () => {
      const report = await importIcs(fixture('apple.ics'));
      const talk = report.results.find((r) => r.title.startsWith('Globex – Vertragsgespräch'))!;
      expect(talk.action).toBe('created');
      expect(talk.startsAt).toBe('2027-03-03T14:00:00.000Z');
      expect(report.results.find((r) => r.title === 'Trade fair')).toBeUndefined();
      expect(report.results.find((r) => r.title.startsWith('Globex lunch'))!.action).toBe(
        'skipped',
      );

      const uid = `booked-call-${talk.bookedCallId}@crm.example.org`;
      const seqOf = (body: string) =>
        Number(/SEQUENCE:(\d+)/.exec(body.slice(body.indexOf(`UID:${uid}`)))![1]);
      const seq0 = seqOf(await feed());
      // Moved an hour later in the calendar: updated in place, SEQUENCE up.
      t.clock.set('2027-02-21T12:00:00Z');
      const moved = fixture('apple.ics')
        .replace('20270303T150000', '20270303T160000')
        .replace('20270303T160000\r\nTRANSP', '20270303T170000\r\nTRANSP');
      const update = await importIcs(moved);
      expect(update.results.find((r) => r.bookedCallId === talk.bookedCallId)!.action).toBe(
        'updated',
      );
      const after = await feed();
      expect(seqOf(after)).toBeGreaterThan(seq0);
      // Cancelled in the calendar: CANCELLED in the feed.
      const cancelled = moved.replace(
        'SEQUENCE:1\r\nORGANIZER',
        'STATUS:CANCELLED\r\nSEQUENCE:2\r\nORGANIZER',
      );
      const cancel = await importIcs(cancelled);
      expect(cancel.results.find((r) => r.bookedCallId === talk.bookedCallId)!.action).toBe(
        'cancelled',
      );
      const parsed = ical.sync.parseICS(await feed());
      expect((parsed[uid] as ical.VEvent).status).toBe('CANCELLED');
    });

    it('puts imported meetings on Today at their local time, and drops cancelled ones', async () => {
      const meetsAt = async (now: string) => {
        t.clock.set(now);
        const res = await app.inject({
          method: 'GET',
          url: '/api/v1/today',
          headers: bearer(token),
        });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json<{ items: { kind: string; dealId?: string; time?: string }[] }>();
        return body.items.filter((i) => i.kind === 'meet').map((i) => `${i.dealId} ${i.time}`);
      };
      // Outlook's "Globex security review", 14:00 Pacific on 16 March 2027 (after the clock change).
      expect(await meetsAt('2027-03-16T15:00:00Z')).toContain(`${deals.globex} 14:00`);
      // Apple's talk was moved to 07:00 Pacific on 3 March and then cancelled.
      expect(await meetsAt('2027-03-03T10:00:00Z')).not.toContain(`${deals.globex} 07:00`);
    });

    it('reads a floating time (no zone) in the importing member’s zone', async () => {
      const ics = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Hand written//EN',
        'BEGIN:VEVENT',
        'UID:floating-1@test',
        'SUMMARY:Globex floating chat',
        'DTSTART:20270303T100000',
        'DTEND:20270303T103000',
        'ATTENDEE:mailto:sarah@globex.example',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n');
      const report = await importIcs(ics, { dryRun: true });
      // 10:00 in Los Angeles (PST, UTC-8), not 10:00 on the server's clock.
      expect(report.results.map((r) => r.startsAt)).toEqual(['2027-03-03T18:00:00.000Z']);
    });

    it('refuses what is not a calendar', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/import',
        headers: bearer(token),
        payload: { ics: 'hello' },
      });
      expect(res.statusCode).toBe(400);
    });
  });
}
