import type SQLite from 'better-sqlite3';
import type { ChangeFeed } from '../../connection/change-feed.ts';

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
    close: async () => {},
  };
}
