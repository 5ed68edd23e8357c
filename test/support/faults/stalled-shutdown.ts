/*
 * SIGTERM while a client is stalled mid-request: it sent the headers and half of a body, then
 * nothing. `momentum serve` must finish what it can and exit 0 within its shutdown deadline,
 * rather than wait for the client forever.
 */
import net from 'node:net';
import { prepareWorkspace, startServer, type StartOptions } from './server-process.ts';
import type { DatabaseConfig } from '../../../src/storage/connection/config.ts';

export interface ShutdownResult {
  deadlineMs: number;
  exitCode: number | null;
  signal: string | null;
  /** From SIGTERM to exit. */
  elapsedMs: number;
  /** Whether the stalled client's connection was closed by the server. */
  stalledClosed: boolean;
}

const DEADLINE_MS = 2_000;
/** How long after the deadline the test still waits before calling it hung. */
const GRACE_MS = 8_000;

export async function stalledShutdown(config: DatabaseConfig): Promise<ShutdownResult> {
  await prepareWorkspace(config);
  const database: StartOptions['database'] =
    config.dialect === 'sqlite' ? { MOMENTUM_DB: config.file } : { DATABASE_URL: config.url };
  const server = await startServer({ database, args: ['--shutdown-timeout', String(DEADLINE_MS)] });
  const { port } = new URL(server.base);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let stalledClosed = false;
  socket.on('close', () => (stalledClosed = true));
  socket.on('error', () => {});
  socket.write(
    'POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
      'Content-Length: 200\r\n\r\n{"name":"Half a bo',
  );
  await new Promise((r) => setTimeout(r, 300));
  const started = Date.now();
  server.child.kill('SIGTERM');
  const outcome = await Promise.race([
    server.exited,
    new Promise<null>((r) => setTimeout(() => r(null), DEADLINE_MS + GRACE_MS)),
  ]);
  const elapsedMs = Date.now() - started;
  socket.destroy();
  if (!outcome) await server.kill();
  return {
    deadlineMs: DEADLINE_MS,
    exitCode: outcome ? outcome.code : null,
    signal: outcome ? outcome.signal : 'still running',
    elapsedMs,
    stalledClosed,
  };
}

export function describeShutdown(dialect: string, r: ShutdownResult): string {
  return (
    `SIGTERM with a stalled client on ${dialect}: exit code ${r.exitCode}${r.signal ? ` (${r.signal})` : ''} ` +
    `after ${r.elapsedMs} ms (deadline ${r.deadlineMs} ms); stalled connection closed: ${r.stalledClosed ? 'yes' : 'no'}`
  );
}
