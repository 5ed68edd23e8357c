import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/kernel/errors.ts';

/** Requests per minute per API token, per session, or per IP address when anonymous. */
export const DEFAULT_REQUESTS_PER_MINUTE = 600;
/** Sign-up, sign-in and invitation acceptance per IP address per minute, whatever the outcome:
 * each costs an argon2id hash, so they are also a way to burn the server's CPU. */
export const AUTH_REQUESTS_PER_MINUTE = 20;

const keyOf = (request: FastifyRequest) => request.credential?.key ?? `ip:${request.ip}`;

/**
 * The general limit. It runs after authentication (preHandler), so that it counts per
 * credential: one noisy script does not slow down the rest of the team behind the same NAT.
 * Counters live in this process; N instances allow N times the budget, which bounds abuse
 * without a shared store.
 */
export async function registerRequestRateLimit(app: FastifyInstance, perMinute: number) {
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    hook: 'preHandler',
    allowList: (request) => !request.url.startsWith('/api/'),
    keyGenerator: keyOf,
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate-limited', `Too many requests; try again in ${context.after}.`),
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
