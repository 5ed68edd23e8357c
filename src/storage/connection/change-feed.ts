import type SQLite from 'better-sqlite3';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type pg from 'pg';
import { loadPg } from './drivers.ts';

/**
 * Tells caches whether the database may have changed since they filled an entry, without a
 * query: a number that moves whenever anything may have been committed, by this process or by
 * another (a second server, the CLI). An entry remembers the version it was read at and is
 * trusted only while the version is the same. See docs/decisions/004-change-feed-caches.md.
 *
 * The dialect difference lives here: SQLite's `PRAGMA data_version` moves when another
 * connection commits to the file; PostgreSQL instances tell each other with NOTIFY.
 */
export interface ChangeFeed {
  /** The current version, or null while changes cannot be followed (caches must then read
   * through). Read it before reading what you cache, never after. */
  version(): number | null;
  /** This process wrote: moves the version (called after a write, and again after commit). */
  wrote(): void;
  /** Statements a write transaction runs just before COMMIT, so that other instances hear of
   * it once it is committed (none on SQLite). */
  readonly beforeCommit: string | null;
  close(): Promise<void>;
}

/**
 * Moves the version after every statement this process runs that is not a plain read, wherever
 * it comes from (a use case's transaction, a repository call outside one, a test fixture).
 * Kysely reports `numAffectedRows` only for INSERT, UPDATE, DELETE and other non-reading
 * statements, COMMIT included.
 */
export function writeTrackingPlugin(feed: Pick<ChangeFeed, 'wrote'>): KyselyPlugin {
  return {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => args.node,
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
      if (args.result.numAffectedRows !== undefined) feed.wrote();
      return args.result;
    },
  };
}

/**
 * SQLite: this process has one connection; `data_version` changes when any other connection
 * (another process on the same file) commits, and our own writes move the local counter.
 */
export function sqliteChangeFeed(handle: SQLite.Database): ChangeFeed {
  const dataVersion = handle.prepare('pragma data_version').pluck();
  let lastSeen = dataVersion.get() as number;
  let version = 0;
  return {
    version() {
      const seen = dataVersion.get() as number;
      if (seen !== lastSeen) {
        lastSeen = seen;
        version++;
      }
      return version;
    },
    wrote() {
      version++;
    },
    beforeCommit: null,
    close: async () => {},
  };
}

/** PostgreSQL's limit on a channel name (NAMEDATALEN − 1). */
const MAX_CHANNEL_BYTES = 63;

/** The channel the instances on one database schema notify and listen on. Schemas get their
 * own, so that parallel test suites (one schema each) do not wake each other; two long schema
 * names cut to the same channel only cost each other cache misses. */
export function changeChannel(schema: string | undefined): string {
  return schema ? `momentum_changes:${schema}`.slice(0, MAX_CHANNEL_BYTES) : 'momentum_changes';
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
    beforeCommit: `select pg_notify('${channel.replace(/'/g, "''")}', '')`,
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
