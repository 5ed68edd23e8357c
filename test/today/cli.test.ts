import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import {
  createCliDatabase,
  runCli,
  setCliClock,
  type CliDatabase,
  initAnnArgs,
} from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

/** The suite's clock is set to a Wednesday (a business day in New York): on a weekend, the
 * member's first day would not be a day of the march at all. */
const A_WEDNESDAY_NOON_IN_NEW_YORK = '2026-12-02T17:00:00Z';
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(
    `today, touch, march, stage and deal next from the CLI on ${dialect.name}`,
    () => {
      let db: CliDatabase;
      const cli = (...args: string[]) => runCli(args, { cwd: db.cwd, env: db.env });
      const ok = (...args: string[]) => {
        const r = cli(...args);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        return r;
      };

      beforeAll(async () => {
        setCliClock(A_WEDNESDAY_NOON_IN_NEW_YORK);
        db = await createCliDatabase(dialect.name, 'today');
      });
      afterAll(async () => db?.dispose());

      it(
        'plans the day from touches and next steps, and reports the march and a deal’s health',
        { timeout: 240_000 },
        () => {
          ok(...initAnnArgs());
          ok('account', 'add', 'Globex');
          const id = (title: string) =>
            ok('deal', 'add', '--account', 'Globex', '--title', title, '--json').json<{
              id: string;
            }>().id;
          const busy = id('Busy');
          const quiet = id('Quiet');

          const step = ok(
            'deal',
            'next',
            busy,
            '--at',
            '2099-01-05T14:00',
            'Demo',
            'for',
            'the',
            'CFO',
            '--json',
          );
          expect(step.json()).toMatchObject({
            due: '2099-01-05',
            time: '14:00',
            text: 'Demo for the CFO',
          });
          const touch = ok(
            'touch',
            '--deal',
            busy,
            '--kind',
            'email',
            'Sent',
            'the',
            'deck',
            '--json',
          );
          expect(touch.json()).toMatchObject({
            dealId: busy,
            kind: 'email',
            text: 'Sent the deck',
          });

          const today = ok('today', '--json').json<{
            march: { floor: number; ceiling: number; done: number };
            items: { kind: string; dealId: string; reason: string }[];
            later: { dealId: string }[];
          }>();
          expect(today.march).toEqual({ floor: 8, ceiling: 10, done: 1 });
          const planned = [...today.items, ...today.later].map((i) => i.dealId);
          expect(planned).toContain(quiet);
          expect(planned).not.toContain(busy);

          const march = ok('march', '--json').json<{
            done: number;
            days: { band: string }[];
            consistency: number;
          }>();
          expect(march.done).toBe(1);
          // The member joined today: the march counts from that day, and today is still open.
          expect(march.days.map((d) => d.band)).toEqual(['open']);

          const show = ok('deal', 'show', quiet, '--json').json<{
            id: string;
            neglect: { neglected: boolean; reasons: string[] };
            momentum: {
              score: number;
              factors: { name: string }[];
              trend: { date: string; score: number }[];
            };
          }>();
          expect(show.id).toBe(quiet);
          expect(show.neglect).toMatchObject({ neglected: true, reasons: ['no-next-step'] });
          expect(show.momentum.factors.map((f) => f.name)).toEqual([
            'touch-recency',
            'next-step',
            'promises',
            'plan',
            'stage-movement',
          ]);
          expect(show.momentum.trend.at(-1)!.score).toBe(show.momentum.score);
          expect(ok('deal', 'show', busy).stdout).toMatch(/neglect\s+not neglected/);

          expect(ok('march', 'set', '--floor', '5', '--json').json()).toMatchObject({
            floor: 5,
            ceiling: 7,
          });
          expect(
            ok('stage', 'set', 'proposal', '--neglect-days', '4', '--json').json(),
          ).toMatchObject({
            name: 'Proposal',
            neglectDays: 4,
          });
          expect(ok('today').stdout).toMatch(/floor 5, ceiling 7/);
        },
      );

      it('says what is wrong in one line and exits 1; --help works on every command', async () => {
        // In-process, on the same database: spawning the bin for each case is slow.
        const saved = {
          MOMENTUM_DB: process.env.MOMENTUM_DB,
          DATABASE_URL: process.env.DATABASE_URL,
        };
        Object.assign(process.env, db.env);
        const out: string[] = [];
        const err: string[] = [];
        const stdout = vi
          .spyOn(process.stdout, 'write')
          .mockImplementation((s) => (out.push(String(s)), true));
        const stderr = vi
          .spyOn(process.stderr, 'write')
          .mockImplementation((s) => (err.push(String(s)), true));
        try {
          for (const args of [
            ['today', '--date', '2026-02-30'],
            ['touch', '--deal', 'dl_nope', '--kind', 'email'],
            ['march', 'set', '--floor', '9', '--ceiling', '3'],
            ['stage', 'set', 'Nowhere', '--neglect-days', '3'],
            ['deal', 'next', 'dl_nope', '--at', '2099-01-01', 'Call'],
            ['deal', 'show', 'dl_nope', '--date', 'someday'],
          ]) {
            err.length = 0;
            expect(await main(['node', 'momentum', ...args]), args.join(' ')).toBe(1);
            expect(err.join('').trim().split('\n'), args.join(' ')).toHaveLength(1);
          }
          for (const args of [
            ['today'],
            ['touch'],
            ['march'],
            ['march', 'set'],
            ['stage', 'set'],
            ['deal', 'next'],
            ['deal', 'show'],
          ]) {
            out.length = 0;
            expect(await main(['node', 'momentum', ...args, '--help']), args.join(' ')).toBe(0);
            expect(out.join(''), args.join(' ')).toMatch(/^Usage: momentum /);
          }
        } finally {
          stdout.mockRestore();
          stderr.mockRestore();
          for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
          }
        }
      });
    },
  );
}
