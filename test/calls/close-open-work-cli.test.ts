import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, type CliDatabase, initAnnArgs } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

/** `deal close` and `deal pause` ask what to do with open promises and the next step. The CLI
 * runs on the real clock: the dates are in 2099. */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`deal close with open work on ${dialect.name}`, () => {
    let db: CliDatabase;
    const cli = (...args: string[]) => runCli(args, { cwd: db.cwd, env: db.env });
    const ok = (...args: string[]) => {
      const r = cli(...args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return r;
    };

    beforeAll(async () => {
      db = await createCliDatabase(dialect.name, 'close-open-work');
    });
    afterAll(async () => db?.dispose());

    it(
      'lists the open work and the options to pass, then drops it with the reason',
      { timeout: 240_000 },
      () => {
        ok(...initAnnArgs());
        ok('account', 'add', 'Globex');
        const deal = ok('deal', 'add', '--account', 'Globex', '--title', 'Pilot', '--json').json<{
          id: string;
        }>().id;
        const promise = ok(
          'commit',
          'add',
          '--deal',
          deal,
          '--side',
          'ours',
          '--due',
          '2099-01-09',
          '--json',
          'send the order form',
        ).json<{ id: string }>().id;
        ok('deal', 'next', deal, '--at', '2099-01-05T14:00', 'Kick-off');

        expect(ok('deal', 'close', '--help').stdout).toContain('--promises <choice>');
        const asked = cli('deal', 'close', deal, '--won');
        expect(asked.code).not.toBe(0);
        expect(asked.stderr).toContain('1 open promise');
        expect(asked.stderr).toContain(
          `we promised: send the order form (due 2099-01-09) [${promise}]`,
        );
        expect(asked.stderr).toContain('next step: Kick-off (2099-01-05 14:00)');
        expect(asked.stderr).toContain('--promises keep|drop and --next-step keep|drop');

        const bad = cli(
          'deal',
          'close',
          deal,
          '--won',
          '--promises',
          'forget',
          '--next-step',
          'keep',
        );
        expect(bad.code).not.toBe(0);
        expect(bad.stderr).toContain('say "keep" or "drop", got "forget"');

        ok(
          'deal',
          'close',
          deal,
          '--won',
          '--promises',
          'drop',
          '--next-step',
          'keep',
          '--drop-reason',
          'delivered in the contract instead',
        );
        const list = ok('commit', 'list', '--deal', deal, '--json').json<
          { state: string; droppedReason: string }[]
        >();
        expect(list).toMatchObject([
          { state: 'dropped', droppedReason: 'delivered in the contract instead' },
        ]);

        // Issue 12, item 10: a closed deal shows its outcome, not neglect and momentum, and its
        // stage no longer moves (it moved to Proposal and said ", ," for the missing amount).
        const lost = ok(
          'deal',
          'add',
          '--account',
          'Globex',
          '--title',
          'Expansion',
          '--json',
        ).json<{ id: string }>().id;
        ok(
          'deal',
          'close',
          lost,
          '--lost',
          '--reason',
          'not-now',
          '--lesson',
          'ask about budget first',
          '--re-engage',
          '2099-03-02',
        );
        const shown = ok('deal', 'show', lost).stdout;
        expect(shown).toMatch(/outcome\s+lost: not-now/);
        expect(shown).toMatch(/lesson\s+ask about budget first/);
        expect(shown).toMatch(/re-engage\s+2099-03-02/);
        expect(shown).not.toMatch(/neglect|momentum/);
        const moved = cli('deal', 'edit', deal, '--stage', 'Proposal');
        expect(moved.code).not.toBe(0);
        expect(moved.stderr).toMatch(/won/);
        expect(ok('deal', 'show', deal, '--json').json<{ version: number }>()).toMatchObject({
          status: 'won',
        });
        // Its other fields can still be corrected.
        expect(ok('deal', 'edit', deal, '--amount', '1200').stdout).toContain('1,200');
      },
    );
  });
}
