/*
 * kill -9 during real multi-statement transactions, through the HTTP API: `momentum serve` is
 * killed while 8 writers add accounts and deals and book next steps; on PostgreSQL (a private
 * cluster this bench starts on a spare port and removes afterwards) the database is killed at
 * the same moment and must recover from its write-ahead log. Prints how many acknowledged
 * writes were lost (each must be there with its audit entry), deals left with two open next
 * steps and integrity failures: all must be 0.
 *
 * What it shows: a process that dies (the server, the database) never loses an acknowledged
 * write nor leaves half a transaction. What it cannot show: durability against power loss, since
 * the page cache survives a killed process (docs/decisions/001).
 *
 * Run: npm run bench:crash [-- --rounds N] (default 40 on SQLite, half that on PostgreSQL)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/storage/connection/config.ts';
import { httpCrashRound, seededRandom } from '../../test/support/faults/http-crash.ts';
import {
  createPrivateCluster,
  privateClusterUnavailable,
  type PrivateCluster,
} from '../../test/support/faults/postgres-cluster.ts';
import { prepareWorkspace } from '../../test/support/faults/server-process.ts';

const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 40;

async function run(
  dialect: string,
  config: DatabaseConfig,
  rounds: number,
  cluster?: PrivateCluster,
): Promise<boolean> {
  const { token } = await prepareWorkspace(config);
  const random = seededRandom(200);
  let acknowledged = 0;
  let lost = 0;
  let twoOpen = 0;
  let corrupt = 0;
  const started = Date.now();
  for (let round = 0; round < rounds; round++) {
    const r = await httpCrashRound(config, token, `b${round}`, random, cluster);
    acknowledged += r.acknowledged;
    lost += r.lost.length;
    twoOpen += r.twoOpen;
    if (r.integrity !== 'ok') corrupt += 1;
    if (r.lost.length) process.stdout.write(`  round ${round} lost: ${r.lost.join(', ')}\n`);
    if ((round + 1) % 10 === 0)
      process.stdout.write(`  ${dialect}: ${round + 1}/${rounds} rounds\n`);
  }
  const ok = lost === 0 && corrupt === 0 && twoOpen === 0 && acknowledged > 0;
  process.stdout.write(
    `${dialect}: ${rounds} kill -9 rounds${cluster ? ' (server and database killed)' : ''}, ` +
      `${acknowledged} acknowledged writes, lost ${lost}, deals with two open next steps ${twoOpen}, ` +
      `integrity failures ${corrupt} (${((Date.now() - started) / 1000).toFixed(0)} s) — ${ok ? 'PASS' : 'FAIL'}\n`,
  );
  return ok;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-crash-'));
let ok = true;
try {
  ok = (await run('sqlite', { dialect: 'sqlite', file: path.join(dir, 'crash.db') }, ROUNDS)) && ok;
  const unavailable = privateClusterUnavailable();
  if (unavailable) process.stdout.write(`postgres: skipped (${unavailable})\n`);
  else {
    const cluster = await createPrivateCluster();
    try {
      const admin = new pg.Client({ connectionString: cluster.url() });
      await admin.connect();
      await admin.query('create database crash');
      await admin.end();
      const config: DatabaseConfig = { dialect: 'postgres', url: cluster.url('crash') };
      ok = (await run('postgres', config, Math.ceil(ROUNDS / 2), cluster)) && ok;
    } finally {
      await cluster.drop();
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
