import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Tells caches whether the database may have changed since they filled an entry, without a
 * query: a number that moves whenever anything may have been committed, by this process or by
 * another (a second server, the CLI). An entry remembers the version it was read at and is
 * trusted only while the version is the same. See docs/decisions/004-change-feed-caches.md.
 *
 * Each dialect makes its own (`dialects/sqlite/sqlite-change-feed.ts`,
 * `dialects/postgres/postgres-change-feed.ts`): SQLite's `PRAGMA data_version`
 * moves when another connection commits to the file; PostgreSQL instances tell each other with
 * NOTIFY, sent by the dialect's transaction just before COMMIT.
 */
export interface ChangeFeed {
  /** The current version, or null while changes cannot be followed (caches must then read
   * through). Read it before reading what you cache, never after. */
  version(): number | null;
  /** This process wrote: moves the version (called after a write, and again after commit). */
  wrote(): void;
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
