/*
 * Behind a proxy that appends to X-Forwarded-For, a client writes its own first entry. The
 * server must take the first untrusted address from the right, or every limit keyed by address
 * can be dodged by changing that entry (issue 11, item 4). Run against the real `momentum serve`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../src/http/security/trust-proxy.ts';
import { runCli } from '../support/cli.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/momentum.mjs');
const PASSWORD = 'plum tractor quietly sings';

async function serve(cwd: string, env: NodeJS.ProcessEnv) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'serve', '--quiet', '--port', '0', '--host', '127.0.0.1'],
    { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  for (let i = 0; i < 300 && !/running at \S+:(\d+)/.test(out); i++)
    await new Promise((r) => setTimeout(r, 100));
  const port = /running at \S+:(\d+)/.exec(out)?.[1];
  if (!port) throw new Error(`the server did not start: ${out}`);
  return { base: `http://127.0.0.1:${port}`, child };
}

describe('momentum serve --trust-proxy', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-proxy-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('takes the client address the proxy appended, not the one the client wrote', async () => {
    // TRUST_PROXY=1 has always meant "one proxy in front"; this test connects as that proxy.
    const { base, child } = await serve(cwd, { TRUST_PROXY: '1' });
    children.push(child);
    const post = (url: string, body: object, forwardedFor?: string) =>
      fetch(`${base}${url}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(forwardedFor && { 'x-forwarded-for': forwardedFor }),
        },
        body: JSON.stringify(body),
      });
    const signup = await post('/api/v1/auth/signup', {
      workspace: 'Proxy Co',
      name: 'Pat',
      email: 'pat@proxy.example',
      password: PASSWORD,
      timeZone: 'UTC',
      region: 'US',
    });
    expect(signup.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      // The client claims a new address each time; the proxy appends the real one.
      const res = await post(
        '/api/v1/auth/login',
        { email: 'pat@proxy.example', password: `guess number ${i}` },
        `10.9.${i}.1, 203.0.113.9`,
      );
      statuses.push(res.status);
    }
    // Five failed passwords per account and address, then 429: one address, not eight.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  }, 60_000);

  it('refuses a value that is neither a hop count nor addresses', () => {
    const r = runCli(['serve', '--trust-proxy', 'yes'], {
      cwd,
      env: { MOMENTUM_DB: path.join(cwd, 'x.db') },
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--trust-proxy takes the number of proxies/);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['10.0.0.5', ['10.0.0.5']],
    ['10.0.0.0/8, loopback', ['10.0.0.0/8', 'loopback']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
  ])('reads %s', (text, expected) => {
    expect(parseTrustProxy(text)).toEqual(expected);
  });

  it.each(['0', 'true', '10.0.0.0/33', '300.1.1.1', '', 'example.com'])('refuses %j', (text) => {
    expect(() => parseTrustProxy(text)).toThrow(/--trust-proxy/);
  });
});
