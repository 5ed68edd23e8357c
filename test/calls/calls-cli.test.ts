import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, type CliDatabase, initAnnArgs } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

/*
 * The CLI runs on the real clock, so calls are dated in the past (Monday 5 January 2026) and
 * anything booked ahead in 2099.
 */
const NOTES = [
  'Demo with Sarah and Raj.',
  "I'll send the pricing sheet by Friday.",
  'Sarah will introduce us to their CFO next week.',
  'We agreed to meet again on January 14th.',
].join('\n');

for (const dialect of DIALECTS) {
  // Each command is a fresh process; on a busy machine a test of several takes a while.
  describe.skipIf(!dialect.available)(
    `calls, plans, outcomes and insights from the CLI on ${dialect.name}`,
    { timeout: 180_000 },
    () => {
      let db: CliDatabase;
      const cli = (args: string[], input = '') => runCli(args, { cwd: db.cwd, env: db.env, input });
      const write = (name: string, value: unknown) => {
        fs.writeFileSync(
          path.join(db.cwd, name),
          typeof value === 'string' ? value : JSON.stringify(value, null, 2),
        );
        return name;
      };
      let dealId = '';

      beforeAll(async () => {
        db = await createCliDatabase(dialect.name, 'calls');
        const init = cli(initAnnArgs());
        expect(init.code, init.stderr).toBe(0);
        cli(['account', 'add', 'Globex']);
        cli(['contact', 'add', '--account', 'Globex', '--name', 'Sarah Chen']);
        dealId = cli(['deal', 'add', '--account', 'Globex', '--title', 'Pilot', '--json']).json<{
          id: string;
        }>().id;
      });
      afterAll(async () => db?.dispose());

      it('shows the playbook and sets a new one from a file', () => {
        const table = cli(['playbook']);
        expect(table.code).toBe(0);
        expect(table.stdout).toMatch(/^2\s+plan\s+Make a plan/m);
        expect(table.stdout).toMatch(/^10\s+momentum\s+Maintain momentum/m);
        const current = cli(['playbook', '--json']).json<{
          habits: { name: string }[];
          version: string;
        }>();
        expect(current.habits).toHaveLength(10);
        current.habits[0]!.name = 'Research the account';
        const set = cli(['playbook', 'set', write('playbook.json', current)]);
        expect(set.code, set.stderr).toBe(0);
        expect(set.stdout).toContain('Research the account');
        // The file still names the version it was read at: the playbook has moved on since.
        const stale = cli(['playbook', 'set', 'playbook.json']);
        expect(stale.code).toBe(1);
        expect(stale.stderr).toMatch(/changed since you read it/);
        const bad = cli(['playbook', 'set', write('bad.json', '[{"name": ')]);
        expect(bad.code).toBe(1);
        expect(bad.stderr).toMatch(/bad.json is not valid JSON/);
      });

      it('refuses to guess when it cannot ask: without a terminal it needs --yes', () => {
        const r = cli(['call', 'log', '--deal', dealId, '--at', '2026-01-05T10:00'], NOTES);
        expect(r.code).toBe(1);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/pass --yes/);
        expect(cli(['call', 'list', '--deal', dealId, '--json']).json()).toEqual([]);
      });

      it('logs a call from notes in one command: promises, next step, checklist, plan and lesson', () => {
        write('notes.txt', NOTES);
        write('plan.json', {
          objective: 'Pilot live by March',
          milestones: [{ title: 'Security review', side: 'theirs', date: '2026-01-20' }],
        });
        const r = cli([
          'call',
          'log',
          '--deal',
          dealId,
          '--at',
          '2026-01-05T10:00',
          '--attendees',
          'Sarah, Raj, Ann',
          '--notes-file',
          'notes.txt',
          '--habit',
          '2=done',
          '--habit',
          'listen=partly',
          '--outcome',
          'advanced',
          '--lesson',
          'Get the CFO on the second call',
          '--lesson-habits',
          'discover',
          '--plan',
          'plan.json',
          '--next-at',
          '2099-01-14',
          '--yes',
          '--json',
        ]);
        expect(r.code, r.stderr).toBe(0);
        const logged = r.json<{
          call: {
            id: string;
            attendees: { name: string; side: string }[];
            habits: { state: string }[];
            lesson: string;
          };
          commitments: {
            side: string;
            text: string;
            due: string;
            target: string;
            madeOn: string;
          }[];
          nextStep: { text: string; due: string };
          plan: { revision: { number: number; callId: string } };
        }>();
        expect(logged.call.attendees.map((a) => [a.name, a.side])).toEqual([
          ['Sarah Chen', 'theirs'],
          ['Raj', 'theirs'],
          ['Ann Lee', 'ours'],
        ]);
        expect(logged.call.habits.map((h) => h.state).join(' ')).toBe(
          'no done no no partly no no no no no',
        );
        expect(logged.commitments.map((c) => [c.side, c.text, c.due, c.target, c.madeOn])).toEqual([
          ['ours', 'send the pricing sheet', '2026-01-09', '2026-01-08', '2026-01-05'],
          ['theirs', 'introduce us to their CFO', '2026-01-16', '2026-01-15', '2026-01-05'],
        ]);
        expect(logged.nextStep).toMatchObject({ text: 'meet again', due: '2099-01-14' });
        expect(logged.plan.revision).toMatchObject({ number: 1, callId: logged.call.id });
      });

      it('reads notes from stdin, moves milestones, and prints a summary', () => {
        const r = cli(
          [
            'call',
            'log',
            '--deal',
            dealId,
            '--at',
            '2026-01-07T15:00',
            '--outcome',
            'setback',
            '--reason',
            'not-now',
            '--milestone',
            'm1=2026-01-27',
            '--next',
            'Send the revised quote',
            '--next-at',
            '2099-02-02',
            '--yes',
          ],
          'Procurement pushed the review out. They will come back to us after the budget meeting.',
        );
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(
          /^Logged call cl_\w+ on "Pilot" at Wed 7 Jan 2026 15:00 America\/New_York, setback \(not-now\)\./,
        );
        expect(r.stdout).toContain('Next step: Send the revised quote on 2099-02-02');
        expect(r.stdout).toContain('Plan revision 2: 1 slipped');
        const bad = cli([
          'call',
          'log',
          '--deal',
          dealId,
          '--at',
          '2026-01-07T15:00',
          '--habit',
          'listen',
          '--yes',
        ]);
        expect(bad.code).toBe(1);
        expect(bad.stderr).toMatch(/--habit takes HABIT=STATE/);
      });

      it('lists calls without a deal: every deal one may see, newest first, with the deal', () => {
        const all = cli(['call', 'list', '--json']).json<{ id: string; startedAt: string }[]>();
        expect(all).toHaveLength(2);
        expect(all[0]!.startedAt > all[1]!.startedAt).toBe(true);
        expect(cli(['call', 'list', '--deal', dealId, '--json']).json()).toEqual(all);
        const table = cli(['call', 'list']);
        expect(table.stdout).toMatch(/^ID\s+STARTED \(LOCAL\)\s+DEAL\s+OUTCOME/m);
        expect(table.stdout).toContain(dealId);
        expect(cli(['call', 'list', '--limit', '1', '--json']).json()).toEqual([all[0]]);
        const bad = cli(['call', 'list', '--limit', 'lots']);
        expect(bad.code).toBe(1);
        expect(bad.stderr).toMatch(/Limit must be a whole number from 1 to 200/);
      });

      it('shows, edits and diffs the plan; an edit on an old revision is refused', () => {
        const shown = cli(['plan', 'show', dealId]);
        expect(shown.stdout).toMatch(/revision 2 of 2/);
        expect(shown.stdout).toMatch(/m1\s+Security review\s+theirs\s+2026-01-27\s+open/);
        const json = cli(['plan', 'show', dealId, '--json']).json<{
          number: number;
          document: { milestones: { state: string }[] };
        }>();
        json.document.milestones[0]!.state = 'done';
        write('plan-2.json', json);
        const edit = cli(['plan', 'edit', dealId, 'plan-2.json']);
        expect(edit.code, edit.stderr).toBe(0);
        expect(edit.stdout).toMatch(/Saved plan revision 3 of dl_\w+: 1 completed\./);
        const again = cli(['plan', 'edit', dealId, 'plan-2.json']);
        expect(again.code).toBe(1);
        expect(again.stderr).toMatch(/is at revision 3, not 2: .* Nothing was saved/);
        const diff = cli(['plan', 'diff', dealId, '1', '2']);
        expect(diff.stdout).toMatch(
          /slipped \(\+7d\)\s+m1\s+Security review\s+2026-01-20\s+2026-01-27/,
        );
        expect(cli(['plan', 'diff', dealId, '--json']).json()).toMatchObject({
          from: 2,
          to: 3,
          diff: { counts: { completed: 1 } },
        });
        expect(cli(['plan', 'history', dealId]).stdout).toMatch(/^3\s.*1 completed$/m);
        const none = cli(['plan', 'diff', dealId, '3', '1']);
        expect(none.code).toBe(1);
      });

      it('closes and pauses deals with reasons and lessons', () => {
        const won = cli([
          'deal',
          'close',
          dealId,
          '--won',
          '--lesson',
          'The mutual plan made the difference',
          '--lesson-habits',
          'plan',
          // The call left promises open: closing says what becomes of them (issue 12).
          '--promises',
          'keep',
          '--next-step',
          'keep',
        ]);
        expect(won.code, won.stderr).toBe(0);
        expect(won.stdout).toContain('Deal "Pilot" is won.');
        expect(cli(['deal', 'close', dealId, '--lost']).code).toBe(1);
        const second = cli([
          'deal',
          'add',
          '--account',
          'Globex',
          '--title',
          'Expansion',
          '--json',
        ]).json<{ id: string }>().id;
        expect(cli(['deal', 'close', second]).stderr).toMatch(/--won or --lost/);
        const paused = cli([
          'deal',
          'pause',
          second,
          '--until',
          '2099-01-05',
          '--lesson',
          'Budget next year',
          '--json',
        ]);
        expect(paused.code, paused.stderr).toBe(0);
        expect(paused.json()).toMatchObject({
          deal: { status: 'paused', reEngageOn: '2099-01-05', closeReason: 'not-now' },
          outcome: { outcome: 'paused', lesson: 'Budget next year' },
        });
      });

      it('shows insights that reflect the calls, outcomes and lessons', () => {
        const json = cli(['insights', '--from', '2026-01-01', '--to', '2026-01-31', '--json']);
        expect(json.code, json.stderr).toBe(0);
        const i = json.json<{
          outcomes: { calls: Record<string, number>; callReasons: Record<string, number> };
          habits: { key: string; calls: { done: number; partly: number } }[];
          lessons: { text: string }[];
        }>();
        expect(i.outcomes.calls).toMatchObject({ advanced: 1, setback: 1 });
        expect(i.outcomes.callReasons['not-now']).toBe(1);
        expect(i.habits.find((h) => h.key === 'plan')!.calls.done).toBe(1);
        expect(i.lessons.map((l) => l.text)).toEqual(['Get the CFO on the second call']);
        const text = cli(['insights', '--from', '2026-01-01', '--to', '2026-01-31']);
        expect(text.stdout).toMatch(/Habits: calls where practised/);
        expect(text.stdout).toContain('Get the CFO on the second call');
        expect(cli(['insights', '--from', 'soon']).code).toBe(1);
      });

      it('has --help on every new command', () => {
        for (const args of [['call', 'log'], ['plan', 'edit'], ['deal', 'pause'], ['insights']]) {
          const r = cli([...args, '--help']);
          expect(r.code, args.join(' ')).toBe(0);
          expect(r.stdout).toMatch(/Usage: momentum/);
        }
      });
    },
  );
}
