import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, type CliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';
import { startSmtpPeerProcess } from '../support/mail.ts';

const PASSWORD = 'Sup3r-Secret-Pa55';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`momentum digest on ${dialect.name}`, () => {
    let db: CliDatabase;
    let peer: Awaited<ReturnType<typeof startSmtpPeerProcess>>;
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      runCli(args, { cwd: db.cwd, env: { ...db.env, ...env }, now: '2026-11-24T14:00:00Z' });
    const mailEnv = () => ({
      SMTP_URL: peer.url,
      MOMENTUM_FROM: 'Momentum <momentum@acme.test>',
      MOMENTUM_PUBLIC_URL: 'https://crm.acme.test',
    });

    beforeAll(async () => {
      db = await createCliDatabase(dialect.name, 'digest');
      peer = await startSmtpPeerProcess();
    });
    afterAll(async () => {
      await peer?.close();
      await db?.dispose();
    });

    it('changes the settings, and says when e-mail is not configured', { timeout: 120_000 }, () => {
      const init = cli([
        'init',
        '--workspace',
        'Acme',
        '--name',
        'Ann Lee',
        '--email',
        'ann@acme.test',
        '--tz',
        'Asia/Kolkata',
        '--region',
        'IN',
      ]);
      expect(init.code, init.stderr).toBe(0);
      const shown = cli(['digest', 'settings']);
      expect(shown.stdout).toContain(
        'Daily digest: on, at 08:00 on your business days (Asia/Kolkata)',
      );
      expect(shown.stdout).toContain('E-mail is not configured: set SMTP_URL and MOMENTUM_FROM');
      const changed = cli(['digest', 'settings', '--time', '7:45', '--off', '--json']);
      expect(changed.code, changed.stderr).toBe(0);
      expect(changed.json()).toEqual({
        enabled: false,
        time: '07:45',
        timeZone: 'Asia/Kolkata',
        version: 2,
        emailConfigured: false,
      });
      expect(cli(['digest', 'settings', '--on']).stdout).toContain('on, at 07:45');
      const bad = cli(['digest', 'settings', '--time', '7pm']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/HH:MM/);

      const unsent = cli(['digest', 'send']);
      expect(unsent.code).toBe(1);
      expect(unsent.stderr).toBe(
        'momentum: Not sent: E-mail is not configured: set SMTP_URL and MOMENTUM_FROM.\n',
      );
    });

    it(
      'sends the digest now, once, and refuses an unknown --as',
      { timeout: 120_000 },
      async () => {
        cli(['member', 'invite', 'bo@acme.test', '--role', 'rep']);
        const sent = cli(['digest', 'send', '--date', '2026-11-24', '--json'], mailEnv());
        expect(sent.code, sent.stderr).toBe(0);
        expect(sent.json()).toEqual({
          outcome: 'sent',
          to: 'ann@acme.test',
          localDate: '2026-11-24',
        });
        const again = cli(['digest', 'send', '--date', '2026-11-24'], mailEnv());
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toBe(
          'The digest for 2026-11-24 to ann@acme.test was already sent; not sending it again.\n',
        );
        const mails = await peer.waitFor(1);
        await new Promise((r) => setTimeout(r, 300));
        expect(await peer.read()).toHaveLength(1);
        expect(mails[0]!.subject).toMatch(/^Momentum 2026-11-24: /);
        expect(mails[0]!.text).toContain('Open Today: https://crm.acme.test/');
        const other = cli(['--as', 'nobody@acme.test', 'digest', 'send'], mailEnv());
        expect(other.code).toBe(1);
        expect(other.stderr).toMatch(/No member nobody@acme.test/);
      },
    );

    it('never shows the SMTP password, even when sending fails', { timeout: 120_000 }, () => {
      // Nothing listens on port 9 of this machine: the connection is refused.
      const env = {
        SMTP_URL: `smtp://ann:${encodeURIComponent(PASSWORD)}@127.0.0.1:9`,
        MOMENTUM_FROM: 'momentum@acme.test',
      };
      const failed = cli(['digest', 'send', '--date', '2026-11-25', '--debug'], env);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/Sending e-mail failed/);
      expect(failed.stdout + failed.stderr).not.toContain(PASSWORD);
      expect(failed.stdout + failed.stderr).not.toContain(encodeURIComponent(PASSWORD));
    });
  });
}
