import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, type CliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/dialects.ts';
import { startSmtpPeerProcess } from '../support/mail.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`momentum member reset-password on ${dialect.name}`, () => {
    let db: CliDatabase;
    let peer: Awaited<ReturnType<typeof startSmtpPeerProcess>>;
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      runCli(args, { cwd: db.cwd, env: { ...db.env, ...env }, now: '2026-11-24T14:00:00Z' });

    beforeAll(async () => {
      db = await createCliDatabase(dialect.name, 'reset');
      peer = await startSmtpPeerProcess();
    });
    afterAll(async () => {
      await peer?.close();
      await db?.dispose();
    });

    it(
      'prints a one-time link without SMTP, and e-mails it with',
      { timeout: 120_000 },
      async () => {
        const init = cli([
          'init',
          '--workspace',
          'Acme',
          '--name',
          'Ann Lee',
          '--email',
          'ann@acme.test',
          '--tz',
          'Europe/Berlin',
          '--region',
          'DE',
        ]);
        expect(init.code, init.stderr).toBe(0);

        const plain = cli(['member', 'reset-password', 'ann@acme.test'], {
          MOMENTUM_PUBLIC_URL: 'https://crm.acme.test',
        });
        expect(plain.code, plain.stderr).toBe(0);
        expect(plain.stdout).toContain('E-mail is not configured');
        expect(plain.stdout).toMatch(/https:\/\/crm\.acme\.test\/reset-password\/mpr_\S+/);
        // An hour after the (frozen, ticking) clock of the CLI run.
        expect(plain.stdout).toMatch(/until 2026-11-24T15:00:00(\.\d+)?Z/);

        const json = cli(['member', 'reset-password', 'ann@acme.test', '--json'], {
          MOMENTUM_PUBLIC_URL: 'https://crm.acme.test',
        });
        expect(json.code, json.stderr).toBe(0);
        const shown = json.json() as { link: string; emailed: boolean; expiresAt: string };
        expect(shown.emailed).toBe(false);
        expect(shown.expiresAt).toMatch(/^2026-11-24T15:00:00(\.\d+)?Z$/);
        expect(plain.stdout).not.toContain(shown.link);

        const mailed = cli(['member', 'reset-password', 'ann@acme.test', '--json'], {
          SMTP_URL: peer.url,
          MOMENTUM_FROM: 'Momentum <momentum@acme.test>',
          MOMENTUM_PUBLIC_URL: 'https://crm.acme.test',
        });
        expect(mailed.code, mailed.stderr).toBe(0);
        const sent = mailed.json() as { link: string; emailed: boolean };
        expect(sent.emailed).toBe(true);
        const [mail] = await peer.waitFor(1);
        expect(mail!.to).toMatchObject({ value: [{ address: 'ann@acme.test' }] });
        expect(String(mail!.text)).toContain(sent.link);

        const unknown = cli(['member', 'reset-password', 'nobody@acme.test']);
        expect(unknown.code).not.toBe(0);
      },
    );
  });
}
