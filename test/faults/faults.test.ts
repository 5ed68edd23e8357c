/*
 * The fast part of the fault suite (the full one, 20 rounds each: npm run bench:faults). The
 * outages need a private PostgreSQL cluster (started here on a spare port and removed after);
 * they run when PostgreSQL is under test (TEST_DATABASE_URL) and its server binaries are here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseOutage,
  describeOutage,
  type OutageKind,
} from '../support/faults/database-outage.ts';
import {
  describeDiskFull,
  diskFull,
  smallFilesystemUnavailable,
} from '../support/faults/disk-full.ts';
import {
  createPrivateCluster,
  privateClusterUnavailable,
  type PrivateCluster,
} from '../support/faults/postgres-cluster.ts';
import { describeRace, races } from '../support/faults/races.ts';
import { describeShutdown, stalledShutdown } from '../support/faults/stalled-shutdown.ts';
import { createCliDatabase } from '../support/cli.ts';
import { httpCrashRound, seededRandom } from '../support/faults/http-crash.ts';
import { prepareWorkspace } from '../support/faults/server-process.ts';
import pg from 'pg';
import { createTestDatabase, DIALECTS } from '../support/dialects.ts';

const OUTAGE_ROUNDS = 2;
const CRASH_ROUNDS = 1;
const RACE_ROUNDS = 5;

const noCluster = !process.env.TEST_DATABASE_URL
  ? 'PostgreSQL is not under test (set TEST_DATABASE_URL)'
  : privateClusterUnavailable();

describe.skipIf(noCluster !== null)('the database goes away under 8 writers', () => {
  let cluster: PrivateCluster;
  beforeAll(async () => {
    cluster = await createPrivateCluster();
  }, 120_000);
  afterAll(async () => cluster?.drop(), 120_000);

  const kinds: OutageKind[] = ['stop-fast', 'stop-immediate', 'kill'];
  for (const kind of kinds) {
    it(`${kind}: the server stays up, answers 503 with Retry-After, recovers within 5 s, loses nothing`, async () => {
      const r = await databaseOutage(cluster, { kind, rounds: OUTAGE_ROUNDS });
      const summary = describeOutage(r);
      expect(r.serverExited, summary).toBe(false);
      expect(r.otherFailures, `${summary} ${r.samples.join(' | ')}`).toEqual({});
      expect(r.roundsWith503, summary).toBe(r.rounds);
      expect(r.readiness503, summary).toBe(r.readinessProbes);
      expect(r.livenessFailures, summary).toBe(0);
      expect(r.unrecovered, summary).toBe(0);
      expect(r.acknowledged, summary).toBeGreaterThan(0);
      expect(r.lost, summary).toBe(0);
    }, 180_000);
  }

  it('kill -9 of the server and the database during writes over the API loses nothing', async () => {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database crash');
    await admin.end();
    const config = { dialect: 'postgres' as const, url: cluster.url('crash') };
    const { token } = await prepareWorkspace(config);
    const random = seededRandom(17);
    for (let round = 0; round < CRASH_ROUNDS; round++) {
      const r = await httpCrashRound(config, token, `r${round}`, random, cluster);
      expect(r.acknowledged, `round ${round}`).toBeGreaterThan(0);
      expect(r.lost, `round ${round}`).toEqual([]);
      expect(r.twoOpen, `round ${round}`).toBe(0);
    }
  }, 240_000);
});

describe('kill -9 of momentum serve during writes over the API on SQLite', () => {
  it('keeps every acknowledged write with its audit entry and an intact database', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const { token } = await prepareWorkspace(database.config);
      const random = seededRandom(17);
      for (let round = 0; round < CRASH_ROUNDS; round++) {
        const r = await httpCrashRound(database.config, token, `r${round}`, random);
        expect(r.acknowledged, `round ${round}`).toBeGreaterThan(0);
        expect(r.lost, `round ${round}`).toEqual([]);
        expect(r.twoOpen, `round ${round}`).toBe(0);
        expect(r.integrity, `round ${round}`).toBe('ok');
      }
    } finally {
      await database.dispose();
    }
  }, 240_000);
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`races between two servers on ${dialect.name}`, () => {
    it('answers 409 to the loser of each unique key and leaves one open next step per deal', async () => {
      const database = await createTestDatabase(dialect.name);
      try {
        for (const r of await races(database.config, RACE_ROUNDS)) {
          expect(r.bad, describeRace(r)).toBe(0);
          expect(r.twoOpen, describeRace(r)).toBe(0);
        }
      } finally {
        await database.dispose();
      }
    }, 120_000);
  });

  describe.skipIf(!dialect.available)(`shutdown on ${dialect.name}`, () => {
    it('exits 0 within its deadline on SIGTERM although a client stalls mid-request', async () => {
      const database = await createCliDatabase(dialect.name, 'shutdown');
      try {
        const config =
          dialect.name === 'sqlite'
            ? { dialect: 'sqlite' as const, file: database.env.MOMENTUM_DB! }
            : { dialect: 'postgres' as const, url: database.env.DATABASE_URL! };
        const r = await stalledShutdown(config);
        const summary = describeShutdown(dialect.name, r);
        expect(r.exitCode, summary).toBe(0);
        expect(r.elapsedMs, summary).toBeLessThan(r.deadlineMs + 3_000);
        expect(r.stalledClosed, summary).toBe(true);
      } finally {
        await database.dispose();
      }
    }, 120_000);
  });
}

const noMount = smallFilesystemUnavailable();
describe.skipIf(noMount !== null)('disk full (SQLite on a small tmpfs)', () => {
  it('answers 507 to writes, serves every read and Today, and resumes writes when space returns', async () => {
    const r = await diskFull({ rounds: 1 });
    const summary = describeDiskFull(r);
    expect(r.filledRounds, summary).toBe(1);
    expect(r.insufficientStorage, summary).toBeGreaterThan(0);
    expect(r.other5xx, summary).toEqual({});
    expect(r.readFailures, summary).toEqual({});
    expect(r.resumedRounds, summary).toBe(1);
    expect(r.lost, summary).toBe(0);
    expect(r.integrity, summary).toBe('ok');
    expect(r.serverExited, summary).toBe(false);
  }, 120_000);
});
