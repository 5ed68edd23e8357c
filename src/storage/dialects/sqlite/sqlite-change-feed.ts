import fs from 'node:fs';
import type SQLite from 'better-sqlite3';
import type { ChangeFeed } from '../../connection/change-feed.ts';

/**
 * The WAL-index header at the start of the `-shm` file: two copies of 48 bytes, which every
 * commit rewrites (its change counter and last frame move; https://sqlite.org/walformat.html,
 * "The WAL-Index Header"). Reading them is one pread.
 */
const WAL_INDEX_HEADER_BYTES = 96;

/**
 * SQLite: this process has one connection; what another connection (another process on the same
 * file) commits is seen here, and our own writes move the local counter.
 *
 * Seen how: in WAL mode (ours, see sqlite-dialect.ts) by the WAL-index header in the `-shm`
 * file, one pread; otherwise (an in-memory database, no /proc) by `PRAGMA data_version`, which
 * opens and closes a read transaction (two fcntl locks, and under load about 10 µs of a small
 * cached read's 50; issue 15). Both are read before the data, as the feed asks. The header moves
 * at every commit, ours included (an extra move costs a cache miss, never a stale answer); one
 * read while a commit writes it differs from the last reading, and the next reading then moves
 * again unless it was already the finished header (decision 004).
 */
export function sqliteChangeFeed(
  handle: SQLite.Database,
): ChangeFeed & { afterDatabaseClosed(): void } {
  const dataVersion = handle.prepare('pragma data_version').pluck();
  let lastSeen = dataVersion.get() as number;
  let version = 0;
  const header = walIndexHeader(handle);
  const changed = header
    ? () => header.moved()
    : () => {
        const seen = dataVersion.get() as number;
        if (seen === lastSeen) return false;
        lastSeen = seen;
        return true;
      };
  return {
    version() {
      if (changed()) version++;
      return version;
    },
    wrote() {
      version++;
    },
    close: async () => {},
    /** Stops reading SQLite's descriptor, which it may close (and the number be reused) once
     * the connection is closed. */
    afterDatabaseClosed: () => header?.close(),
  };
}

/**
 * The WAL-index header of a database in WAL mode on a file, read through the descriptor SQLite
 * itself holds on the `-shm` file (found once in /proc/self/fd), or null (not WAL, not Linux, not
 * found: the caller asks `PRAGMA data_version` instead).
 *
 * Not a descriptor of our own: closing any descriptor of a file drops every POSIX lock the
 * process holds on it, and SQLite's locks on the `-shm` (which tell other processes that this
 * one is connected and what it is reading) would go with it. SQLite keeps its descriptor open
 * while this connection is, so it is read only until the connection closes.
 */
function walIndexHeader(handle: SQLite.Database) {
  if (handle.memory || handle.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  const fd = descriptorOf(`${handle.name}-shm`);
  if (fd === null) return null;
  let seen = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
  let next = Buffer.alloc(WAL_INDEX_HEADER_BYTES);
  let open = true;
  const read = (into: Buffer) => {
    try {
      return open && fs.readSync(fd, into, 0, WAL_INDEX_HEADER_BYTES, 0) === WAL_INDEX_HEADER_BYTES;
    } catch {
      return false;
    }
  };
  if (!read(seen)) return null;
  return {
    /** Whether the header differs from the last reading (an unreadable one counts as moved). */
    moved(): boolean {
      if (!read(next)) return true;
      if (next.equals(seen)) return false;
      [seen, next] = [next, seen];
      return true;
    },
    close() {
      open = false;
    },
  };
}

/** The descriptor this process holds on `file` (SQLite opened it; the connection made the
 * `-shm` when it first read, above), or null. */
function descriptorOf(file: string): number | null {
  try {
    const target = fs.statSync(file);
    for (const name of fs.readdirSync('/proc/self/fd')) {
      try {
        if (!fs.readlinkSync(`/proc/self/fd/${name}`).endsWith('-shm')) continue;
        const found = fs.fstatSync(Number(name));
        if (found.ino === target.ino && found.dev === target.dev) return Number(name);
      } catch {
        // Closed since the listing (the listing's own descriptor among them).
      }
    }
  } catch {
    // No such file, or no /proc (not Linux).
  }
  return null;
}
