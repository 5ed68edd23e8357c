import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { graphileSchemaFor } from '../../src/app/jobs/graphile-jobs.ts';
import type { TestContext } from '../support/dialects.ts';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that answers with the next status of `statuses` (the last
 * one from then on) and records every request. */
export async function startReceiver(statuses: number[] = [200]) {
  const received: Received[] = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses[Math.min(next++, statuses.length - 1)]!;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`status ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    port,
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Drops graphile-worker's schema of a PostgreSQL test database. */
export async function dropJobSchema(t: TestContext): Promise<void> {
  const config = t.database.config;
  if (config.dialect !== 'postgres') return;
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  await client.query(`drop schema if exists ${graphileSchemaFor(config.schema)} cascade`);
  await client.end();
}
