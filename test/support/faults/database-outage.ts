/*
 * The database goes away under load: a private PostgreSQL cluster is stopped (fast or
 * immediate) or killed while 8 writers add accounts through `momentum serve`, kept down for a
 * moment, and started again; round after round, on one server process. Counted: whether the
 * server ever exited, what the writers got during the outage (a 503 problem+json with
 * Retry-After is the only acceptable failure), how long after the database was back the first
 * write succeeded, and whether every acknowledged write is in the database at the end.
 */
import pg from 'pg';
import { httpClient, isProper503, sleep, tally, type Answer } from './http-client.ts';
import type { PrivateCluster } from './postgres-cluster.ts';
import { prepareWorkspace, startServer } from './server-process.ts';

export type OutageKind = 'stop-fast' | 'stop-immediate' | 'kill';

export interface OutageResult {
  kind: OutageKind;
  rounds: number;
  writers: number;
  /** Writes answered 201. */
  acknowledged: number;
  /** Acknowledged writes missing from the database afterwards. */
  lost: number;
  serverExited: boolean;
  /** Answers that were a proper 503 (problem+json, Retry-After). */
  proper503: number;
  /** Every other failed answer, by status (0: no answer at all). Must be empty. */
  otherFailures: Record<string, number>;
  /** Rounds in which the writers saw at least one 503 (the outage was felt). */
  roundsWith503: number;
  /** Readiness probes during the outage, and how many answered 503. */
  readinessProbes: number;
  readiness503: number;
  /** Liveness probes during the outage that did not answer 200. Must be 0. */
  livenessFailures: number;
  /** A few of the other failures, for the report. */
  samples: string[];
  /** Milliseconds from "database started" to the first write acknowledged after it. */
  recoveryMs: number[];
  /** Rounds where no write succeeded within the recovery bound. */
  unrecovered: number;
}

const RECOVERY_BOUND_MS = 5_000;

export async function databaseOutage(
  cluster: PrivateCluster,
  options: { kind: OutageKind; rounds: number; writers?: number; outageMs?: number },
): Promise<OutageResult> {
  const writers = options.writers ?? 8;
  const outageMs = options.outageMs ?? 700;
  const database = `outage_${options.kind.replace('-', '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const url = cluster.url(database);
  const { token } = await prepareWorkspace({ dialect: 'postgres', url });
  const server = await startServer({
    database: { DATABASE_URL: url },
    env: { MOMENTUM_DB_ACQUIRE_TIMEOUT_MS: '2000', MOMENTUM_DB_STATEMENT_TIMEOUT_MS: '5000' },
  });
  const api = httpClient(server.base, token);

  const acknowledged: string[] = [];
  const failures: Answer[] = [];
  let stop = false;
  let n = 0;
  let seen503 = false;
  let backAt = 0;
  let firstAfterBack = 0;
  const writer = async (w: number) => {
    while (!stop) {
      const a = await api.send('POST', '/api/v1/accounts', { name: `w${w} ${n++}` });
      if (a.status === 201) {
        acknowledged.push(String(a.body!.id));
        if (backAt && !firstAfterBack && a.startedAt >= backAt) firstAfterBack = a.endedAt;
      } else {
        failures.push(a);
        if (isProper503(a)) seen503 = true;
        // Like a well-behaved client: wait a little before trying again.
        await sleep(isProper503(a) ? 100 : 20);
      }
    }
  };
  const running = Array.from({ length: writers }, (_, w) => writer(w));

  const result: OutageResult = {
    kind: options.kind,
    rounds: options.rounds,
    writers,
    acknowledged: 0,
    lost: 0,
    serverExited: false,
    proper503: 0,
    otherFailures: {},
    roundsWith503: 0,
    readinessProbes: 0,
    readiness503: 0,
    livenessFailures: 0,
    recoveryMs: [],
    unrecovered: 0,
    samples: [],
  };
  // Probes come from a load balancer or supervisor, which sends no credentials.
  const probe = httpClient(server.base);
  try {
    for (let round = 0; round < options.rounds; round++) {
      await sleep(300);
      seen503 = false;
      backAt = 0;
      firstAfterBack = 0;
      if (options.kind === 'kill') await cluster.kill();
      else await cluster.stop(options.kind === 'stop-fast' ? 'fast' : 'immediate');
      const downUntil = Date.now() + outageMs;
      while (Date.now() < downUntil) {
        const ready = await probe.send('GET', '/api/v1/health/ready', undefined, 5_000);
        result.readinessProbes++;
        if (isProper503(ready)) result.readiness503++;
        const live = await probe.send('GET', '/api/v1/health', undefined, 5_000);
        if (live.status !== 200) result.livenessFailures++;
        await sleep(100);
      }
      await cluster.start();
      backAt = Date.now();
      while (!firstAfterBack && Date.now() - backAt < RECOVERY_BOUND_MS * 3) await sleep(20);
      if (seen503) result.roundsWith503++;
      if (firstAfterBack && firstAfterBack - backAt <= RECOVERY_BOUND_MS)
        result.recoveryMs.push(firstAfterBack - backAt);
      else result.unrecovered++;
      if (server.exitCode() !== undefined) break;
    }
  } finally {
    stop = true;
    await Promise.all(running);
    result.serverExited = server.exitCode() !== undefined;
    if (process.env.FAULTS_DEBUG) process.stderr.write(server.output());
    await server.kill();
  }

  result.acknowledged = acknowledged.length;
  result.proper503 = failures.filter(isProper503).length;
  const others = failures.filter((a) => !isProper503(a));
  result.otherFailures = tally(others, (a) => String(a.status));
  result.samples = others
    .slice(0, 5)
    .map(
      (a) =>
        `${a.status} after ${a.endedAt - a.startedAt} ms: ${a.error ?? JSON.stringify(a.body)}`,
    );
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  try {
    const { rows } = await check.query<{ id: string }>(
      'select id from accounts where id = any($1)',
      [acknowledged],
    );
    result.lost = acknowledged.length - rows.length;
  } finally {
    await check.end();
  }
  if (result.serverExited) result.otherFailures.serverOutput = 1;
  return result;
}

export function describeOutage(r: OutageResult): string {
  const sorted = [...r.recoveryMs].sort((a, b) => a - b);
  const max = sorted.at(-1) ?? 0;
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return (
    `database ${r.kind}, ${r.rounds} rounds × ${r.writers} writers: server exited ${r.serverExited ? 'YES' : 'no'}; ` +
    `${r.acknowledged} writes acknowledged, ${r.lost} lost; ${r.proper503} answers 503 problem+json with Retry-After ` +
    `(in ${r.roundsWith503}/${r.rounds} rounds), other failures ${JSON.stringify(r.otherFailures)}; ` +
    `readiness 503 in ${r.readiness503}/${r.readinessProbes} probes during the outage, liveness failures ${r.livenessFailures}; ` +
    `recovered within 5 s in ${r.recoveryMs.length}/${r.rounds} rounds (median ${median} ms, max ${max} ms)`
  );
}
