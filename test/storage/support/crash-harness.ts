import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../../../src/storage/connection/config.ts';
import { openStore } from '../../../src/storage/connection/open.ts';
import { bundledScript } from '../../support/bundled-script.ts';

const WRITER = path.resolve(import.meta.dirname, 'crash-writer.ts');

export interface CrashRound {
  acknowledged: number;
  lost: string[];
  integrity: string;
}

/**
 * One round: start the writer, let it commit for a random 50–400 ms after it is ready, SIGKILL
 * it, then reopen the database and look for every id it acknowledged.
 */
export async function crashRound(
  config: DatabaseConfig,
  prefix: string,
  random: () => number,
): Promise<CrashRound> {
  const child = spawn(
    process.execPath,
    [await bundledScript(WRITER), JSON.stringify(config), prefix],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const acknowledged: string[] = [];
  let buffer = '';
  let ready: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') ready();
      else if (line) acknowledged.push(line);
    }
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await Promise.race([isReady, exited]);
  await new Promise((r) => setTimeout(r, 50 + Math.floor(random() * 350)));
  child.kill('SIGKILL');
  await exited;
  // Only whole lines count: a partial line was never fully acknowledged.

  const store = await openStore(config);
  try {
    const rows = await store.db
      .selectFrom('workspaces')
      .select('id')
      .where('id', 'like', `${prefix}_%`)
      .execute();
    const present = new Set(rows.map((r) => r.id));
    const lost = acknowledged.filter((id) => !present.has(id));
    let integrity = 'ok';
    if (store.sqlite) integrity = String(store.sqlite.pragma('integrity_check', { simple: true }));
    else await sql`select 1`.execute(store.db);
    return { acknowledged: acknowledged.length, lost, integrity };
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
