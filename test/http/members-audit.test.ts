import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/core/accounts/flows/manage-accounts.ts';
import { addDeal } from '../../src/core/deals/flows/manage-deals.ts';
import { inviteMember } from '../../src/core/auth/flows/invitations.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';
import {
  bearer,
  givePassword,
  signIn,
  startTestServer,
  tokenFor,
  type TestServer,
} from '../support/http.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`members, me and the audit log on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    let ws: Awaited<ReturnType<typeof seedWorkspace>>;
    let ownerToken: string;
    let managerToken: string;
    let repToken: string;

    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await startTestServer(t);
      ws = await seedWorkspace(t.ctx, 'Team Co', 'owner@team.example');
      ownerToken = await tokenFor(t.ctx, ws.actor);
      const manager = await seedMember(t.ctx, ws.workspace.id, 'manager@team.example', 'manager');
      managerToken = await tokenFor(t.ctx, manager.actor);
      const rep = await seedMember(t.ctx, ws.workspace.id, 'rep@team.example', 'rep');
      repToken = await tokenFor(t.ctx, rep.actor);
      await addAccount(t.ctx, ws.actor, { name: 'Globex' });
      await addDeal(t.ctx, rep.actor, { account: 'Globex', title: 'Rep deal' });
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    const get = (url: string, token: string) =>
      app.inject({ method: 'GET', url, headers: bearer(token) });

    it('tells a token holder who they are, without a CSRF token', async () => {
      const res = await get('/api/v1/me', repToken);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        member: { email: 'rep@team.example', role: 'rep' },
        workspace: { id: ws.workspace.id, name: 'Team Co' },
        memberships: [{ workspace: { id: ws.workspace.id }, role: 'rep' }],
        credential: 'token',
        csrfToken: null,
      });
    });

    it('lists the team to every member, with only the fields teammates need', async () => {
      const res = await get('/api/v1/members', repToken);
      expect(res.statusCode).toBe(200);
      const members = res.json();
      expect(members.map((m: { email: string }) => m.email)).toEqual([
        'owner@team.example',
        'manager@team.example',
        'rep@team.example',
      ]);
      expect(Object.keys(members[0]).sort()).toEqual(
        ['createdAt', 'email', 'id', 'name', 'region', 'role', 'timeZone', 'version'].sort(),
      );
    });

    it('lets a person in two workspaces choose one per request', async () => {
      const other = await seedWorkspace(t.ctx, 'Side Co', 'side@team.example');
      const both = await seedMember(t.ctx, other.workspace.id, 'manager@team.example', 'rep');
      const manager = await t.ctx.members.findByEmail(
        t.ctx.runner.executor,
        ws.workspace.id,
        'manager@team.example',
      );
      await givePassword(t.ctx, manager!);
      const browser = await signIn(app, 'manager@team.example');
      const first = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: browser.cookie },
      });
      expect(first.json().workspace.id).toBe(ws.workspace.id);
      expect(first.json().memberships).toHaveLength(2);
      const side = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: browser.cookie, 'x-workspace-id': other.workspace.id },
      });
      expect(side.json()).toMatchObject({
        workspace: { id: other.workspace.id },
        member: { id: both.member.id, role: 'rep' },
      });
      // A workspace they are not in is not theirs to pick.
      const foreign = await seedWorkspace(t.ctx, 'Foreign Co', 'foreign@team.example');
      const denied = await app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: browser.cookie, 'x-workspace-id': foreign.workspace.id },
      });
      expect(denied.statusCode).toBe(401);
    });

    it('shows the audit log to owners and managers only, newest first', async () => {
      expect((await get('/api/v1/audit', repToken)).statusCode).toBe(403);
      const res = await get('/api/v1/audit?limit=500', managerToken);
      expect(res.statusCode).toBe(200);
      const entries: { action: string; at: string; workspaceId?: string }[] = res.json();
      const actions = entries.map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['workspace.create', 'token.create', 'deal.create']),
      );
      const times = entries.map((e) => e.at);
      expect([...times].sort().reverse()).toEqual(times);
      // Only this workspace's entries.
      expect(res.body).not.toContain('Side Co');
      expect(res.body).not.toContain('Foreign Co');
    });

    it('filters the audit log by record and pages it', async () => {
      const deals = (await get('/api/v1/deals', ownerToken)).json();
      const byRecord = await get(`/api/v1/audit?entity=${deals[0].id}`, ownerToken);
      expect(byRecord.json().map((e: { action: string }) => e.action)).toEqual(['deal.create']);
      const one = await get('/api/v1/audit?limit=1', ownerToken);
      expect(one.json()).toHaveLength(1);
      for (const bad of ['limit=0', 'limit=501', 'limit=ten', 'colour=red']) {
        expect((await get(`/api/v1/audit?${bad}`, ownerToken)).statusCode, bad).toBe(400);
      }
    });

    it('never writes a secret into the audit log', async () => {
      const { token: invitation } = await inviteMember(t.ctx, ws.actor, {
        email: 'new@team.example',
        role: 'rep',
      });
      const secretToken = await tokenFor(t.ctx, ws.actor, 'secret check');
      const rows = await t.store.db.selectFrom('audit_log').selectAll().execute();
      const text = JSON.stringify(rows);
      for (const secret of [invitation, secretToken, ownerToken]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/mss_|inv_|mtm_|csrf_|\$argon2/);
    });
  });
}
