import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.ts';
import {
  createCliDatabase,
  runCliProcess,
  runCliProcessAsync,
  type CliDatabase,
  initAnnArgs,
} from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

/**
 * The other CLI suites run main() in process (test/support/cli.ts); this one starts the real
 * bin (the compiled build, on the real clock) once for every top-level command, so that what
 * a user types is covered end to end. `serve` is covered by test/server/serve.test.ts.
 * The commands that need nothing from each other run in three lanes side by side (each is a
 * Node start-up, mostly CPU: this keeps both cores busy while the suite waits on one).
 */
const E2E_TIMEOUT = 240_000;

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the momentum bin on ${dialect.name}`, () => {
    let db: CliDatabase;
    const covered = new Set<string>(['serve']);
    const run = (args: string[], input?: string) => {
      covered.add(args[0]!);
      const r = runCliProcess(args, {
        cwd: db.cwd,
        env: db.env,
        ...(input !== undefined && { input }),
      });
      return r;
    };
    const ok = (args: string[], input?: string) => {
      const r = run(args, input);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      return r;
    };
    const runAsync = (args: string[], input?: string) => {
      covered.add(args[0]!);
      return runCliProcessAsync(args, {
        cwd: db.cwd,
        env: db.env,
        ...(input !== undefined && { input }),
      });
    };
    const okAsync = async (args: string[], input?: string) => {
      const r = await runAsync(args, input);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      return r;
    };

    beforeAll(async () => {
      db = await createCliDatabase(dialect.name, 'bin');
    });
    afterAll(async () => db?.dispose());

    it(
      'runs every command once from a new process',
      async () => {
        ok(initAnnArgs());
        ok(['account', 'add', 'Globex']);
        ok([
          'contact',
          'add',
          '--account',
          'Globex',
          '--name',
          'Sárah Chen',
          '--phone',
          '555 0100',
        ]);
        const deal = ok(['deal', 'add', '--account', 'Globex', '--title', 'Pilot', '--json']).json<{
          id: string;
        }>();
        const promise = ok([
          'commit',
          'add',
          '--deal',
          deal.id,
          '--side',
          'ours',
          '--due',
          '2099-12-04',
          '--json',
          'send the pricing sheet',
        ]).json<{ id: string }>();
        expect(promise.id).toMatch(/\w/);
        expect(ok(['touch', '--deal', deal.id, '--kind', 'email', 'Sent the deck']).stdout).toMatch(
          /Logged email/,
        );
        const found = ok(['search', 'sarah', '--json']).json<{ results: { title: string }[] }>();
        expect(found.results.map((r) => r.title)).toEqual(['Sárah Chen']);
        ok([
          'contact',
          'add',
          '--account',
          'Globex',
          '--name',
          'Jen Park',
          '--email',
          'jen@globex.test',
        ]);
        fs.writeFileSync(
          path.join(db.cwd, 'pricing.eml'),
          [
            '<pricing-bin@acme.test>'.replace(/^/, 'Message-ID: '),
            `Date: ${new Date(Date.now() - 60_000).toUTCString()}`,
            'From: Ann Lee <ann@acme.test>',
            'To: Jen Park <jen@globex.test>',
            'Subject: Pricing sheet',
            'Content-Type: text/plain; charset=utf-8',
            '',
            'Jen, attached is the pricing sheet: https://acme.test/p/globex',
          ].join('\r\n'),
        );
        const mailed = ok(['mail', 'import', 'pricing.eml', '--json']).json<{
          status: string;
          keeps: { id: string; band: string; commitment: { id: string } }[];
        }>();
        expect(mailed.status).toBe('filed');
        expect(mailed.keeps.map((k) => [k.commitment.id, k.band])).toEqual([
          [promise.id, 'confident'],
        ]);
        expect(ok(['mail', 'keep', mailed.keeps[0]!.id]).stdout).toMatch(
          /Kept: send the pricing sheet .*early/,
        );

        // From here on no command needs another's result: three lanes at once.
        const reads = async () => {
          expect((await okAsync(['search', 'glob'])).stdout).toMatch(/account\s+\S+\s+Globex/);
          expect((await runAsync(['search', '--limit', '0', 'x'])).code).not.toBe(0);
          expect((await runAsync(['mail', 'import', 'missing.eml'])).code).toBe(1);
          expect((await okAsync(['today', '--json'])).json()).toHaveProperty('items');
          expect((await okAsync(['march', '--json'])).json()).toBeTruthy();
          expect((await okAsync(['stage', 'list'])).stdout).toMatch(/Discovery/);
          expect((await okAsync(['playbook'])).stdout).toMatch(/\w/);
          expect((await runAsync(['plan', 'show', deal.id])).stderr).toMatch(/has no plan yet/);
          expect((await okAsync(['call', 'list', '--deal', deal.id, '--json'])).json()).toEqual([]);
        };
        const settings = async () => {
          expect((await okAsync(['insights', '--json'])).json()).toHaveProperty('promiseKeeping');
          expect(
            (await okAsync(['token', 'create', '--name', 'ci', '--json'])).json(),
          ).toHaveProperty('token');
          expect(
            (await okAsync(['calendar', 'url', '--json'])).json<{ url: string }>().url,
          ).toMatch(/^http:\/\/localhost:\d+\/ical\/cal_[\w-]+\.ics$/);
          expect((await okAsync(['member', 'list'])).stdout).toContain('ann@acme.test');
          expect((await okAsync(['audit', '--json'])).json<unknown[]>().length).toBeGreaterThan(0);
          expect(
            (
              await okAsync(
                [
                  'extract',
                  '--at',
                  '2026-01-05T10:00',
                  '--tz',
                  'America/New_York',
                  '--region',
                  'US',
                  '--json',
                ],
                'I will send the proposal by Friday.\n',
              )
            ).json(),
          ).toHaveProperty('commitments');
          if (dialect.name === 'sqlite') {
            await okAsync(['backup', 'copy.db']);
            expect(fs.existsSync(path.join(db.cwd, 'copy.db'))).toBe(true);
          } else {
            expect((await runAsync(['backup', 'copy.db'])).stderr).toMatch(/pg_dump/);
          }
          expect(
            (await okAsync(['digest', 'settings', '--time', '07:30', '--json'])).json(),
          ).toMatchObject({ time: '07:30', enabled: true });
          const digest = await runAsync(['digest', 'send', '--json']);
          expect(digest.code).toBe(1);
          expect(digest.stderr).toContain(
            'E-mail is not configured: set SMTP_URL and MOMENTUM_FROM',
          );
        };
        const integrations = async () => {
          expect((await okAsync(['workspace', 'list'])).stdout).toContain('Acme');
          const hook = (
            await okAsync([
              'webhook',
              'add',
              'https://hooks.example.com/momentum',
              '--events',
              'call.logged,deal.closed',
              '--json',
            ])
          ).json<{ id: string; secret: string }>();
          expect(hook.secret).toMatch(/^whsec_/);
          expect(
            (await okAsync(['webhook', 'list', '--json'])).json<{ id: string }[]>()[0]!.id,
          ).toBe(hook.id);
          expect((await okAsync(['webhook', 'deliveries', hook.id, '--json'])).json()).toEqual([]);
          expect(
            (await runAsync(['webhook', 'add', 'http://127.0.0.1:9/x', '--events', 'deal.closed']))
              .stderr,
          ).toMatch(/loopback/);
          expect((await runAsync(['webhook', 'replay', 'wd_unknown'])).stderr).toMatch(
            /wd_unknown/,
          );
          await okAsync(['webhook', 'remove', hook.id]);
          expect((await okAsync(['webhook', 'list', '--json'])).json()).toEqual([]);
          const ics = path.resolve(import.meta.dirname, '../fixtures/calendar/google.ics');
          expect(
            (await okAsync(['calendar', 'import', ics, '--dry-run', '--json'])).json<{
              dryRun: boolean;
            }>(),
          ).toMatchObject({ dryRun: true });
          expect((await okAsync(['worker', '--once', '--json'])).json()).toEqual({ ran: true });
          await okAsync(['export', '--format', 'json', '--out', 'exported']);
          expect(fs.readdirSync(path.join(db.cwd, 'exported')).length).toBeGreaterThan(0);
          const salesforce = path.resolve(import.meta.dirname, '../fixtures/import/salesforce');
          const preview = await runAsync([
            'import',
            '--dry-run',
            ...fs.readdirSync(salesforce).map((f) => path.join(salesforce, f)),
          ]);
          expect(preview.stdout).toContain('Dry run: nothing was written');
          const bad = await runAsync(['deal', 'show', 'dl_missing']);
          expect(bad.code).toBe(1);
          expect(bad.stderr.trim().split('\n')).toHaveLength(1);
        };
        await Promise.all([reads(), settings(), integrations()]);
      },
      E2E_TIMEOUT,
    );

    it(
      'loads a sample workspace into a new database',
      async () => {
        const sample = await createCliDatabase(dialect.name, 'bin_demo');
        try {
          const r = runCliProcess(['demo', '--json', '--tz', 'Europe/Berlin'], {
            cwd: sample.cwd,
            env: sample.env,
          });
          covered.add('demo');
          expect(r.code, r.stderr).toBe(0);
          expect(r.json()).toMatchObject({ member: { role: 'owner' } });
        } finally {
          await sample.dispose();
        }
        expect([...covered].sort()).toEqual(COMMANDS.map((c) => c.name).sort());
      },
      E2E_TIMEOUT,
    );
  });
}
