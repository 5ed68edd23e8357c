import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import type { Actor } from '../../core/workspaces/types.ts';
import type { Credential } from '../auth/authenticate.ts';

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
  /** The answer kept for this key, if it was read at this version in this minute (a stale one is
   * dropped); most recently used last. */
  const freshEntry = (key: string, version: number, minute: number) => {
    const hit = entries.get(key);
    if (!hit) return undefined;
    if (hit.version !== version || hit.minute !== minute) {
      drop(key);
      return undefined;
    }
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  };

  const check = async function cachedRead(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<boolean> {
    const credential = request.credential;
    const actor = request.actor;
    if (!credential || !actor) return false;
    // Read before the data, as the change feed asks: authentication read it just before it
    // resolved the credential, which is earlier still (a write committed since makes the entry
    // kept now stale at once, never a stale one fresh).
    const version =
      request.changeVersion !== undefined ? request.changeVersion : ctx.store.changes.version();
    if (version === null) return false;
    const minute = minuteOf(ctx.clock.now().epochMilliseconds);
    const key = readCacheKey(request.method, credential, actor, request.url);
    const fresh = () => freshEntry(key, version, minute);
    let hit = fresh();
    if (!hit) {
      const pending = inFlight.get(key);
      if (pending && pending.version === version && pending.minute === minute) {
        await pending.done;
        hit = fresh();
      }
    }
    if (hit) {
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
  return {
    /** For GET handlers: `if (await check(request, reply)) return reply;` (see above). */
    check,
    /** The kept answer for this key, version and minute, without computing or waiting for one:
     * the read door's lookup. */
    peek: (key: string, version: number, minute: number): KeptRead | undefined =>
      freshEntry(key, version, minute),
  };
}

/** A kept answer as the read door replays it. */
export type KeptRead = Pick<CachedRead, 'body' | 'headers'>;

/** What a cached answer is kept under: the credential, who it stands for, and the URL. A cached
 * answer is only ever given to the same credential acting as the same member and role. */
export function readCacheKey(
  method: string,
  credential: Credential,
  actor: Actor,
  url: string,
): string {
  return `${method} ${credential.key}|${actor.workspaceId}|${actor.memberId}|${actor.role}|${url}`;
}

/** Answers are kept for the clock's minute they were read in. */
export const minuteOf = (epochMs: number) => Math.floor(epochMs / 60_000);

export type ReadCache = ReturnType<typeof createReadCache>;
export type CachedReadCheck = ReadCache['check'];
