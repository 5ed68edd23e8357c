/*
 * The fault suite (issue 17): what happens to `momentum serve` when its database goes away, when
 * two servers race for one unique key, when the disk fills up, and when it is stopped with a
 * client stalled mid-request. Starts its own PostgreSQL cluster (initdb in a temporary folder,
 * a spare port) and removes it afterwards; never touches the machine's main cluster. Prints
 * counts for each scenario and exits 1 if any is not as it must be.
 *
 * Run: npm run bench:faults [-- --rounds 20] [-- --race-rounds 30] [-- --disk-rounds 3]
 * (as root for the disk-full part, which mounts a small tmpfs; it is skipped, and says so,
 * otherwise). The fast parts run in `npm test` (test/faults/faults.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  databaseOutage,
  describeOutage,
  type OutageResult,
} from '../../test/support/faults/database-outage.ts';
import {
  describeDiskFull,
  diskFull,
  smallFilesystemUnavailable,
} from '../../test/support/faults/disk-full.ts';
import {
  createPrivateCluster,
  privateClusterUnavailable,
} from '../../test/support/faults/postgres-cluster.ts';
import { describeRace, races } from '../../test/support/faults/races.ts';
import { describeShutdown, stalledShutdown } from '../../test/support/faults/stalled-shutdown.ts';
import type { DatabaseConfig } from '../../src/storage/connection/config.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const ROUNDS = arg('--rounds', 20);
const RACE_ROUNDS = arg('--race-rounds', 30);
const DISK_ROUNDS = arg('--disk-rounds', 3);

let failed = false;
const verdict = (ok: boolean, line: string) => {
  failed ||= !ok;
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${line}\n`);
};
const skipped = (line: string) => process.stdout.write(`SKIP  ${line}\n`);

function outageOk(r: OutageResult): boolean {
  return (
    !r.serverExited &&
    r.lost === 0 &&
    Object.keys(r.otherFailures).length === 0 &&
    r.roundsWith503 === r.rounds &&
    r.readiness503 === r.readinessProbes &&
    r.livenessFailures === 0 &&
    r.unrecovered === 0 &&
    r.acknowledged > 0
  );
}

const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-faults-'));
const sqlite = (name: string): DatabaseConfig => ({
  dialect: 'sqlite',
  file: path.join(sqliteDir, `${name}.db`),
});
const started = Date.now();
const unavailable = privateClusterUnavailable();
const cluster = unavailable ? null : await createPrivateCluster();
try {
  const postgres = async (name: string): Promise<DatabaseConfig> => {
    const admin = new pg.Client({ connectionString: cluster!.url() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    return { dialect: 'postgres', url: cluster!.url(name) };
  };
  if (cluster) {
    process.stdout.write(`Private PostgreSQL cluster on port ${cluster.port} (${cluster.dir})\n`);
    for (const kind of ['stop-fast', 'stop-immediate', 'kill'] as const) {
      const r = await databaseOutage(cluster, { kind, rounds: ROUNDS });
      verdict(outageOk(r), describeOutage(r));
    }
  } else skipped(`database outages: ${unavailable}`);

  const raceDatabases: [string, DatabaseConfig][] = [['sqlite', sqlite('races')]];
  if (cluster) raceDatabases.push(['postgres', await postgres('races')]);
  for (const [dialect, config] of raceDatabases)
    for (const r of await races(config, RACE_ROUNDS))
      verdict(r.bad === 0 && r.twoOpen === 0, `${dialect} ${describeRace(r)}`);

  const noMount = smallFilesystemUnavailable();
  if (noMount) skipped(`disk full: ${noMount}`);
  else {
    const r = await diskFull({ rounds: DISK_ROUNDS });
    verdict(
      r.filledRounds === r.rounds &&
        Object.keys(r.other5xx).length === 0 &&
        Object.keys(r.readFailures).length === 0 &&
        r.resumedRounds === r.rounds &&
        r.lost === 0 &&
        r.integrity === 'ok' &&
        !r.serverExited,
      describeDiskFull(r),
    );
  }

  const shutdownDatabases: [string, DatabaseConfig][] = [['sqlite', sqlite('shutdown')]];
  if (cluster) shutdownDatabases.push(['postgres', await postgres('shutdown')]);
  for (const [dialect, config] of shutdownDatabases) {
    const r = await stalledShutdown(config);
    verdict(r.exitCode === 0 && r.elapsedMs <= r.deadlineMs + 3_000, describeShutdown(dialect, r));
  }
} finally {
  await cluster?.drop();
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}
process.stdout.write(
  `${failed ? 'FAIL' : 'PASS'} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
);
process.exit(failed ? 1 : 0);
