import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

/*
 * How the built web app is served: hashed assets cached for a year, index.html revalidated on
 * every load (so a new build shows at once), the precompressed file the browser accepts, and
 * client-side routes answered with the app.
 */
for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the web app's files on ${dialect.name}`, () => {
    let t: TestContext;
    let app: TestServer;
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-dist-'));
    const script = 'console.log("momentum");'.repeat(50);

    beforeAll(async () => {
      fs.mkdirSync(path.join(dist, 'assets'));
      fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
      fs.writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), script);
      fs.writeFileSync(
        path.join(dist, 'assets', 'index-AbC123.js.br'),
        zlib.brotliCompressSync(script),
      );
      fs.writeFileSync(path.join(dist, 'assets', 'index-AbC123.js.gz'), zlib.gzipSync(script));
      t = await openTestContext(dialect.name);
      app = await startTestServer(t, { webDist: dist });
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
      fs.rmSync(dist, { recursive: true, force: true });
    });

    it('caches hashed assets for a year and sends the compression the browser accepts', async () => {
      const br = await app.inject({
        method: 'GET',
        url: '/assets/index-AbC123.js',
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(br.statusCode).toBe(200);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);

      const gz = await app.inject({
        method: 'GET',
        url: '/assets/index-AbC123.js',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gz.headers['content-encoding']).toBe('gzip');
      const plain = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(script);
    });

    it('revalidates index.html, for / and for any app route', async () => {
      for (const url of ['/', '/deals/dl_123?tab=plan']) {
        const r = await app.inject({ method: 'GET', url });
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-type']).toContain('text/html');
        expect(r.headers['cache-control']).toBe('no-cache');
        expect(r.body).toContain('<div id="root">');
      }
    });
  });
}
