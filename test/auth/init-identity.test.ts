/*
 * `momentum init` and an address that already has an account (issue 11, item 2): someone who
 * made the account first (by inviting the address to their own workspace and accepting) must
 * not be handed the new workspace. init refuses, and proceeds only with the account's password.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext, type AppContext } from '../../src/app/context.ts';
import type { DatabaseConfig } from '../../src/storage/connection/config.ts';
import { createCliDatabase, runCli, type CliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

const SQUATTER_PASSWORD = 'squatter knows this phrase';
const INIT = [
  'init',
  '--workspace',
  'NewCo',
  '--name',
  'The CEO',
  '--email',
  'ceo@newco.example',
  '--tz',
  'UTC',
  '--region',
  'US',
  '--json',
];

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `momentum init and existing accounts on ${dialect.name}`,
    () => {
      let db: CliDatabase;
      let ctx: AppContext;
      let squatterId: string;
      beforeAll(async () => {
        db = await createCliDatabase(dialect.name, 'init-identity');
        const config: DatabaseConfig =
          dialect.name === 'sqlite'
            ? { dialect: 'sqlite', file: path.resolve(db.cwd, db.env.MOMENTUM_DB!) }
            : { dialect: 'postgres', url: db.env.DATABASE_URL! };
        ctx = await openContext(config);
        // The account exists before init, with a password someone else chose.
        squatterId = ctx.ids('user');
        const hash = await ctx.passwords.hash(SQUATTER_PASSWORD);
        await ctx.runner.transaction((tx) =>
          ctx.users.insert(
            tx,
            {
              id: squatterId,
              email: 'ceo@newco.example',
              name: 'Not the CEO',
              createdAt: '2026-11-01T00:00:00.000Z',
              version: 1,
            },
            hash,
          ),
        );
      }, 60_000);
      afterAll(async () => {
        await ctx?.store.close();
        await db?.dispose();
      });

      const workspaces = () => ctx.store.db.selectFrom('workspaces').select('id').execute();

      it('refuses the address, saying how to prove it is yours', async () => {
        const r = runCli(INIT, { cwd: db.cwd, env: db.env });
        expect(r.code).not.toBe(0);
        expect(r.stderr).toMatch(/ceo@newco\.example already has a Momentum account/);
        expect(r.stderr).toMatch(/--existing-account/);
        expect(await workspaces()).toEqual([]);
      });

      it('refuses a wrong password for the existing account', async () => {
        const r = runCli([...INIT, '--existing-account'], {
          cwd: db.cwd,
          env: db.env,
          input: 'a guess at the phrase\n',
        });
        expect(r.code).not.toBe(0);
        expect(r.stderr).toMatch(/already has a Momentum account/);
        expect(await workspaces()).toEqual([]);
      });

      it("makes the account owner of the new workspace with the account's password", async () => {
        const r = runCli([...INIT, '--existing-account'], {
          cwd: db.cwd,
          env: db.env,
          input: `${SQUATTER_PASSWORD}\n`,
        });
        expect(r.code, r.stderr).toBe(0);
        const owner = await ctx.store.db
          .selectFrom('members')
          .select(['user_id', 'role'])
          .where('id', '=', r.json<{ member: { id: string } }>().member.id)
          .executeTakeFirstOrThrow();
        expect(owner).toEqual({ user_id: squatterId, role: 'owner' });
      });
    },
  );
}
