import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { DomainError } from '../../core/kernel/errors.ts';

/** Requests per minute per API token, per session, or per IP address when anonymous. */
export const DEFAULT_REQUESTS_PER_MINUTE = 600;
/** Sign-up, sign-in and invitation acceptance per IP address per minute, whatever the outcome:
 * each costs an argon2id hash, so they are also a way to burn the server's CPU. */
export const AUTH_REQUESTS_PER_MINUTE = 20;

const keyOf = (request: FastifyRequest) => request.credential?.key ?? `ip:${request.ip}`;

/** Callers whose window is remembered; past that the oldest window is forgotten first. */
const MAX_COUNTED_KEYS = 10_000;

interface Window {
  count: number;
  startMs: number;
}

/** One request counted against its caller's window. */
export interface Counted {
  limit: number;
  remaining: number;
  /** Seconds until the window starts again. */
  resetSeconds: number;
}

/**
 * The general limit's counters: a plain fixed window per key in a map. `take` counts a request
 * and says whether it is within the limit; `takeIfAllowed` counts it only when it is (for the
 * read door, which leaves a refused request to the hook that answers it).
 */
export function requestWindows(perMinute: number, windowMs = 60_000) {
  const windows = new Map<string, Window>();
  const windowOf = (key: string, now: number) => {
    let window = windows.get(key);
    if (!window || window.startMs + windowMs <= now) {
      window = { count: 0, startMs: now };
      windows.delete(key);
      windows.set(key, window);
      if (windows.size > MAX_COUNTED_KEYS) windows.delete(windows.keys().next().value!);
    }
    return window;
  };
  const counted = (window: Window, now: number): Counted => ({
    limit: perMinute,
    remaining: Math.max(0, perMinute - window.count),
    resetSeconds: Math.ceil((window.startMs + windowMs - now) / 1000),
  });
  return {
    take(key: string, now: number): Counted & { allowed: boolean } {
      const window = windowOf(key, now);
      window.count++;
      return { ...counted(window, now), allowed: window.count <= perMinute };
    },
    takeIfAllowed(key: string, now: number): Counted | null {
      const window = windowOf(key, now);
      if (window.count >= perMinute) return null;
      window.count++;
      return counted(window, now);
    },
  };
}

export type RequestWindows = ReturnType<typeof requestWindows>;

/**
 * The general limit. It runs after authentication (preHandler), so that it counts per
 * credential: one noisy script does not slow down the rest of the team behind the same NAT.
 * Counters live in this process; N instances allow N times the budget, which bounds abuse
 * without a shared store.
 *
 * Every API request passes here, so it is a plain fixed window per key in a map, counted in a
 * synchronous hook (the plugin's general limit awaited a promise per request). The plugin
 * still runs the routes that set their own budget (`config.rateLimit`: the sign-in family, the
 * calendar feed), and only those.
 */
export async function registerRequestRateLimit(
  app: FastifyInstance,
  perMinute: number,
): Promise<RequestWindows> {
  const windowMs = 60_000;
  await app.register(rateLimit, {
    global: false,
    max: perMinute,
    timeWindow: windowMs,
    hook: 'preHandler',
    allowList: (request) => !request.url.startsWith('/api/'),
    keyGenerator: keyOf,
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate-limited', `Too many requests; try again in ${context.after}.`),
  });
  const windows = requestWindows(perMinute, windowMs);
  const limit: preHandlerHookHandler = function (request, reply, done) {
    if (!request.url.startsWith('/api/')) return done();
    const counted = windows.take(keyOf(request), Date.now());
    reply.header('x-ratelimit-limit', counted.limit);
    reply.header('x-ratelimit-reset', counted.resetSeconds);
    reply.header('x-ratelimit-remaining', counted.remaining);
    if (counted.allowed) return done();
    reply.header('retry-after', counted.resetSeconds);
    const seconds = counted.resetSeconds;
    done(
      new DomainError(
        'rate-limited',
        `Too many requests; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      ),
    );
  };
  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit != null) return;
    // A GET's HEAD twin arrives with the GET's hooks already in place: count each request once.
    const own = route.preHandler === undefined ? [] : [route.preHandler].flat();
    if (!own.includes(limit)) route.preHandler = [...own, limit];
  });
  return windows;
}

/** Route config for the sign-in family: a per-IP budget that applies before any hashing. */
export function authRouteRateLimit(perMinute = AUTH_REQUESTS_PER_MINUTE) {
  return {
    rateLimit: {
      max: perMinute,
      timeWindow: 60_000,
      keyGenerator: (request: FastifyRequest) => `auth-ip:${request.ip}`,
    },
  };
}
