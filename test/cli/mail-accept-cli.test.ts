import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, type CliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

/** `momentum mail accept MESSAGE NUMBER`: a new promise read from an outgoing e-mail becomes a
 * real one on the message's deal, once. Dated in the member's zone (Tokyo, a day ahead of UTC). */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`mail accept from the CLI on ${dialect.name}`, () => {
    let db: CliDatabase;
    // Thu 2026-11-26 20:00 UTC is Fri 2026-11-27 05:00 in Tokyo.
    const cli = (...args: string[]) =>
      runCli(args, { cwd: db.cwd, env: db.env, now: '2026-11-26T20:00:00Z' });
    const ok = (...args: string[]) => {
      const r = cli(...args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      return r;
    };

    beforeAll(async () => {
      db = await createCliDatabase(dialect.name, 'mail-accept');
    });
    afterAll(async () => db?.dispose());

    it(
      'adds the proposed promise with its due date and target, and refuses a second accept',
      {
        timeout: 120_000,
      },
      () => {
        ok(
          'init',
          '--workspace',
          'Acme',
          '--name',
          'Kenji Sato',
          '--email',
          'kenji@acme.test',
          '--tz',
          'Asia/Tokyo',
          '--region',
          'JP',
        );
        ok('account', 'add', 'Globex');
        ok(
          'contact',
          'add',
          '--account',
          'Globex',
          '--name',
          'Jen Park',
          '--email',
          'jen@globex.test',
        );
        const deal = ok('deal', 'add', '--account', 'Globex', '--title', 'Pilot', '--json').json<{
          id: string;
        }>();
        fs.writeFileSync(
          path.join(db.cwd, 'contract.eml'),
          [
            'Message-ID: <contract-cli@acme.test>',
            // Fri 2026-11-27 04:00 in Tokyo.
            'Date: Thu, 26 Nov 2026 19:00:00 +0000',
            'From: Kenji Sato <kenji@acme.test>',
            'To: Jen Park <jen@globex.test>',
            'Subject: Contract',
            'Content-Type: text/plain; charset=utf-8',
            '',
            "Jen, I'll send the contract by Wednesday.",
          ].join('\r\n'),
        );
        const imported = ok('mail', 'import', 'contract.eml', '--json').json<{
          id: string;
          status: string;
          newPromises: { due: string | null }[];
        }>();
        expect(imported.status).toBe('filed');
        // Wednesday after Friday the 27th in Tokyo (not after Thursday the 26th in UTC).
        expect(imported.newPromises.map((p) => p.due)).toEqual(['2026-12-02']);
        expect(ok('mail', 'import', 'contract.eml').stdout).toMatch(
          new RegExp(`momentum mail accept ${imported.id} 1`),
        );

        const added = ok('mail', 'accept', imported.id, '1', '--json').json<{
          dealId: string;
          side: string;
          due: string;
          madeOn: string;
          target: string;
        }>();
        expect(added).toMatchObject({
          dealId: deal.id,
          side: 'ours',
          due: '2026-12-02',
          madeOn: '2026-11-27',
          target: '2026-12-01',
        });

        const again = cli('mail', 'accept', imported.id, '1');
        expect(again.code).not.toBe(0);
        expect(again.stderr).toMatch(/already accepted/);
        const bad = cli('mail', 'accept', imported.id, 'first');
        expect(bad.code).not.toBe(0);
        expect(bad.stderr).toMatch(/1, 2/);
        const list = ok('commit', 'list', '--deal', deal.id, '--json').json<{ text: string }[]>();
        expect(list.filter((c) => /contract/.test(c.text))).toHaveLength(1);
        expect(ok('mail', 'accept', '--help').stdout).toMatch(/NUMBER|number/);
      },
    );
  });
}
