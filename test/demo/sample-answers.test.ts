import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleWorkspace } from '../../src/app/demo/load-sample-workspace.ts';
import { getMarch } from '../../src/core/march/march-report.ts';
import { getDealHealth } from '../../src/core/momentum/deal-momentum.ts';
import type { Actor, Member } from '../../src/core/workspaces/types.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';

/*
 * What the sample workspace answers, kept in test/fixtures/sample-answers.json: every member's
 * march, every deal's touches, next step, neglect and momentum with its trend, and what the
 * audit log holds. The file was recorded from the sample as it was first written, one use case call per touch and
 * one deal health read per deal and day (issue 15 made both batched); the sample must go on
 * answering exactly that, on both dialects. A deliberate change to the story re-records it
 * (`npx vitest run test/demo/sample-answers.test.ts -u`), and the diff shows what changed.
 */
const NOW = '2026-11-18T15:00:00Z';
const OWNER = {
  workspace: 'Northwind Sales',
  name: 'Alex Morgan',
  email: 'alex@northwind.test',
  password: 'correct horse battery',
  timeZone: 'America/New_York',
  region: 'US',
};

async function answers(t: TestContext, owner: Member) {
  const ex = t.ctx.runner.executor;
  const actor: Actor = { memberId: owner.id, workspaceId: owner.workspaceId, role: owner.role };
  const members = await t.ctx.members.listByWorkspace(ex, owner.workspaceId);
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const marches: Record<string, unknown> = {};
  for (const m of [...members].sort((a, b) => a.name.localeCompare(b.name))) {
    const march = await getMarch(t.ctx, actor, { memberId: m.id });
    marches[m.name] = {
      floor: march.floor,
      done: march.done,
      streak: march.streak,
      consistency: march.consistency,
      days: march.days,
    };
  }
  const deals: Record<string, unknown> = {};
  const all = await t.ctx.deals.listVisible(ex, actor, {});
  for (const d of [...all].sort((a, b) => a.title.localeCompare(b.title))) {
    const health = await getDealHealth(t.ctx, actor, d.id);
    const touches = await t.ctx.touches.listForDeal(ex, d.id, 500);
    const step = await t.ctx.nextSteps.findOpenForDeal(ex, d.id);
    deals[d.title] = {
      owner: nameOf.get(d.ownerId),
      status: d.status,
      lastTouchAt: d.lastTouchAt,
      touches: touches.map(
        (x) => `${x.at} ${nameOf.get(x.memberId)} ${x.kind}: ${x.text} (at ${x.createdAt})`,
      ),
      openNextStep: step && { text: step.text, due: step.due, dueTime: step.dueTime },
      neglect: health.neglect,
      momentum: health.momentum,
    };
  }
  const log = await t.ctx.audit.list(ex, owner.workspaceId, { limit: 10_000 });
  const audit: Record<string, number> = {};
  for (const e of log) audit[e.action] = (audit[e.action] ?? 0) + 1;
  return { marches, deals, audit: Object.fromEntries(Object.entries(audit).sort()) };
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the sample workspace's answers on ${dialect.name}`, () => {
    let t: TestContext;
    let owner: Member;

    beforeAll(async () => {
      t = await openTestContext(dialect.name, NOW);
      owner = (await createSampleWorkspace(t.ctx, OWNER, { open: false })).member;
    });
    afterAll(async () => t?.close());

    it('are the ones recorded from the per-call sample: march, touches, neglect, momentum', async () => {
      const got = await answers(t, owner);
      // A sample with nothing in it would match an empty recording: it must have a history.
      expect(Object.keys(got.marches)).toHaveLength(4);
      expect(Object.keys(got.deals).length).toBeGreaterThanOrEqual(15);
      await expect(`${JSON.stringify(got, null, 2)}\n`).toMatchFileSnapshot(
        '../fixtures/sample-answers.json',
      );
    });
  });
}
