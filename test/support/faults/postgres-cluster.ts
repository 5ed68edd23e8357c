/*
 * A private PostgreSQL cluster for the fault suite: its own data folder and a spare port, so
 * that it can be stopped, killed and restarted without touching the machine's main cluster.
 * Created with initdb in a fresh temporary folder (a unique name) and removed afterwards.
 *
 *   const cluster = await createPrivateCluster();
 *   cluster.url('postgres');                 // postgres://postgres@127.0.0.1:PORT/postgres
 *   await cluster.stop('fast' | 'immediate'); await cluster.kill(); await cluster.start();
 *   await cluster.drop();
 *
 * PostgreSQL refuses to run as root: when the suite runs as root (CI's .ci/run), the server
 * commands run as the `postgres` user through runuser, and the folder is handed to that user.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type StopMode = 'fast' | 'immediate';

export interface PrivateCluster {
  readonly port: number;
  readonly dir: string;
  url(database?: string): string;
  start(): Promise<void>;
  stop(mode: StopMode): Promise<void>;
  /** SIGKILL to the postmaster and every backend at once: the database dies as on a crash. */
  kill(): Promise<void>;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) every process of the cluster. */
  freeze(): void;
  thaw(): void;
  drop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: Debian's /usr/lib/postgresql/N/bin (newest), or PATH. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : null;
}

const isRoot = () => process.getuid?.() === 0;

/** Why a private cluster cannot be made here, or null when it can. */
export function privateClusterUnavailable(): string | null {
  if (!postgresBinDir()) return 'no PostgreSQL server binaries (initdb, pg_ctl) on this machine';
  if (isRoot() && spawnSync('id', ['-u', 'postgres']).status !== 0)
    return 'running as root and there is no postgres user to run the server as';
  return null;
}

export async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** Runs a PostgreSQL command (as the postgres user when we are root). Asynchronous, so that the
 * writers in this process keep going (and keep their connections) while it runs. */
function run(bin: string, args: string[]): Promise<string> {
  const [command, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
  return new Promise((resolve, reject) => {
    execFile(command, argv, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error)
        reject(
          new Error(
            `${path.basename(bin)} ${args.join(' ')} failed: ${stderr || stdout || error.message}`,
          ),
        );
      else resolve(stdout);
    });
  });
}

/** The pids of a process and all its descendants, read from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function createPrivateCluster(): Promise<PrivateCluster> {
  const unavailable = privateClusterUnavailable();
  if (unavailable) throw new Error(`Cannot start a private PostgreSQL cluster: ${unavailable}.`);
  const bin = postgresBinDir()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'momentum-faults-pg-'));
  const data = path.join(dir, 'data');
  if (isRoot()) execFileSync('chown', ['postgres', dir]);
  const port = await sparePort();
  await run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    `-c listen_addresses=127.0.0.1`,
    // Small and quick: the suite restarts it dozens of times.
    `-c shared_buffers=16MB`,
    `-c max_connections=60`,
  ].join(' ');
  const pgCtl = (...args: string[]) => run(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const postmasterPid = (): number | null => {
    try {
      return Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return null;
    }
  };
  let running = false;

  const cluster: PrivateCluster = {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await pgCtl(
        '-o',
        serverOptions,
        '-l',
        path.join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        'start',
      );
      running = true;
    },
    async stop(mode) {
      await pgCtl('-m', mode, '-w', '-t', '60', 'stop');
      running = false;
    },
    async kill() {
      const pid = postmasterPid();
      if (!pid) throw new Error('the private cluster is not running');
      const tree = processTree(pid);
      for (const p of tree) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      for (let i = 0; i < 200 && tree.some(alive); i++) await new Promise((r) => setTimeout(r, 25));
      running = false;
    },
    freeze() {
      const pid = postmasterPid();
      if (pid) for (const p of processTree(pid)) process.kill(p, 'SIGSTOP');
    },
    thaw() {
      const pid = postmasterPid();
      if (pid) for (const p of processTree(pid)) process.kill(p, 'SIGCONT');
    },
    async drop() {
      if (running) {
        try {
          cluster.thaw();
          await cluster.stop('immediate');
        } catch {
          await cluster.kill().catch(() => {});
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
