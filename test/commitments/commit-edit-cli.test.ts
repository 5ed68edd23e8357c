import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, type CliDatabase, initAnnArgs } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

/** The CLI runs on the real clock: the late promise is dated in 2020 and the new date in 2099,
 * so the checks hold whatever the day. */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`momentum commit edit on ${dialect.name}`, () => {
    let db: CliDatabase;
    let lateId = '';
    const cli = (...args: string[]) => runCli(args, { cwd: db.cwd, env: db.env });
    const ok = (...args: string[]) => {
      const r = cli(...args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return r;
    };

    beforeAll(async () => {
      db = await createCliDatabase(dialect.name, 'commit-edit');
      ok(...initAnnArgs());
      ok('account', 'add', 'Globex');
      const deal = ok('deal', 'add', '--account', 'Globex', '--title', 'Pilot', '--json').json<{
        id: string;
      }>().id;
      lateId = ok(
        'commit',
        'add',
        '--deal',
        deal,
        '--side',
        'ours',
        '--made',
        '2020-01-06',
        '--due',
        '2020-01-10',
        '--json',
        'send',
        'the',
        'pricing',
        'sheet',
      ).json<{ id: string }>().id;
    }, 240_000);
    afterAll(async () => db?.dispose());

    it('explains itself with --help', () => {
      const help = ok('commit', 'edit', '--help').stdout;
      for (const option of ['--due <date>', '--text <text>', '--lead <n>', '--reason <text>'])
        expect(help).toContain(option);
      expect(help).toContain('A late promise cannot be snoozed');
    });

    it('refuses to snooze the late promise and points to commit edit', () => {
      const r = cli('commit', 'snooze', lateId, '--to', '2099-01-05', '--reason', 'busy');
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`momentum commit edit ${lateId} --due`);
    });

    it(
      'renegotiates the due date, keeps the old one and recomputes the target',
      { timeout: 120_000 },
      () => {
        const out = ok(
          'commit',
          'edit',
          lateId,
          '--due',
          '2099-01-09',
          '--lead',
          '2',
          '--reason',
          'their legal review moved',
        ).stdout;
        // Fri 9 Jan 2099, two business days ahead: Wed 7 Jan.
        expect(out).toBe(
          `Renegotiated from 2020-01-10: We promised: send the pricing sheet due 2099-01-09, target 2099-01-07 [${lateId}]\n`,
        );
        const json = ok(
          'commit',
          'edit',
          lateId,
          '--text',
          'send the revised pricing sheet',
          '--json',
        ).json<{
          text: string;
          version: number;
          renegotiations: { previousDue: string; due: string; reason: string }[];
        }>();
        expect(json).toMatchObject({
          text: 'send the revised pricing sheet',
          version: 3,
          renegotiations: [
            { previousDue: '2020-01-10', due: '2099-01-09', reason: 'their legal review moved' },
          ],
        });
      },
    );

    it(
      'answers bad input with a clear message, a non-zero exit and nothing changed',
      { timeout: 120_000 },
      () => {
        const cases: [string[], string][] = [
          [['commit', 'edit', lateId], 'Nothing to change'],
          [['commit', 'edit', lateId, '--due', '9 Jan'], 'Due date must be a date'],
          [['commit', 'edit', lateId, '--due', '2020-02-03'], 'or later'],
          [['commit', 'edit', lateId, '--lead', 'two'], '--lead must be a whole number'],
          [['commit', 'edit', 'cm_nope', '--due', '2099-01-09'], 'cm_nope'],
        ];
        for (const [args, message] of cases) {
          const r = cli(...args);
          expect(r.code, args.join(' ')).not.toBe(0);
          expect(r.stderr, args.join(' ')).toContain(message);
        }
        const list = ok('commit', 'list', '--json').json<{ due: string; version: number }[]>();
        expect(list[0]).toMatchObject({ due: '2099-01-09', version: 3 });
        expect(ok('commit', 'list').stdout).toContain('2099-01-09 (was 2020-01-10)');
      },
    );
  });
}
