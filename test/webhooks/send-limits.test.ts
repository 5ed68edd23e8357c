import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from '../../src/app/webhooks/http-delivery.ts';

/* One delivery's bounds: the whole attempt (name lookup included) within its time, and no more
 * of the answer read than the limit, however the receiver behaves. */
const message = { id: 'msg_1', timestamp: 1_800_000_000, body: '{}', signature: 'v1,x' };
const limits = { timeoutMs: 500, maxResponseBytes: 1024 };

describe('the bounds of one webhook attempt', () => {
  let server: http.Server;
  let base = '';
  let sentBytes = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/drip') {
        res.writeHead(200);
        const timer = setInterval(() => res.write('x'), 50);
        res.on('close', () => clearInterval(timer));
      } else if (req.url === '/huge') {
        res.writeHead(200, { 'content-length': String(64 * 1024 * 1024) });
        const chunk = Buffer.alloc(64 * 1024);
        const pump = () => {
          while (sentBytes < 64 * 1024 * 1024 && res.write(chunk)) sentBytes += chunk.length;
        };
        res.on('drain', pump);
        pump();
      } else if (req.url === '/silent') {
        // headers never come
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const send = (path: string) =>
    sendWebhook({ url: `${base}${path}`, allowPrivate: true }, message, limits);

  it('gives up on a receiver that never answers, or drips its answer, within the time', async () => {
    for (const path of ['/silent', '/drip']) {
      const result = await send(path);
      expect(result.durationMs, path).toBeLessThan(limits.timeoutMs + 1_000);
      expect(result.error ?? '', path).toMatch(/no answer within 500 ms/);
    }
  });

  it('stops reading a huge answer at the limit', async () => {
    const result = await send('/huge');
    expect(result.status).toBe(200);
    expect(sentBytes).toBeLessThan(16 * 1024 * 1024);
  });

  it('counts a name lookup that hangs against the same time', async () => {
    const never = () => new Promise<{ address: string; family: number }[]>(() => {});
    const result = await sendWebhook(
      { url: 'https://hooks.example.com/in', allowPrivate: false },
      message,
      limits,
      never,
    );
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/no answer within 500 ms/);
  });
});
