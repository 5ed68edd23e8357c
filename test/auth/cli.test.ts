import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/context.ts';
import { acceptInvitation, inviteMember } from '../../src/core/auth/flows/invitations.ts';
import type { DatabaseConfig } from '../../src/storage/connection/config.ts';
import { buildServer } from '../../src/http/server.ts';
import { cliClock, createCliDatabase, runCli, type CliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

// Each CLI run starts a Node process (about a second, more on a busy machine).
const CLI_TEST_TIMEOUT = 180_000;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`momentum member, token and audit on ${dialect.name}`, () => {
    let db: CliDatabase;
    let config: DatabaseConfig;
    const cli = (args: string[], input?: string) =>
      runCli(args, { cwd: db.cwd, env: db.env, ...(input !== undefined && { input }) });

    beforeAll(async () => {
      db = await createCliDatabase(dialect.name, 'members');
      config = db.env.DATABASE_URL
        ? { dialect: 'postgres', url: db.env.DATABASE_URL }
        : { dialect: 'sqlite', file: db.env.MOMENTUM_DB! };
      const init = cli([
        'init',
        '--workspace',
        'Acme',
        '--name',
        'Ann Owner',
        '--email',
        'ann@acme.example',
        '--tz',
        'America/New_York',
        '--region',
        'US',
      ]);
      expect(init.code, init.stderr).toBe(0);
    }, CLI_TEST_TIMEOUT);
    afterAll(async () => db?.dispose());

    it(
      'has --help on the new commands',
      () => {
        const member = cli(['member', '--help']);
        expect(member.code).toBe(0);
        for (const sub of [
          'list',
          'invite',
          'invitations',
          'uninvite',
          'remove',
          'role',
          'set-password',
        ]) {
          expect(member.stdout).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
        }
        const audit = cli(['audit', '--help']);
        expect(audit.code).toBe(0);
        expect(audit.stdout).toContain('--json');
      },
      CLI_TEST_TIMEOUT,
    );

    it(
      'sets the owner’s password from standard input, refusing a weak one',
      async () => {
        const weak = cli(['member', 'set-password'], 'password123\n');
        expect(weak.code).toBe(1);
        expect(weak.stderr.trim().split('\n')).toHaveLength(1);
        expect(weak.stderr).toContain('commonly used');
        const ok = cli(['member', 'set-password'], 'copper kettle whistles twice\n');
        expect(ok.code, ok.stderr).toBe(0);

        // The owner made by `momentum init` can now sign in to the web app.
        const ctx = await openContext(config, cliClock);
        const app = await buildServer(ctx);
        try {
          const res = await app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: 'ann@acme.example', password: 'copper kettle whistles twice' },
          });
          expect(res.statusCode, res.body).toBe(200);
        } finally {
          await app.close();
          await ctx.store.close();
        }
      },
      CLI_TEST_TIMEOUT,
    );

    it(
      'invites and lists invitations, as JSON for scripts',
      () => {
        const invited = cli(['member', 'invite', 'bo@acme.example', '--role', 'manager', '--json']);
        expect(invited.code, invited.stderr).toBe(0);
        const { invitation, token } = invited.json<{
          invitation: { id: string; role: string };
          token: string;
        }>();
        expect(invitation.role).toBe('manager');
        expect(token).toMatch(/^inv_/);
        const human = cli(['member', 'invite', 'cy@acme.example']);
        expect(human.stdout).toMatch(/Join link: http:\/\/localhost:\d+\/join\?token=inv_/);

        const pending = cli(['member', 'invitations', '--json']).json<{ email: string }[]>();
        expect(pending.map((i) => i.email)).toEqual(['bo@acme.example', 'cy@acme.example']);
        expect(cli(['member', 'uninvite', invitation.id]).code).toBe(0);
        expect(cli(['member', 'invitations', '--json']).json<unknown[]>()).toHaveLength(1);
        expect(cli(['member', 'invite', 'dee@acme.example', '--role', 'chief']).code).toBe(1);
      },
      CLI_TEST_TIMEOUT,
    );

    it(
      'changes a role, refuses the audit log to a rep, and removes a member',
      async () => {
        const ctx = await openContext(config, cliClock);
        try {
          const owner = (
            await ctx.members.listByWorkspace(
              ctx.runner.executor,
              (await ctx.workspaces.findSole(ctx.runner.executor))!.id,
            )
          )[0]!;
          const { token } = await inviteMember(
            ctx,
            { memberId: owner.id, workspaceId: owner.workspaceId, role: 'owner' },
            { email: 'eve@acme.example', role: 'manager' },
          );
          await acceptInvitation(ctx, {
            token,
            name: 'Eve',
            password: 'saffron window nineteen',
            timeZone: 'UTC',
            region: 'GB',
          });
        } finally {
          await ctx.store.close();
        }
        const role = cli(['member', 'role', 'eve@acme.example', 'rep']);
        expect(role.code, role.stderr).toBe(0);
        expect(role.stdout).toContain('eve@acme.example is now rep');
        const asRep = cli(['--as', 'eve@acme.example', 'audit']);
        expect(asRep.code).toBe(1);
        expect(asRep.stderr).toContain('Only owners and managers may read the audit log');
        const removed = cli(['member', 'remove', 'eve@acme.example']);
        expect(removed.code, removed.stderr).toBe(0);
        const members = cli(['member', 'list', '--json']).json<{ email: string }[]>();
        expect(members.map((m) => m.email)).toEqual(['ann@acme.example']);
      },
      CLI_TEST_TIMEOUT,
    );

    it(
      'prints the audit log, newest first',
      () => {
        const audit = cli(['audit', '--json', '--limit', '5']);
        expect(audit.code, audit.stderr).toBe(0);
        const entries = audit.json<{ action: string }[]>();
        expect(entries).toHaveLength(5);
        expect(entries[0]!.action).toBe('member.remove');
        expect(entries.map((e) => e.action)).toContain('member.role');
        const table = cli(['audit']);
        expect(table.stdout).toMatch(/^AT\s+WHO\s+ACTION/m);
        expect(table.stdout).toContain('ann@acme.example');
        expect(cli(['audit', '--limit', '0']).code).toBe(1);
      },
      CLI_TEST_TIMEOUT,
    );

    it(
      'lists and revokes tokens',
      () => {
        const created = cli(['token', 'create', '--name', 'ci', '--json']).json<{
          id: string;
          token: string;
        }>();
        const list = cli(['token', 'list', '--json']).json<{ id: string }[]>();
        expect(list.map((t) => t.id)).toContain(created.id);
        expect(cli(['token', 'revoke', created.id]).code).toBe(0);
        expect(cli(['token', 'revoke', created.id]).code).toBe(1);
      },
      CLI_TEST_TIMEOUT,
    );
  });
}
