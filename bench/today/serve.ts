/*
 * The server side of the Today throughput comparison, run in its own process so that it does
 * not share a thread with the load generator: the Momentum API on the benchmark's database, and
 * a bare node:http server sending, for each measured route, the exact bytes the API answers it
 * with. Prints {"api":port,"bare":port,"bytes":{path:n}} once both listen.
 */
import http from 'node:http';
import { contextFor } from '../../src/app/context.ts';
import { fixedClock } from '../../test/support/clock.ts';
import { buildServer } from '../../src/http/server.ts';
import type { DatabaseConfig } from '../../src/storage/connection/config.ts';
import { openStore } from '../../src/storage/connection/open.ts';

const config = JSON.parse(process.env.BENCH_DB!) as DatabaseConfig;
/** The routes to mirror: each path with the headers that authenticate it. */
const routes = JSON.parse(process.env.BENCH_ROUTES!) as {
  path: string;
  headers: Record<string, string>;
}[];
const store = await openStore(config);
const app = await buildServer(contextFor(store, fixedClock(process.env.BENCH_NOW!)), {
  requestsPerMinute: 1e9,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const apiPort = (app.server.address() as { port: number }).port;

/** What the API answers each path with: the bare server sends exactly these bytes. Read twice:
 * each credential's first use writes its "last used" or "last seen", which makes what the
 * server kept on the first pass stale; the second pass is the steady state the loads measure. */
const answers = new Map<string, { body: Buffer; contentType: string }>();
for (const route of [...routes, ...routes]) {
  const res = await fetch(`http://127.0.0.1:${apiPort}${route.path}`, { headers: route.headers });
  if (res.status !== 200)
    throw new Error(`GET ${route.path} answered ${res.status}: ${await res.text()}`);
  const body = Buffer.from(await res.arrayBuffer());
  answers.set(route.path, {
    body,
    contentType: res.headers.get('content-type') ?? 'application/json',
  });
}

// One lookup by URL per request: the least a server can do to send the right answer.
// (and /__cpu: this process's CPU time so far, which the load generator reads around each load)
const bare = http.createServer((req, reply) => {
  if (req.url === '/__cpu') {
    reply.end(JSON.stringify(process.cpuUsage()));
    return;
  }
  const answer = answers.get(req.url ?? '')!;
  reply.writeHead(200, {
    'content-type': answer.contentType,
    'content-length': answer.body.length,
  });
  reply.end(answer.body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const barePort = (bare.address() as { port: number }).port;
const bytes = Object.fromEntries([...answers].map(([path, a]) => [path, a.body.length]));
process.stdout.write(`${JSON.stringify({ api: apiPort, bare: barePort, bytes })}\n`);

process.on('SIGTERM', () => {
  bare.close();
  void app
    .close()
    .then(() => store.close())
    .then(() => process.exit(0));
});
