/*
 * The server side of the Today throughput comparison, run in its own process so that it does
 * not share a thread with the load generator: the Momentum API on the benchmark's database, and
 * a bare node:http server sending the exact bytes the API answers GET /api/v1/today with.
 * Prints {"api":port,"bare":port,"bytes":n} once both listen.
 */
import http from 'node:http';
import { contextFor } from '../../src/app/context.ts';
import { fixedClock } from '../../src/core/shared/clock.ts';
import { buildServer } from '../../src/http/server.ts';
import type { DatabaseConfig } from '../../src/storage/connection/config.ts';
import { openStore } from '../../src/storage/connection/open.ts';

const config = JSON.parse(process.env.BENCH_DB!) as DatabaseConfig;
const token = process.env.BENCH_TOKEN!;
const store = await openStore(config);
const app = await buildServer(contextFor(store, fixedClock(process.env.BENCH_NOW!)), {
  requestsPerMinute: 1e9,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const apiPort = (app.server.address() as { port: number }).port;

const res = await fetch(`http://127.0.0.1:${apiPort}/api/v1/today`, {
  headers: { authorization: `Bearer ${token}` },
});
if (res.status !== 200)
  throw new Error(`GET /api/v1/today answered ${res.status}: ${await res.text()}`);
const body = Buffer.from(await res.arrayBuffer());
const contentType = res.headers.get('content-type') ?? 'application/json';

const bare = http.createServer((_req, reply) => {
  reply.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  reply.end(body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const barePort = (bare.address() as { port: number }).port;
process.stdout.write(`${JSON.stringify({ api: apiPort, bare: barePort, bytes: body.length })}\n`);

process.on('SIGTERM', () => {
  bare.close();
  void app
    .close()
    .then(() => store.close())
    .then(() => process.exit(0));
});
