import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, type CliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/calendar');
/** Five days before the first meeting of the fixtures. */
const NOW = '2027-02-20T12:00:00Z';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`momentum calendar on ${dialect.name}`, () => {
    let db: CliDatabase;
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      runCli(args, { cwd: db.cwd, env: { ...db.env, ...env }, now: NOW });
    const ok = (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const r = cli(args, env);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      return r;
    };

    beforeAll(async () => {
      db = await createCliDatabase(dialect.name, 'calendar');
      ok([
        'init',
        '--workspace',
        'Acme',
        '--name',
        'Ann Lee',
        '--email',
        'ann@acme.test',
        '--tz',
        'America/Los_Angeles',
        '--region',
        'US',
      ]);
      ok(['account', 'add', 'Globex']);
      ok([
        'contact',
        'add',
        '--account',
        'Globex',
        '--name',
        'Sarah Chen',
        '--email',
        'sarah@globex.example',
      ]);
      ok(['deal', 'add', '--account', 'Globex', '--title', 'Globex pilot']);
    }, 240_000);
    afterAll(async () => db?.dispose());

    it('prints the feed URL on the configured public URL, once; rotates and revokes it', () => {
      const first = ok(['calendar', 'url', '--json'], {
        MOMENTUM_PUBLIC_URL: 'https://crm.example.org/',
      }).json<{
        url: string;
        state: string;
      }>();
      expect(first.state).toBe('created');
      expect(first.url).toMatch(/^https:\/\/crm\.example\.org\/ical\/cal_[\w-]{40,}\.ics$/);
      const again = ok(['calendar', 'url']).stdout;
      expect(again).toMatch(/shown only when made/);
      expect(again).not.toContain(first.url);
      const rotated = ok(['calendar', 'url', '--rotate'], { PORT: '4123' }).stdout;
      expect(rotated).toMatch(/^Your new calendar feed URL/);
      expect(rotated).toMatch(/http:\/\/localhost:4123\/ical\/cal_[\w-]+\.ics/);
      expect(ok(['calendar', 'url', '--revoke']).stdout).toMatch(/Revoked/);
      const none = cli(['calendar', 'url', '--revoke']);
      expect(none.code).not.toBe(0);
      expect(none.stderr).toMatch(/calendar feed/);
      const bad = cli(['calendar', 'url', '--public-url', 'ftp://x']);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/http/);
    });

    it('imports a calendar file, printing what it did per event, and adds nothing the second time', () => {
      const file = path.join(FIXTURES, 'google.ics');
      const dry = ok(['calendar', 'import', '--dry-run', file]).stdout;
      expect(dry).toMatch(/Dry run: nothing was written/);
      expect(dry).toMatch(
        /^created +2027-02-25 18:00 UTC {2}Globex pilot sync → Globex pilot \(Globex\)$/m,
      );
      expect(dry).toMatch(/^skipped .*Coffee with a stranger: no attendee is a contact/m);
      const first = ok(['calendar', 'import', '--json', file]).json<{
        counts: Record<string, number>;
      }>();
      expect(first.counts).toMatchObject({ created: 5, skipped: 1 });
      const second = ok(['calendar', 'import', file]).stdout;
      expect(second).toMatch(/0 booked, 0 updated, 5 unchanged/);
      const outlook = ok(['calendar', 'import', path.join(FIXTURES, 'outlook.ics')]).stdout;
      expect(outlook).toMatch(/^created +2027-03-16 21:00 UTC {2}Globex security review/m);
      expect(outlook).toMatch(/Initech TPS review: no attendee is a contact/);
    });

    it('explains itself and fails clearly', () => {
      expect(ok(['calendar', 'import', '--help']).stdout).toMatch(/--dry-run/);
      const missing = cli(['calendar', 'import', 'nope.ics']);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toMatch(/nope\.ics/);
      fs.writeFileSync(path.join(db.cwd, 'notes.ics'), 'hello');
      const bad = cli(['calendar', 'import', 'notes.ics']);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/not a calendar/);
    });
  });
}
