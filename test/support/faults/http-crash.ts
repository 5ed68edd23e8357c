/*
 * kill -9 of `momentum serve` in the middle of real multi-statement transactions, driven
 * through the HTTP API: 8 writers add an account (row + audit entry), a deal on it (row + stage
 * history + audit) and then book its next step again and again (close the open step, insert the
 * new one, forget the day's momentum, audit). At a random moment the server is killed with
 * SIGKILL, and on PostgreSQL the database is killed too (postmaster and every backend), then
 * started again, so that it must recover from its own write-ahead log.
 *
 * Checked afterwards: every acknowledged write is there with its audit entry (a transaction is
 * whole or absent), no deal has two open next steps, and SQLite's integrity check passes.
 *
 * What this shows and what it does not: the kills end processes, not the machine. The operating
 * system's page cache survives them, so a commit that reached the kernel but not the disk
 * survives too; the rounds therefore show atomicity and that nothing acknowledged is lost when a
 * process dies, but they cannot show durability against power loss (fsync; SQLite's
 * synchronous = FULL, PostgreSQL's fsync). See docs/decisions/001.
 */
import { sql } from 'kysely';
import type { DatabaseConfig } from '../../../src/storage/connection/config.ts';
import { openStore } from '../../../src/storage/connection/open.ts';
import { httpClient, sleep } from './http-client.ts';
import type { PrivateCluster } from './postgres-cluster.ts';
import { startServer } from './server-process.ts';

export interface CrashRoundResult {
  acknowledged: number;
  /** Acknowledged writes (or their audit entries) missing after the crash. */
  lost: string[];
  /** Deals left with more than one open next step. */
  twoOpen: number;
  integrity: string;
}

const WRITERS = 8;

export async function httpCrashRound(
  config: DatabaseConfig,
  token: string,
  prefix: string,
  random: () => number,
  cluster?: PrivateCluster,
): Promise<CrashRoundResult> {
  const server = await startServer({
    database:
      config.dialect === 'sqlite' ? { MOMENTUM_DB: config.file } : { DATABASE_URL: config.url },
  });
  const api = httpClient(server.base, token);
  const acked: { table: 'accounts' | 'deals' | 'next_steps'; id: string }[] = [];
  let stop = false;
  const writer = async (w: number) => {
    const account = await api.send('POST', '/api/v1/accounts', { name: `${prefix} ${w}` });
    if (account.status !== 201) return;
    acked.push({ table: 'accounts', id: String(account.body!.id) });
    const deal = await api.send('POST', '/api/v1/deals', {
      account: String(account.body!.id),
      title: `${prefix} deal ${w}`,
    });
    if (deal.status !== 201) return;
    const dealId = String(deal.body!.id);
    acked.push({ table: 'deals', id: dealId });
    for (let n = 0; !stop; n++) {
      const step = await api.send('POST', `/api/v1/deals/${dealId}/next-step`, {
        at: '2099-01-05',
        text: `step ${n}`,
      });
      if (step.status === 201) acked.push({ table: 'next_steps', id: String(step.body!.id) });
      else if (step.status === 0) return; // the server is gone
    }
  };
  const running = Array.from({ length: WRITERS }, (_, w) => writer(w));
  // Let every writer get into its next-step loop, then kill at a random moment.
  const warm = Date.now();
  while (
    acked.filter((a) => a.table === 'next_steps').length < WRITERS &&
    Date.now() - warm < 20_000
  )
    await sleep(20);
  await sleep(50 + Math.floor(random() * 400));
  server.child.kill('SIGKILL');
  if (cluster) await cluster.kill();
  stop = true;
  await server.exited;
  await Promise.all(running);
  if (cluster) await cluster.start();

  const store = await openStore(config);
  try {
    const lost: string[] = [];
    for (const table of ['accounts', 'deals', 'next_steps'] as const) {
      const ids = acked.filter((a) => a.table === table).map((a) => a.id);
      if (ids.length === 0) continue;
      const rows = await store.db.selectFrom(table).select('id').where('id', 'in', ids).execute();
      const audited = await store.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('entity_id', 'in', ids)
        .execute();
      const present = new Set(rows.map((r) => r.id));
      const withAudit = new Set(audited.map((r) => r.entity_id));
      for (const id of ids) if (!present.has(id) || !withAudit.has(id)) lost.push(`${table} ${id}`);
    }
    const open = await sql<{ n: number }>`
      select count(*) as n from (
        select deal_id from next_steps where state = 'open' group by deal_id having count(*) > 1
      ) twice`.execute(store.db);
    let integrity = 'ok';
    if (store.sqlite) integrity = String(store.sqlite.pragma('integrity_check', { simple: true }));
    return { acknowledged: acked.length, lost, twoOpen: Number(open.rows[0]!.n), integrity };
  } finally {
    await store.close();
  }
}

/** A small seeded generator so a failing round can be replayed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
