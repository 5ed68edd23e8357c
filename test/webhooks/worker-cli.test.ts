import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCliProcess, type CliDatabase } from '../support/cli.ts';
import { askUntil } from '../support/eventually.ts';
import { startReceiver } from './support.ts';

/*
 * `momentum worker` from the real bin (the compiled build) on SQLite: it delivers a webhook
 * for a deal closed from another command, and stops cleanly on SIGTERM.
 */
const BIN = path.resolve(import.meta.dirname, '../../bin/momentum.mjs');

describe('momentum worker (the real bin, SQLite)', () => {
  let db: CliDatabase;
  beforeAll(async () => {
    db = await createCliDatabase('sqlite', 'worker');
  });
  afterAll(async () => db?.dispose());

  it('delivers a signed webhook and exits 0 on SIGTERM', async () => {
    const receiver = await startReceiver([200]);
    const env = { ...db.env, MOMENTUM_WEBHOOKS_ALLOW_PRIVATE: '1' };
    const ok = (args: string[]) => {
      const r = runCliProcess(args, { cwd: db.cwd, env });
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      return r;
    };
    try {
      ok([
        'init',
        '--workspace',
        'Acme',
        '--name',
        'Ann Lee',
        '--email',
        'ann@acme.test',
        '--tz',
        'Asia/Tokyo',
        '--region',
        'JP',
      ]);
      ok(['account', 'add', 'Globex']);
      const deal = ok(['deal', 'add', '--account', 'Globex', '--title', 'Pilot', '--json']).json<{
        id: string;
      }>();
      const hook = ok([
        'webhook',
        'add',
        receiver.url,
        '--events',
        'deal.closed',
        '--allow-private',
        '--json',
      ]).json<{ id: string }>();
      ok(['deal', 'close', deal.id, '--won']);

      const child = spawn(process.execPath, [BIN, 'worker'], {
        cwd: db.cwd,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(await askUntil(() => receiver.received.length === 1, 30_000)).not.toBeNull();
      expect(out).toMatch(/running jobs/);
      const body = JSON.parse(receiver.received[0]!.body) as {
        type: string;
        data: { dealId: string };
      };
      expect(body).toMatchObject({ type: 'deal.closed', data: { dealId: deal.id } });
      expect(receiver.received[0]!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const log = ok(['webhook', 'deliveries', hook.id, '--json']).json<
        { status: string; attempts: number; id: string }[]
      >();
      expect(log).toEqual([
        expect.objectContaining({
          status: 'succeeded',
          attempts: 1,
          id: receiver.received[0]!.headers['webhook-id'],
        }),
      ]);
    } finally {
      await receiver.close();
    }
  }, 120_000);
});
