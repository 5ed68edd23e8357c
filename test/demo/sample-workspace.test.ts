import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleWorkspace } from '../../src/app/demo/load-sample-workspace.ts';
import { getInsights } from '../../src/core/insights/get-insights.ts';
import { getMarch } from '../../src/core/march/march-report.ts';
import { comparePlanRevisions, listPlanRevisions } from '../../src/core/plans/flows/revise-plan.ts';
import { getToday } from '../../src/core/today/get-today.ts';
import type { Actor, Member } from '../../src/core/workspaces/types.ts';
import { runCli } from '../support/cli.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { sessionFrom, startTestServer, type TestServer } from '../support/http.ts';

/*
 * The sample workspace behind "Explore with sample data" and `momentum demo`: what it must
 * contain for every page to have something true to show, dated around a frozen today
 * (Wednesday 18 November 2026, 10:00 in New York), and the rules that keep it safe: it only
 * ever creates a new workspace, on a server that has none.
 */
const NOW = '2026-11-18T15:00:00Z';
const TODAY = '2026-11-18';
const OWNER = {
  workspace: 'Northwind Sales',
  name: 'Alex Morgan',
  email: 'alex@northwind.test',
  password: 'correct horse battery',
  timeZone: 'America/New_York',
  region: 'US',
};

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the sample workspace on ${dialect.name}`, () => {
    let t: TestContext;
    let owner: Member;
    let actor: Actor;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, NOW);
      owner = (await createSampleWorkspace(t.ctx, OWNER, { open: false })).member;
      actor = { memberId: owner.id, workspaceId: owner.workspaceId, role: owner.role };
    });
    afterAll(async () => t?.close());

    const ex = () => t.ctx.runner.executor;

    it('has a team of four, each with a march', async () => {
      const members = await t.ctx.members.listByWorkspace(ex(), owner.workspaceId);
      expect(members.map((m) => m.role).sort()).toEqual(['manager', 'owner', 'rep', 'rep']);
      for (const m of members) {
        const march = await getMarch(t.ctx, actor, { memberId: m.id });
        expect(march.days).toHaveLength(20);
        // A steady march: most business days at or above the floor, none empty.
        expect(march.days.filter((d) => d.band !== 'stall').length).toBeGreaterThanOrEqual(15);
        expect(march.days.every((d) => d.touches > 0)).toBe(true);
      }
    });

    it('has open deals in every stage, and deals won, lost and paused', async () => {
      const deals = await t.ctx.deals.listVisible(ex(), actor, {});
      const stages = await t.ctx.stages.listByWorkspace(ex(), owner.workspaceId);
      const open = deals.filter((d) => d.status === 'open');
      expect(new Set(open.map((d) => d.stageId))).toEqual(new Set(stages.map((s) => s.id)));
      const count = (status: string) => deals.filter((d) => d.status === status).length;
      expect([count('won'), count('lost'), count('paused')]).toEqual([2, 2, 1]);
      // Nothing happens in the future: every deal was created before now.
      expect(deals.every((d) => d.createdAt <= '2026-11-18T15:00:00.000Z')).toBe(true);
    });

    it('has promises kept early, on time and late, and open ones overdue', async () => {
      const all = await t.ctx.commitments.listVisible(ex(), actor, { limit: 1000 });
      const kept = new Set(all.filter((c) => c.state === 'done').map((c) => c.classification));
      expect(kept).toEqual(new Set(['early', 'on-time', 'late']));
      expect(all.some((c) => c.state === 'open' && c.side === 'ours' && c.due! < TODAY)).toBe(true);
      expect(all.some((c) => c.state === 'open' && c.side === 'theirs' && c.due! < TODAY)).toBe(
        true,
      );
      expect(all.some((c) => c.state === 'open' && c.due === null)).toBe(true);
    });

    it('has a plan revised after each call, with milestones completed, moved earlier and slipped', async () => {
      const deals = await t.ctx.deals.listVisible(ex(), actor, {});
      const contoso = deals.find((d) => d.title === 'Care platform rollout, 3 clinics')!;
      const revisions = await listPlanRevisions(t.ctx, actor, contoso.id);
      expect(revisions.map((r) => r.number)).toEqual([1, 2, 3]);
      expect(revisions.map((r) => r.callId !== null)).toEqual([false, true, true]);
      const { diff } = await comparePlanRevisions(t.ctx, actor, contoso.id);
      expect(diff.counts.completed).toBe(1);
      expect(diff.counts.advanced).toBe(1);
      expect(diff.counts.slipped).toBe(1);
    });

    it('gives the owner a Today with every kind of item, a late promise first', async () => {
      const today = await getToday(t.ctx, actor, {});
      expect(today.date).toBe(TODAY);
      const kinds = new Set(today.items.map((i) => i.kind));
      // Under the floor, promises offered early come before prospects (issue 12, item 2).
      for (const kind of ['deliver', 'meet', 'revive']) expect(kinds).toContain(kind);
      expect(today.items[0]!.reason).toMatch(/late/);
      expect(today.march.done).toBeGreaterThan(0);
      expect(today.march.done).toBeLessThan(today.march.floor);
    });

    it('gives insights something to say: lessons, reasons, habits and momentum history', async () => {
      const insights = await getInsights(t.ctx, actor, { from: '2026-10-22', to: TODAY });
      expect(insights.lessons.length).toBeGreaterThanOrEqual(5);
      expect(insights.outcomes.deals).toEqual({ won: 2, lost: 2, paused: 1 });
      expect(insights.habits.some((h) => h.practiced.won + h.practiced.lost > 0)).toBe(true);
      expect(insights.momentum.length).toBeGreaterThanOrEqual(3);
      // The owner's own past counts too: the workspace was founded before the story began.
      const own = insights.march.summary.find((m) => m.memberId === owner.id)!;
      expect(own.businessDays).toBeGreaterThanOrEqual(15);
      expect(own.on).toBeGreaterThanOrEqual(12);
    });
  });

  describe.skipIf(!dialect.available)(`POST /api/v1/demo on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, NOW);
      app = await startTestServer(t);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('on first run, creates the sample workspace and signs its owner in; then it is closed', async () => {
      const before = await app.inject({ method: 'GET', url: '/api/v1/demo' });
      expect(before.json()).toEqual({ firstRun: true, sampleAvailable: true });

      const created = await app.inject({ method: 'POST', url: '/api/v1/demo', payload: OWNER });
      expect(created.statusCode).toBe(201);
      expect(created.json().member).toMatchObject({ email: OWNER.email, role: 'owner' });
      const browser = sessionFrom(created);
      const deals = await app.inject({
        method: 'GET',
        url: '/api/v1/deals',
        headers: browser.headers(),
      });
      expect(deals.statusCode).toBe(200);
      expect(deals.json().length).toBeGreaterThanOrEqual(15);

      const after = await app.inject({ method: 'GET', url: '/api/v1/demo' });
      expect(after.json()).toEqual({ firstRun: false, sampleAvailable: false });
      // A second visitor cannot make another one, nor add the sample to the existing workspace.
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/demo',
        payload: { ...OWNER, email: 'mallory@x.example', workspace: 'Mine' },
      });
      expect(again.statusCode).toBe(403);
      expect(await t.ctx.workspaces.count(t.ctx.runner.executor)).toBe(1);
    });

    it('refuses a body it does not know with a 400 problem, creating nothing', async () => {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/demo',
        payload: { ...OWNER, role: 'owner' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation');
    });
  });
}

describe('momentum demo', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-demo-cli-'));
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('fills a new database and says how to sign in; refuses a database that has a workspace', () => {
    const first = runCli(
      [
        '--db',
        'sample.db',
        'demo',
        '--email',
        'me@sample.test',
        '--tz',
        'Europe/Berlin',
        '--region',
        'DE',
      ],
      { cwd },
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/sign in as me@sample\.test with the password \S{12,}/);
    const list = runCli(['--db', 'sample.db', 'deal', 'list', '--json'], { cwd });
    expect(list.code).toBe(0);
    expect(list.json<unknown[]>().length).toBeGreaterThanOrEqual(10);

    const second = runCli(['--db', 'sample.db', 'demo'], { cwd });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toContain('already has a workspace');
  });

  it('has --help', () => {
    const help = runCli(['demo', '--help'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--password');
  });
});
