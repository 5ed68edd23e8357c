import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../core/kernel/clock.ts';
import type { AppContext } from '../../app/context.ts';
import { WORKSPACE_HEADER, type RememberedCallers } from '../auth/authenticate.ts';
import { plausibleSessionSecret, sessionCookieName } from '../auth/session-cookie.ts';
import type { HostCheck } from '../security/allowed-hosts.ts';
import type { HeaderList, SecurityHeadersOf } from '../security/headers.ts';
import type { RequestWindows } from '../security/rate-limits.ts';
import { minuteOf, readCacheKey, type KeptRead, type ReadCache } from './read-cache.ts';

/**
 * The read door (decision 030): a GET that the read cache can answer as it stands is answered
 * here, before Fastify builds its request and reply and runs its hooks; every other request
 * goes on to Fastify untouched. A small authenticated read (me, a deal, the march) costs the
 * server little more than its hooks, and those cost more than the answer (issue 15).
 *
 * The door answers only what the full path would answer with the same bytes, and applies
 * the same checks on the way, from the same functions:
 * - the Host check (allowed-hosts.ts), read off the Host header as Fastify reads it;
 * - the caller: only a credential that authentication remembers for the current change
 *   version and time (a revoked token or a signed-out session moved the version, so it is never
 *   remembered); not from an address the bearer throttle holds back;
 * - the general rate limit, counted in the same windows; a caller at its limit is left to the
 *   full path, which answers 429;
 * - the kept answer itself, for the same credential, member, role and URL, read at this version
 *   in this minute (read-cache.ts);
 * - the same security and rate-limit headers, and a request log line when requests are logged.
 *
 * It steps aside for anything else: another method, a body, a conditional request, a server
 * behind trusted proxies (the client's address, host and protocol then come from X-Forwarded-*,
 * which only Fastify's trust-proxy code reads), a server that is closing, and a change feed
 * that cannot say what was written (version null). `test/http/read-door.test.ts` checks that
 * every answer it gives equals the full path's, and that it steps aside for each case.
 */
export interface ReadDoorParts {
  clock: Clock;
  changes: Pick<AppContext['store']['changes'], 'version'>;
  hostAllowed: HostCheck;
  callers: RememberedCallers;
  windows: RequestWindows;
  readCache: Pick<ReadCache, 'peek'>;
  securityHeadersOf: SecurityHeadersOf;
  parseCookie: (header: string) => Record<string, string | undefined>;
  log: FastifyBaseLogger;
}

export interface ReadDoor {
  /** Answers the request and returns true, or returns false and leaves it alone. */
  answer(req: IncomingMessage, res: ServerResponse): boolean;
  /** From now on every request goes through (the server is closing). */
  close(): void;
}

/** Headers whose presence means the full path must decide (a conditional or a body). */
const STEP_ASIDE_HEADERS = [
  'if-none-match',
  'if-modified-since',
  'if-match',
  'if-unmodified-since',
  'if-range',
  'content-length',
  'transfer-encoding',
] as const;

/** Whether requests are logged (Fastify logs them at info; without a logger it has none). */
function logsRequests(log: FastifyBaseLogger): boolean {
  const pinoLike = log as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
  return typeof pinoLike.isLevelEnabled === 'function' && pinoLike.isLevelEnabled('info');
}

/**
 * The headers of a kept answer as the full path sends them, as one flat name, value list for
 * `writeHead`: the rate-limit counters first (slots 1, 3 and 5, filled per request), the route's
 * own headers, the security headers (the route's own win, except the content security policy,
 * as in headers.ts), and the length last. Worked out once per kept answer and header list:
 * every request then pays three writes, not fifteen `setHeader` calls.
 */
const templates = new WeakMap<KeptRead, { list: HeaderList; head: string[] }>();
function headTemplate(kept: KeptRead, list: HeaderList): string[] {
  const known = templates.get(kept);
  if (known?.list === list) return known.head;
  const head = ['x-ratelimit-limit', '', 'x-ratelimit-reset', '', 'x-ratelimit-remaining', ''];
  const own = new Set<string>();
  for (const [name, value] of kept.headers) {
    if (name === 'content-security-policy') continue;
    own.add(name);
    head.push(name, value);
  }
  for (const [name, value] of list) {
    if (!own.has(name)) head.push(name, value);
  }
  head.push('content-length', String(kept.body.length));
  templates.set(kept, { list, head });
  return head;
}

export function createReadDoor(parts: ReadDoorParts): ReadDoor {
  let open = true;
  let logged = 0;
  return {
    close() {
      open = false;
    },
    answer(req, res) {
      if (!open || req.method !== 'GET') return false;
      const url = req.url;
      if (url === undefined || !url.startsWith('/api/')) return false;
      const headers = req.headers;
      for (const name of STEP_ASIDE_HEADERS) if (headers[name] !== undefined) return false;

      const host = headers.host ?? '';
      const hostname =
        host[0] === '[' ? host.slice(0, host.indexOf(']') + 1) : host.split(':', 1)[0]!;
      if (!parts.hostAllowed(hostname)) return false;

      const socket = req.socket;
      const protocol = (socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
      const version = parts.changes.version();
      if (version === null) return false;
      const nowMs = parts.clock.now().epochMilliseconds;
      const cookie = headers.cookie;
      const caller = parts.callers(
        {
          authorization: headers.authorization,
          sessionSecret:
            headers.authorization === undefined && cookie
              ? plausibleSessionSecret(
                  parts.parseCookie(cookie)[sessionCookieName({ protocol, hostname })],
                )
              : undefined,
          workspace: headers[WORKSPACE_HEADER],
          ip: socket.remoteAddress ?? '',
        },
        version,
        nowMs,
      );
      if (!caller) return false;

      const kept = parts.readCache.peek(
        readCacheKey('GET', caller.credential, caller.actor, url),
        version,
        minuteOf(nowMs),
      );
      if (!kept) return false;
      const counted = parts.windows.takeIfAllowed(caller.credential.key, Date.now());
      if (!counted) return false;

      const started = logsRequests(parts.log) ? performance.now() : 0;
      const head = headTemplate(kept, parts.securityHeadersOf({ url, protocol }));
      head[1] = String(counted.limit);
      head[3] = String(counted.resetSeconds);
      head[5] = String(counted.remaining);
      // Written into the status line and header block at once; nothing keeps the array.
      res.writeHead(200, head);
      res.end(kept.body);

      if (started) {
        // The lines Fastify logs for a request, through its serializers (which read a
        // request's method, url, headers, host, ip and socket, and a reply's status).
        const log = parts.log.child({ reqId: `read-${(logged++).toString(36)}` });
        log.info(
          { req: { method: 'GET', url, headers, host, ip: socket.remoteAddress, socket } },
          'incoming request',
        );
        log.info({ res, responseTime: performance.now() - started }, 'request completed');
      }
      return true;
    },
  };
}
