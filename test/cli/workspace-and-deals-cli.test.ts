import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliClock,
  createCliDatabase,
  initAnnArgs,
  runCli,
  type CliDatabase,
} from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

/** Issue 12, items 12, 13, 15 and 16: the CLI as a rep lives it. */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the daily loop from the CLI on ${dialect.name}`, () => {
    let db: CliDatabase;
    const cli = (...args: string[]) => runCli(args, { cwd: db.cwd, env: db.env });
    const ok = (...args: string[]) => {
      const r = cli(...args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return r;
    };
    const init = (workspace: string, email: string, ...more: string[]) =>
      cli(...initAnnArgs(workspace, email), ...more);

    beforeAll(async () => {
      db = await createCliDatabase(dialect.name, 'loop');
    });
    afterAll(async () => db?.dispose());

    it(
      'init refuses a second workspace unless --another; workspace list; --as picks the workspace',
      { timeout: 120_000 },
      () => {
        expect(init('Acme', 'ann@acme.test').code).toBe(0);
        const again = init('Acme 2', 'bob@acme.test');
        expect(again.code).not.toBe(0);
        expect(again.stderr).toMatch(/already has a workspace/);
        expect(again.stderr).toMatch(/--another/);
        expect(ok('today').stdout).toMatch(/Today/);

        expect(init('Beta', 'bea@beta.test', '--another').code).toBe(0);
        const list = ok('workspace', 'list', '--json').json<{ name: string; owner: string }[]>();
        expect(list.map((w) => [w.name, w.owner])).toEqual([
          ['Acme', 'ann@acme.test'],
          ['Beta', 'bea@beta.test'],
        ]);
        const which = cli('today');
        expect(which.code).not.toBe(0);
        expect(which.stderr).toMatch(/2 workspaces/);
        expect(which.stderr).toMatch(/Acme/);
        expect(which.stderr).toMatch(/Beta/);
        expect(
          ok('today', '--as', 'bea@beta.test', '--json').json<{ member: { email: string } }>(),
        ).toMatchObject({ member: { email: 'bea@beta.test' } });
        const stranger = cli('today', '--as', 'nobody@acme.test');
        expect(stranger.code).not.toBe(0);
        expect(stranger.stderr).toMatch(/nobody@acme\.test is not a member of any workspace here/);
        expect(stranger.stderr).toMatch(/Acme[\s\S]*Beta/);
      },
    );

    it(
      'deal edit moves a stage and changes amount, title and close, refusing a stale version; --deal by title; local call times',
      { timeout: 120_000 },
      () => {
        const as = ['--as', 'ann@acme.test'];
        ok('account', 'add', 'Globex', ...as);
        const deal = ok(
          'deal',
          'add',
          '--account',
          'Globex',
          '--title',
          'Pilot, 40 seats',
          '--json',
          ...as,
        ).json<{ id: string; version: number }>();
        const edited = ok(
          'deal',
          'edit',
          'pilot',
          '--stage',
          'Proposal',
          '--amount',
          '24000',
          '--title',
          'Pilot, 50 seats',
          '--close',
          '2027-01-29',
          '--json',
          ...as,
        ).json<{ stageName?: string; title: string; expectedClose: string; version: number }>();
        expect(edited).toMatchObject({ title: 'Pilot, 50 seats', expectedClose: '2027-01-29' });
        expect(edited.version).toBe(deal.version + 1);
        const stale = cli('deal', 'edit', deal.id, '--amount', '1', '--if-version', '1', ...as);
        expect(stale.code).not.toBe(0);
        expect(stale.stderr).toMatch(/version|changed/i);
        const shown = ok('deal', 'show', deal.id, ...as).stdout;
        expect(shown).toMatch(/Proposal/);
        expect(shown).toMatch(/24,000|24000/);

        // --deal by account name, --at defaulting to now; call list shows the local time.
        const logged = ok('call', 'log', '--deal', 'globex', '--yes', '--json', ...as).json<{
          call: { startedAt: string };
        }>();
        // The CLI runs on the suite's clock (test/support/cli.ts), which moves 1 ms per reading.
        const now = cliClock.now().epochMilliseconds;
        const startedAt = Date.parse(logged.call.startedAt);
        expect(startedAt).toBeLessThanOrEqual(now);
        expect(now - startedAt).toBeLessThan(120_000);
        const calls = ok('call', 'list', '--deal', 'Globex', ...as).stdout;
        expect(calls).toMatch(/America\/New_York/);
        expect(calls).not.toContain(logged.call.startedAt);
        const missing = cli('call', 'list', '--deal', 'Initech', ...as);
        expect(missing.code).not.toBe(0);
        expect(missing.stderr).toMatch(/No deal "Initech"/);
      },
    );

    it(
      'extract reads the zone, region, lead and weekend from the member when a workspace is there',
      { timeout: 120_000 },
      () => {
        // It required --region, and used lead 1 and a Sat-Sun weekend whatever the member's.
        const as = ['--as', 'ann@acme.test'];
        ok('march', 'set', '--lead', '2', '--region', 'DE', '--tz', 'Europe/Berlin', ...as);
        const read = runCli(['extract', '--at', '2026-11-24T10:00', '--json', ...as], {
          cwd: db.cwd,
          env: db.env,
          input: "I'll send the pricing sheet by Friday.",
        });
        expect(read.stderr).toBe('');
        // Due Fri 27 Nov; two business days ahead in Germany (no Thanksgiving) is Wed 25 Nov.
        expect(read.json<{ commitments: { due: string; target: string }[] }>()).toMatchObject({
          commitments: [{ due: '2026-11-27', target: '2026-11-25' }],
        });
        ok('march', 'set', '--lead', '1', '--region', 'US', '--tz', 'America/New_York', ...as);
      },
    );

    it(
      'every command that names a deal takes its id or a unique part of its title or account name',
      { timeout: 120_000 },
      () => {
        // `commit add --deal globex` failed and `commit list --deal globex` answered "No promises
        // yet" on a deal that had some; `deal show`, `deal next` and `plan show` wanted the id.
        const as = ['--as', 'ann@acme.test'];
        const added = ok(
          'commit',
          'add',
          '--deal',
          'globex',
          '--side',
          'ours',
          '--due',
          '2027-01-08',
          'send the deck',
          '--json',
          ...as,
        ).json<{ id: string }>();
        const listed = ok('commit', 'list', '--deal', 'Pilot', '--json', ...as).json<
          { id: string }[]
        >();
        expect(listed.map((c) => c.id)).toContain(added.id);
        expect(ok('deal', 'show', 'globex', ...as).stdout).toMatch(/Pilot, 50 seats/);
        expect(
          ok('deal', 'next', 'pilot', '--at', '2027-01-06', 'pricing review', ...as).stdout,
        ).toMatch(/pricing review/);
        expect(ok('plan', 'history', 'globex', ...as).stdout).toMatch(/No plan yet/);
        const unknown = cli('commit', 'list', '--deal', 'Initech', ...as);
        expect(unknown.code).not.toBe(0);
        expect(unknown.stderr).toMatch(/No deal "Initech"/);
      },
    );

    it.runIf(dialect.name === 'sqlite')(
      'a mistyped --db on a read command creates nothing and says so',
      { timeout: 60_000 },
      () => {
        const typo = path.join(db.cwd, 'tpyo', 'momentum.db');
        for (const args of [['today'], ['deal', 'list'], ['workspace', 'list']]) {
          const r = cli('--db', typo, ...args);
          expect(r.code).not.toBe(0);
          expect(r.stderr).toMatch(/No database at .*tpyo/);
        }
        expect(fs.existsSync(path.join(db.cwd, 'tpyo'))).toBe(false);
      },
    );
  });
}
