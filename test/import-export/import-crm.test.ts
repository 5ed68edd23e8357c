import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMapping } from '../../src/core/import-export/mapping.ts';
import { getDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { getDealHealth } from '../../src/core/momentum/deal-momentum.ts';
import { dealsHealth } from '../../src/core/today/deal-list-health.ts';
import { DomainError } from '../../src/core/kernel/errors.ts';
import type { Actor } from '../../src/core/workspaces/types.ts';
import { kyselyOf } from '../../src/storage/executor.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import { FIXTURES, importFiles, sampleFiles, tempCsv } from './support.ts';

const TABLES = [
  'accounts',
  'contacts',
  'deals',
  'deal_outcomes',
  'touches',
  'commitments',
  'next_steps',
  'stages',
] as const;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`importing CRM exports on ${dialect.name}`, () => {
    let t: TestContext;
    let owner: Actor;
    let rep: Actor;
    const db = () => kyselyOf(t.ctx.runner.executor);
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        const r = await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        out[table] = Number(r.n);
      }
      return out;
    };
    const dealByRef = (ref: string) =>
      db()
        .selectFrom('deals')
        .innerJoin('stages', 'stages.id', 'deals.stage_id')
        .innerJoin('accounts', 'accounts.id', 'deals.account_id')
        .select([
          'deals.id',
          'deals.title',
          'deals.status',
          'deals.amount_minor',
          'deals.currency',
          'deals.expected_close',
          'deals.close_reason',
          'deals.closed_at',
          'deals.owner_id',
          'deals.last_touch_at',
          'deals.created_at',
          'stages.name as stage',
          'accounts.name as account',
        ])
        .where('deals.external_ref', '=', ref)
        .executeTakeFirst();

    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      ({ actor: owner } = await seedWorkspace(t.ctx));
      ({ actor: rep } = await seedMember(t.ctx, owner.workspaceId, 'sam@example.com', 'rep'));
    });
    afterAll(() => t.close());

    it('refuses reps: only owners and managers import', async () => {
      await expect(importFiles(t.ctx, rep, sampleFiles('hubspot'))).rejects.toMatchObject({
        code: 'forbidden',
      });
    });

    it('a dry run previews the mapping and the counts and writes nothing', async () => {
      const before = await counts();
      const { report, preview } = await importFiles(t.ctx, owner, sampleFiles('hubspot'), {
        dryRun: true,
      });
      expect(await counts()).toEqual(before);
      expect(report.dryRun).toBe(true);
      expect(report.counts.deal).toEqual({ created: 5, updated: 0, unchanged: 0, failed: 1 });
      expect(preview.stages.map((s) => [s.value, s.action])).toEqual([
        ['Appointment Scheduled', 'create'],
        ['Contract Sent', 'create'],
        ['Qualified To Buy', 'create'],
      ]);
      expect(preview.owners).toContainEqual({
        value: 'Nobody Known',
        email: 'owner@example.com',
        action: 'default',
      });
      expect(preview.currencies.map((c) => c.value)).toEqual(['EUR', 'USD']);
    });

    it('imports HubSpot companies, contacts, deals and tasks with their values', async () => {
      const mapping = parseMapping({
        stages: { 'Appointment Scheduled': 'Discovery', 'Qualified To Buy': 'Qualified' },
        owners: { 'Sam Rep': 'sam@example.com' },
      });
      const { report } = await importFiles(t.ctx, owner, sampleFiles('hubspot'), { mapping });
      expect(report.files.map((f) => [f.kind, f.rows, f.dateOrder])).toEqual([
        ['account', 4, 'mdy'],
        ['contact', 4, 'mdy'],
        ['deal', 6, 'mdy'],
        ['activity', 5, 'mdy'],
      ]);
      expect(report.counts.account).toEqual({ created: 4, updated: 0, unchanged: 0, failed: 0 });
      expect(report.counts.contact).toEqual({ created: 4, updated: 0, unchanged: 0, failed: 0 });
      expect(report.counts.deal).toEqual({ created: 5, updated: 0, unchanged: 0, failed: 1 });
      // The bad rows are named by file and line (the lost deal's reason spans two lines).
      expect(report.issues).toEqual([
        {
          file: 'hubspot-crm-exports-all-deals-2026-11-24.csv',
          line: 7,
          reason: 'Amount "lots" is not a number',
        },
        {
          file: 'hubspot-crm-exports-all-tasks-2026-11-24.csv',
          line: 6,
          reason: expect.stringContaining('no deal 123456 has been imported'),
        },
      ]);
      expect(report.stagesCreated).toEqual(['Contract Sent']);

      const northwind = await dealByRef('hubspot:9001');
      expect(northwind).toMatchObject({
        title: 'Northwind – warehouse rollout',
        stage: 'Discovery',
        status: 'open',
        amount_minor: 4_800_000,
        currency: 'USD',
        expected_close: '2026-12-15',
        owner_id: owner.memberId,
        account: 'Northwind Traders',
        created_at: '2026-09-01T10:00:00.000Z',
        // The completed call is a touch: the march and neglect start from the real history.
        last_touch_at: '2026-11-10T15:45:00.000Z',
      });
      expect(await dealByRef('hubspot:9002')).toMatchObject({
        amount_minor: 12_500_050,
        stage: 'Contract Sent',
        owner_id: rep.memberId,
      });
      expect(await dealByRef('hubspot:9003')).toMatchObject({
        status: 'lost',
        currency: 'EUR',
        close_reason: 'Chose a competitor\n(price was 20% lower)',
        closed_at: '2026-10-20T08:00:00.000Z',
        stage: 'Negotiation',
      });
      expect(await dealByRef('hubspot:9004')).toMatchObject({
        status: 'won',
        close_reason: 'Fast security review',
      });
      // A deal naming a company that was not exported gets an account by that name.
      expect(await dealByRef('hubspot:9006')).toMatchObject({ account: 'Hooli' });
      const outcomes = await db()
        .selectFrom('deal_outcomes')
        .select(['outcome', 'reason'])
        .execute();
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['lost', 'won']);

      const contacts = await db()
        .selectFrom('contacts')
        .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
        .select(['contacts.name', 'contacts.email', 'contacts.title', 'accounts.name as account'])
        .orderBy('contacts.external_ref')
        .execute();
      expect(contacts).toEqual([
        {
          name: 'Nancy Davolio',
          email: 'nancy.davolio@northwind.example',
          title: 'VP Purchasing',
          account: 'Northwind Traders',
        },
        {
          name: 'Hank Scorpio',
          email: 'hank@globex.example',
          title: 'CEO',
          account: 'Globex Corporation',
        },
        // "Associated Company IDs" lists several, joined with ";": the first is the account.
        {
          name: 'Peter Gibbons',
          email: 'peter.gibbons@initech.example',
          title: 'Engineer',
          account: 'Initech',
        },
        {
          name: 'no-name@umbrella.example',
          email: 'no-name@umbrella.example',
          title: null,
          account: 'Umbrella, Inc.',
        },
      ]);

      // Open tasks: a call becomes the next step, a to-do our promise; HTML notes become text.
      const promise = await db()
        .selectFrom('commitments')
        .selectAll()
        .where('external_ref', '=', 'hubspot:7002')
        .executeTakeFirstOrThrow();
      expect(promise).toMatchObject({
        side: 'ours',
        state: 'open',
        due_date: '2026-11-27',
        target_date: '2026-11-27',
        text: 'Send pricing sheet\n\n- three tiers\n- annual discount',
      });
      const step = await db()
        .selectFrom('next_steps')
        .selectAll()
        .where('external_ref', '=', 'hubspot:7003')
        .executeTakeFirstOrThrow();
      expect(step).toMatchObject({
        state: 'open',
        due_date: '2026-12-01',
        text: 'Contract walkthrough',
      });
      const touch = await db()
        .selectFrom('touches')
        .selectAll()
        .where('external_ref', '=', 'hubspot:7001')
        .executeTakeFirstOrThrow();
      expect(touch).toMatchObject({
        kind: 'call',
        at: '2026-11-10T15:45:00.000Z',
        text: 'Discovery call with Nancy\n\nTalked through volumes & timing.\nNext: send pricing.',
      });
    });

    it('re-running the same import creates nothing and reports every row unchanged', async () => {
      const before = await counts();
      const mapping = parseMapping({
        stages: { 'Appointment Scheduled': 'Discovery', 'Qualified To Buy': 'Qualified' },
        owners: { 'Sam Rep': 'sam@example.com' },
      });
      const { report } = await importFiles(t.ctx, owner, sampleFiles('hubspot'), { mapping });
      expect(await counts()).toEqual(before);
      expect(report.counts.deal).toEqual({ created: 0, updated: 0, unchanged: 5, failed: 1 });
      expect(report.counts.activity).toEqual({ created: 0, updated: 0, unchanged: 4, failed: 1 });
    });

    it('a re-run with changed rows updates them, and a task now done closes its promise', async () => {
      const deals = tempCsv(
        'deals.csv',
        [
          '"Record ID","Deal Name","Deal Stage","Amount","Close Date","Deal owner","Associated Company IDs"',
          '"9001","Northwind – warehouse rollout (phase 1)","Contract Sent","52000","2026-12-18","Olivia Owner","18273645001"',
        ].join('\n'),
      );
      const tasks = tempCsv(
        'tasks.csv',
        [
          '"Record ID","Task Title","Task Type","Task Status","Due Date","Completed at","Assigned to","Notes","Associated Deal IDs"',
          '"7002","Send pricing sheet","To-do","Completed","2026-11-27","2026-11-25 10:00","Olivia Owner","","9001"',
        ].join('\n'),
      );
      const before = await counts();
      const { report } = await importFiles(t.ctx, owner, [deals, tasks]);
      expect(report.counts.deal).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
      expect(report.counts.activity).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
      expect(await dealByRef('hubspot:9001')).toMatchObject({
        title: 'Northwind – warehouse rollout (phase 1)',
        amount_minor: 5_200_000,
        stage: 'Contract Sent',
        expected_close: '2026-12-18',
        last_touch_at: '2026-11-25T10:00:00.000Z',
      });
      const promise = await db()
        .selectFrom('commitments')
        .selectAll()
        .where('external_ref', '=', 'hubspot:7002')
        .executeTakeFirstOrThrow();
      expect(promise).toMatchObject({ state: 'done', classification: 'early' });
      expect((await counts()).deals).toBe(before.deals);
      expect((await counts()).touches).toBe(before.touches! + 1);
      // The changed deal's momentum for the day was recorded as the import committed, from the
      // data it wrote (issue 16, item 3): the score the deals list computes from the same columns.
      // (The deal page scores the day's end from the history, which leaves out this fixture's
      // completion dated tomorrow.)
      const id = (await dealByRef('hubspot:9001'))!.id;
      const date = (await getDealHealth(t.ctx, owner, id)).date;
      const listed = (await dealsHealth(t.ctx, owner, [await getDeal(t.ctx, owner, id)])).get(id)!;
      expect(await t.ctx.momentum.listSnapshots(t.ctx.runner.executor, id, date, date)).toEqual([
        { day: date, score: listed.momentum },
      ]);
    });

    it('imports Pipedrive in both header styles, with ";", day-first dates and decimal commas', async () => {
      const { report } = await importFiles(t.ctx, owner, sampleFiles('pipedrive'));
      expect(report.files.find((f) => f.file === 'deals.csv')).toMatchObject({
        kind: 'deal',
        dateOrder: 'dmy',
      });
      expect(report.counts.deal).toEqual({ created: 4, updated: 0, unchanged: 0, failed: 1 });
      expect(report.issues).toEqual([
        { file: 'people.csv', line: 4, reason: 'the row names no company or organization' },
        { file: 'deals.csv', line: 5, reason: 'the row has 6 fields where the header has 15' },
      ]);
      expect(await dealByRef('pipedrive:301')).toMatchObject({
        amount_minor: 2_450_000,
        currency: 'EUR',
        expected_close: '2026-12-18',
        account: 'Acme GmbH',
        last_touch_at: '2026-11-12T14:30:00.000Z',
      });
      expect(await dealByRef('pipedrive:302')).toMatchObject({
        status: 'lost',
        amount_minor: 800_000,
        close_reason: 'Budget eingefroren',
        closed_at: '2026-11-05T16:00:00.000Z',
      });
      expect(await dealByRef('pipedrive:303')).toMatchObject({ status: 'won', currency: 'CHF' });
      expect(await dealByRef('pipedrive:305')).toMatchObject({
        title: 'Neukunde Nord',
        account: 'Nordlicht KG',
        expected_close: '2027-01-31',
      });
      const touch = await db()
        .selectFrom('touches')
        .select('text')
        .where('external_ref', '=', 'pipedrive:401')
        .executeTakeFirstOrThrow();
      expect(touch.text).toBe('Kickoff-Call\n\nGutes Gespräch;\nBudget bestätigt');
    });

    it('imports Salesforce API-named columns in any case, won/lost from IsClosed/IsWon', async () => {
      const { report } = await importFiles(t.ctx, owner, sampleFiles('salesforce'), {
        from: 'salesforce',
      });
      expect(report.counts.contact.created).toBe(2);
      expect(report.issues).toEqual([
        { file: 'Opportunity.csv', line: 4, reason: 'CloseDate "2026-11-2x" is not a date' },
      ]);
      expect(await dealByRef('salesforce:0065g00000OpP02AAB')).toMatchObject({
        status: 'lost',
        close_reason: 'No budget this year',
        account: 'Wayne Enterprises',
      });
      expect(await dealByRef('salesforce:0065g00000OpP01AAB')).toMatchObject({
        stage: 'Prospecting',
        last_touch_at: '2026-11-18T16:05:00.000Z',
      });
    });

    it('refuses a file whose date order is ambiguous, until the mapping says which', async () => {
      const file = `${FIXTURES}/messy/ambiguous-dates.csv`;
      const before = await counts();
      const error = await importFiles(t.ctx, owner, [file]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as Error).message).toMatch(/ambiguous-dates\.csv is refused: .*"03\/04\/2026"/);
      expect(await counts()).toEqual(before);
      const { report } = await importFiles(t.ctx, owner, [file], {
        mapping: parseMapping({ dateOrders: { 'ambiguous-dates.csv': 'dmy' } }),
      });
      expect(report.counts.deal.created).toBe(2);
      expect(await dealByRef('hubspot:1')).toMatchObject({ expected_close: '2026-04-03' });
    });

    it('refuses files it cannot read or place, before writing anything', async () => {
      await expect(
        importFiles(t.ctx, owner, [`${FIXTURES}/messy/mixed-date-orders.csv`]),
      ).rejects.toThrow(/mix month-first \("11\/24\/2026"\) and day-first \("24\/11\/2026"\)/);
      await expect(
        importFiles(t.ctx, owner, [`${FIXTURES}/messy/unknown-columns.csv`]),
      ).rejects.toThrow(/Cannot tell which tool exported unknown-columns\.csv/);
      await expect(
        importFiles(t.ctx, owner, [`${FIXTURES}/messy/broken-quotes.csv`]),
      ).rejects.toThrow(/broken-quotes\.csv cannot be read as CSV/);
      await expect(
        importFiles(t.ctx, owner, sampleFiles('hubspot'), { from: 'salesforce' }),
      ).rejects.toThrow(/does not look like a salesforce export/);
    });
  });
}
