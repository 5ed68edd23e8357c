import type pg from 'pg';
import type { ChangeFeed } from '../../connection/change-feed.ts';
import { loadPg } from './postgres-driver.ts';

/** PostgreSQL's limit on a channel name (NAMEDATALEN − 1). */
const MAX_CHANNEL_BYTES = 63;

/** The channel the instances on one database schema notify and listen on. Schemas get their
 * own, so that parallel test suites (one schema each) do not wake each other; two long schema
 * names cut to the same channel only cost each other cache misses. */
export function changeChannel(schema: string | undefined): string {
  return schema ? `momentum_changes:${schema}`.slice(0, MAX_CHANNEL_BYTES) : 'momentum_changes';
}

/** The statement a write transaction runs just before COMMIT, so that other instances hear of
 * it once it is committed (a NOTIFY is delivered only if its transaction commits). */
export function notifyStatement(channel: string): string {
  return `select pg_notify('${channel.replace(/'/g, "''")}', '')`;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * PostgreSQL: every write transaction ends with NOTIFY (delivered only if it commits); each
 * instance keeps one listening connection and moves its version on every notification. The
 * listener starts on the first `version()` call, so the CLI never opens it. Until it is
 * listening, and whenever its connection drops, `version()` is null and caches read through;
 * a reconnection moves the version, since notifications sent meanwhile were lost.
 */
export function postgresChangeFeed(config: pg.ClientConfig, channel: string): ChangeFeed {
  const quotedChannel = `"${channel.replace(/"/g, '""')}"`;
  let version = 0;
  let listening = false;
  let started = false;
  let closed = false;
  let client: pg.Client | null = null;
  let retryMs = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | null = null;

  const retry = () => {
    listening = false;
    client = null;
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
  };

  async function connect() {
    const c = new (loadPg().Client)(config);
    client = c;
    c.on('notification', () => {
      version++;
    });
    c.on('error', () => {
      if (client === c) retry();
    });
    c.on('end', () => {
      if (client === c) retry();
    });
    try {
      await c.connect();
      await c.query(`listen ${quotedChannel}`);
      if (closed) {
        await c.end();
        return;
      }
      version++;
      listening = true;
      retryMs = RECONNECT_MIN_MS;
    } catch {
      if (client === c) {
        c.end().catch(() => {});
        retry();
      }
    }
  }

  return {
    version() {
      if (!started && !closed) {
        started = true;
        void connect();
      }
      return listening ? version : null;
    },
    wrote() {
      version++;
    },
    async close() {
      closed = true;
      listening = false;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}
