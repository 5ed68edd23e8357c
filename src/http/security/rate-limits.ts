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
export async function registerRequestRateLimit(app: FastifyInstance, perMinute: number) {
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
  const windows = new Map<string, Window>();
  const limit: preHandlerHookHandler = function (request, reply, done) {
    if (!request.url.startsWith('/api/')) return done();
    const key = keyOf(request);
    const now = Date.now();
    let window = windows.get(key);
    if (!window || window.startMs + windowMs <= now) {
      window = { count: 0, startMs: now };
      windows.delete(key);
      windows.set(key, window);
      if (windows.size > MAX_COUNTED_KEYS) windows.delete(windows.keys().next().value!);
    }
    window.count++;
    const resetSeconds = Math.ceil((window.startMs + windowMs - now) / 1000);
    reply.header('x-ratelimit-limit', perMinute);
    reply.header('x-ratelimit-reset', resetSeconds);
    if (window.count <= perMinute) {
      reply.header('x-ratelimit-remaining', perMinute - window.count);
      return done();
    }
    reply.header('x-ratelimit-remaining', 0);
    reply.header('retry-after', resetSeconds);
    done(
      new DomainError(
        'rate-limited',
        `Too many requests; try again in ${resetSeconds} second${resetSeconds === 1 ? '' : 's'}.`,
      ),
    );
  };
  app.addHook('onRoute', (route) => {
    if (route.config?.rateLimit != null) return;
    // A GET's HEAD twin arrives with the GET's hooks already in place: count each request once.
    const own = route.preHandler === undefined ? [] : [route.preHandler].flat();
    if (!own.includes(limit)) route.preHandler = [...own, limit];
  });
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
