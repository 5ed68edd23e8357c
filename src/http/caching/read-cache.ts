import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';

/** What a cached answer keeps: the encoded body and the headers its route set. */
interface CachedRead {
  body: Buffer;
  /** Name and value pairs, replayed in order. */
  headers: [string, string][];
  version: number;
  /** The clock's minute when it was read (see below). */
  minute: number;
}

/** The headers a read route sets itself, replayed with the body; the rest (security headers,
 * rate-limit counters) are set again on every request by their own hooks. */
const KEPT_HEADERS = ['content-type', 'etag', 'cache-control'] as const;

export interface ReadCacheOptions {
  /** Bytes of encoded answers kept in all, least recently used dropped first. */
  budgetBytes: number;
  /** A larger answer is not kept at all. */
  maxEntryBytes: number;
}

export const READ_CACHE_DEFAULTS: ReadCacheOptions = {
  budgetBytes: 64 * 1024 * 1024,
  maxEntryBytes: 16 * 1024 * 1024,
};

interface ReadCacheSlot {
  key: string;
  version: number;
  minute: number;
  /** Lets the requests waiting for this answer go on (see single flight, below). */
  settle(): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a cached read on a miss: where its answer goes once encoded (see onSend). */
    readCacheSlot: ReadCacheSlot | null;
  }
}

/**
 * Authenticated reads kept encoded, per credential and URL, and sent again while nothing may have
 * been written (the store's change feed, decision 004) and the clock is still in the minute they
 * were read in. Every answer a read route gives depends only on the database, the caller and the
 * day (or, for a promise's due time, the minute) in someone's zone, and zone offsets are whole
 * minutes, so an answer read in this minute is the answer the route would give now.
 *
 * A route opts in with `await cachedRead(request, reply)` at the top of its handler: it runs after
 * authentication, CSRF and the rate limit, like the handler, so those still apply to every
 * request; the handler runs only on a miss, and the encoded answer is kept by the onSend hook
 * when it is a 200. A write anywhere (this server, another, the CLI) moves the change feed's
 * version, so the next read recomputes; a revoked credential is refused by authentication
 * before its cached answers could be looked at.
 */
export function createReadCache(
  app: FastifyInstance,
  ctx: Pick<AppContext, 'clock' | 'store'>,
  options: ReadCacheOptions = READ_CACHE_DEFAULTS,
) {
  const entries = new Map<string, CachedRead>();
  let bytes = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.body.length;
  };

  /** Single flight: the answers being computed now, so that requests arriving meanwhile for
   * the same key wait for the one computation instead of each running it (a slow read under
   * load would otherwise be computed once per waiting connection). */
  const inFlight = new Map<string, { version: number; minute: number; done: Promise<void> }>();

  const keep = (slot: ReadCacheSlot, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode !== 200) return;
    const body =
      typeof payload === 'string'
        ? Buffer.from(payload)
        : Buffer.isBuffer(payload)
          ? payload
          : null;
    if (!body || body.length > options.maxEntryBytes) return;
    const headers: [string, string][] = [];
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers.push([name, String(value)]);
    }
    drop(slot.key);
    entries.set(slot.key, { body, headers, version: slot.version, minute: slot.minute });
    bytes += body.length;
    while (bytes > options.budgetBytes) drop(entries.keys().next().value!);
  };
  const release = (request: FastifyRequest) => {
    const slot = request.readCacheSlot;
    request.readCacheSlot = null;
    slot?.settle();
  };

  app.decorateRequest('readCacheSlot', null);
  // Callback hooks: they run on every request and have nothing to wait for.
  app.addHook('onSend', (request, reply, payload, done) => {
    const slot = request.readCacheSlot;
    if (slot) {
      keep(slot, reply, payload);
      release(request);
    }
    done(null, payload);
  });
  // An answer that never reached onSend (the client went away) still lets its waiters go on.
  app.addHook('onResponse', (request, _reply, done) => {
    release(request);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    release(request);
    done();
  });

  /**
   * Sends the kept answer and returns true, or arranges for the answer about to be computed to
   * be kept and returns false. Call it first in a GET handler, after `requireActor`.
   */
  return async function cachedRead(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const credential = request.credential;
    const actor = request.actor;
    if (!credential || !actor) return false;
    // Read before the data, as the change feed asks: authentication read it just before it
    // resolved the credential, which is earlier still (a write committed since makes the entry
    // kept now stale at once, never a stale one fresh).
    const version =
      request.changeVersion !== undefined ? request.changeVersion : ctx.store.changes.version();
    if (version === null) return false;
    const minute = Math.floor(ctx.clock.now().epochMilliseconds / 60_000);
    const key = `${request.method} ${credential.key}|${actor.workspaceId}|${actor.memberId}|${actor.role}|${request.url}`;
    const fresh = () => {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.version === version && hit.minute === minute) return hit;
      drop(key);
      return undefined;
    };
    let hit = fresh();
    if (!hit) {
      const pending = inFlight.get(key);
      if (pending && pending.version === version && pending.minute === minute) {
        await pending.done;
        hit = fresh();
      }
    }
    if (hit) {
      // Most recently used last.
      entries.delete(key);
      entries.set(key, hit);
      for (const [name, value] of hit.headers) reply.header(name, value);
      void reply.send(hit.body);
      return true;
    }
    let settle = () => {};
    const done = new Promise<void>((resolve) => (settle = resolve));
    const flight = { version, minute, done };
    if (!inFlight.has(key)) inFlight.set(key, flight);
    request.readCacheSlot = {
      key,
      version,
      minute,
      settle: () => {
        if (inFlight.get(key) === flight) inFlight.delete(key);
        settle();
      },
    };
    return false;
  };
}

export type CachedReadCheck = ReturnType<typeof createReadCache>;
