import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/momentum.mjs');

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`server on ${dialect.name}`, () => {
    let t: TestContext;
    let app: Awaited<ReturnType<typeof buildServer>>;
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
      app = await buildServer(t.ctx);
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('reports health with the database in use', async () => {
      const r = await app.inject('/api/v1/health');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({
        status: 'ok',
        database: dialect.name,
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      });
    });

    it('answers readiness from the database: ready while it answers', async () => {
      const r = await app.inject('/api/v1/health/ready');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ status: 'ready', database: dialect.name });
    });

    it('publishes an OpenAPI 3.1 document whose references all resolve', async () => {
      const doc = (await app.inject('/openapi.json')).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/health',
          '/api/v1/deals',
          '/api/v1/deals/{id}',
          '/api/v1/commitments',
        ]),
      );
      const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of new Set(refs)) {
        const pointer = ref.slice('"$ref":"'.length, -1);
        expect(pointer.startsWith('#/'), pointer).toBe(true);
        const target = pointer
          .slice(2)
          .split('/')
          .reduce<unknown>(
            (node, key) => (node as Record<string, unknown> | undefined)?.[key],
            doc,
          );
        expect(target, `${pointer} resolves`).toBeDefined();
      }
      for (const [p, ops] of Object.entries<Record<string, { responses?: object }>>(doc.paths)) {
        for (const [method, op] of Object.entries(ops))
          expect(op.responses, `${method} ${p}`).toBeDefined();
      }
      expect((await app.inject('/docs')).statusCode).toBeLessThan(400);
    });

    it('answers unknown API paths with a 404 problem and app paths with the web app', async () => {
      const api = await app.inject('/api/v1/nope');
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ code: 'not-found', status: 404 });
      const page = await app.inject('/deals/dl_123');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
    });
  });
}

describe('momentum serve', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-serve-'));
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('creates the database on first run, serves, and on SIGTERM closes it and exits 0', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    delete env.PORT;
    const child = spawn(process.execPath, [BIN, 'serve', '--quiet', '--port', '0'], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    // On port 0 the system picks a free port; the server prints the one it got.
    for (let i = 0; i < 600 && !/running at http:\/\/\S+:\d+/.test(out); i++)
      await new Promise((r) => setTimeout(r, 100));
    const port = Number(/running at http:\/\/\S+:(\d+)/.exec(out)?.[1]);
    expect(port, out).toBeGreaterThan(0);
    const health = await fetch(`http://localhost:${port}/api/v1/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', database: 'sqlite' });
    expect(fs.existsSync(path.join(cwd, 'data', 'momentum.db'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // A clean close checkpoints the WAL into the main file and removes it.
    expect(fs.existsSync(path.join(cwd, 'data', 'momentum.db-wal'))).toBe(false);
  }, 90_000);
});
