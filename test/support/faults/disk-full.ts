/*
 * SQLite on a small file system that fills up: `momentum serve` keeps its database on an 8 MiB
 * tmpfs; a filler file takes the rest of the space while writers keep writing, readers read
 * (Today included, whose first call of the day writes momentum snapshots), then the filler is
 * removed. Counted: 5xx answers other than 507/503 (must be 0), 507s, reads that failed,
 * whether writes resumed by themselves, and acknowledged writes lost.
 *
 * Mounting needs root (CI runs as root); elsewhere the scenario says why it cannot run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { httpClient, sleep, tally, type Answer } from './http-client.ts';
import { prepareWorkspace, startServer } from './server-process.ts';

const FS_SIZE = '8m';
const RESUME_BOUND_MS = 10_000;

export interface DiskFullResult {
  rounds: number;
  /** Writes answered 201, and how many of them are missing afterwards. */
  acknowledged: number;
  lost: number;
  /** Writes answered 507 problem+json while the disk was full. */
  insufficientStorage: number;
  /** Every 5xx that was not a 507 or a 503 (must be 0), by status. */
  other5xx: Record<string, number>;
  /** Reads while the disk was full (accounts, deals, a deal, Today, readiness), and failures. */
  reads: number;
  readFailures: Record<string, number>;
  /** Rounds in which the disk really filled (a write got 507). */
  filledRounds: number;
  /** Rounds in which writes came back within the bound after space returned. */
  resumedRounds: number;
  resumeMs: number[];
  integrity: string;
  serverExited: boolean;
}

/** Why a small file system cannot be mounted here, or null when it can. */
export function smallFilesystemUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-mount-probe-'));
  try {
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
    if (r.status !== 0) return `mount -t tmpfs failed: ${String(r.stderr).trim()}`;
    spawnSync('umount', [dir]);
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the filler until the file system refuses (ENOSPC). */
function fill(file: string): void {
  const chunk = Buffer.alloc(64 * 1024, 1);
  const fd = fs.openSync(file, 'a');
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  // Then the last few bytes, so that not even one page fits.
  const small = Buffer.alloc(512, 1);
  const fd2 = fs.openSync(file, 'a');
  try {
    for (;;) fs.writeSync(fd2, small);
  } catch {
    // full
  } finally {
    fs.closeSync(fd2);
  }
}

export async function diskFull(options: { rounds: number }): Promise<DiskFullResult> {
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-diskfull-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${FS_SIZE}`, 'tmpfs', mountPoint]);
  const file = path.join(mountPoint, 'momentum.db');
  const filler = path.join(mountPoint, 'filler');
  const result: DiskFullResult = {
    rounds: options.rounds,
    acknowledged: 0,
    lost: 0,
    insufficientStorage: 0,
    other5xx: {},
    reads: 0,
    readFailures: {},
    filledRounds: 0,
    resumedRounds: 0,
    resumeMs: [],
    integrity: '',
    serverExited: false,
  };
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const { token } = await prepareWorkspace({ dialect: 'sqlite', file });
    server = await startServer({ database: { MOMENTUM_DB: file } });
    const api = httpClient(server.base, token);
    const acknowledged: string[] = [];
    const answers: Answer[] = [];
    const write = async (name: string) => {
      const a = await api.send('POST', '/api/v1/accounts', { name });
      answers.push(a);
      if (a.status === 201) acknowledged.push(String(a.body!.id));
      return a;
    };
    const account = await write('Disk full customer');
    let n = 0;
    for (let round = 0; round < options.rounds; round++) {
      // Deals made now have no momentum snapshot for today: Today's first call must write them.
      const deals: string[] = [];
      for (let i = 0; i < 3; i++) {
        const d = await api.send('POST', '/api/v1/deals', {
          account: String(account.body!.id),
          title: `Round ${round} deal ${i}`,
        });
        if (d.status === 201) deals.push(String(d.body!.id));
      }
      fill(filler);
      // Writes until one is refused (the WAL may still hold a little room).
      let refused = false;
      for (let i = 0; i < 400 && !refused; i++) {
        const a = await write(`full ${round} ${n++}`);
        if (a.status === 507) refused = true;
        else if (a.status !== 201) await sleep(20);
      }
      if (refused) result.filledRounds++;
      // Reads must all work while the disk is full.
      const paths = [
        '/api/v1/accounts',
        '/api/v1/deals',
        ...deals.map((id) => `/api/v1/deals/${id}`),
        ...deals.map((id) => `/api/v1/deals/${id}/momentum`),
        '/api/v1/today',
        '/api/v1/health/ready',
      ];
      for (const p of paths) {
        const r = await api.send('GET', p);
        answers.push(r);
        result.reads++;
        if (r.status !== 200) result.readFailures[`${r.status} ${p.replace(/dl_\w+/, ':id')}`] = 1;
      }
      // A few more writes while full, then space comes back.
      for (let i = 0; i < 5; i++) await write(`full ${round} ${n++}`);
      fs.rmSync(filler);
      const freedAt = Date.now();
      for (;;) {
        const a = await write(`after ${round} ${n++}`);
        if (a.status === 201) {
          result.resumedRounds++;
          result.resumeMs.push(Date.now() - freedAt);
          break;
        }
        if (Date.now() - freedAt > RESUME_BOUND_MS) break;
        await sleep(100);
      }
    }
    result.serverExited = server.exitCode() !== undefined;
    await server.kill();
    server = null;
    result.acknowledged = acknowledged.length;
    result.insufficientStorage = answers.filter(
      (a) => a.status === 507 && a.contentType.startsWith('application/problem+json'),
    ).length;
    result.other5xx = tally(
      answers.filter((a) => a.status >= 500 && a.status !== 507 && a.status !== 503),
      (a) => String(a.status),
    );
    const db = new SQLite(file, { readonly: true });
    try {
      const present = new Set(
        (db.prepare('select id from accounts').all() as { id: string }[]).map((r) => r.id),
      );
      result.lost = acknowledged.filter((id) => !present.has(id)).length;
      result.integrity = String(db.pragma('integrity_check', { simple: true }));
    } finally {
      db.close();
    }
  } finally {
    await server?.kill();
    spawnSync('umount', [mountPoint]);
    fs.rmSync(mountPoint, { recursive: true, force: true });
  }
  return result;
}

export function describeDiskFull(r: DiskFullResult): string {
  const max = Math.max(0, ...r.resumeMs);
  return (
    `disk full (SQLite on an ${FS_SIZE} tmpfs), ${r.rounds} rounds: disk filled in ${r.filledRounds}/${r.rounds}; ` +
    `${r.insufficientStorage} writes answered 507 problem+json; 5xx other than 507/503: ${JSON.stringify(r.other5xx)}; ` +
    `${r.reads} reads while full (Today included), failures ${JSON.stringify(r.readFailures)}; ` +
    `writes resumed by themselves in ${r.resumedRounds}/${r.rounds} rounds (max ${max} ms after space returned); ` +
    `${r.acknowledged} writes acknowledged, ${r.lost} lost; integrity ${r.integrity}; server exited ${r.serverExited ? 'YES' : 'no'}`
  );
}
