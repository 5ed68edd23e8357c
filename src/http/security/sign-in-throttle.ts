import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PasswordAttempts } from '../../core/auth/ports.ts';
import type { Clock } from '../../core/kernel/clock.ts';
import { DomainError } from '../../core/kernel/errors.ts';

/*
 * Password guessing is slowed by counting failed attempts three ways:
 * - per IP address: one machine trying many accounts;
 * - per account and IP address: one machine trying one account (tight);
 * - per account from anywhere: many machines trying one account (loose).
 * The last one could lock the real person out during a distributed attack, so it does not
 * apply from an address where that account signed in successfully before. A success clears the
 * account's count for that address. Counts live in memory, per instance.
 */
export interface SignInLimits {
  perIp: { max: number; windowMs: number };
  perAccountAndIp: { max: number; windowMs: number };
  perAccount: { max: number; windowMs: number };
  /** How long an address stays trusted for an account after a successful sign-in. */
  trustMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perIp: { max: 30, windowMs: 15 * MINUTE },
  perAccountAndIp: { max: 5, windowMs: 15 * MINUTE },
  perAccount: { max: 50, windowMs: 60 * MINUTE },
  trustMs: 30 * 24 * 60 * MINUTE,
};

/** Bounds memory under a flood of made-up accounts: the oldest keys are forgotten first. */
const MAX_KEYS = 100_000;

export interface SignInThrottle {
  /** Seconds until `account` may be tried again from `ip`; 0 when it may be tried now. */
  retryAfterSeconds(ip: string, account: string): number;
  recordFailure(ip: string, account: string): void;
  recordSuccess(ip: string, account: string): void;
}

export function createSignInThrottle(
  clock: Clock,
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
): SignInThrottle {
  const failures = new Map<string, number[]>();
  const trusted = new Map<string, number>();
  const now = () => clock.now().epochMilliseconds;

  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    map.set(key, value);
    if (map.size > MAX_KEYS) map.delete(map.keys().next().value!);
  };

  const recent = (key: string, windowMs: number, at: number): number[] => {
    const times = (failures.get(key) ?? []).filter((t) => t > at - windowMs);
    if (times.length) failures.set(key, times);
    else failures.delete(key);
    return times;
  };

  const waitFor = (key: string, rule: { max: number; windowMs: number }, at: number) => {
    const times = recent(key, rule.windowMs, at);
    if (times.length < rule.max) return 0;
    return times[times.length - rule.max]! + rule.windowMs - at;
  };

  const keys = (ip: string, account: string) => ({
    ip: `ip:${ip}`,
    pair: `pair:${account}|${ip}`,
    account: `account:${account}`,
  });

  const isTrusted = (pairKey: string, at: number) => (trusted.get(pairKey) ?? 0) > at;

  return {
    retryAfterSeconds(ip, account) {
      const at = now();
      const k = keys(ip, account.toLowerCase());
      const waits = [
        waitFor(k.ip, limits.perIp, at),
        waitFor(k.pair, limits.perAccountAndIp, at),
        isTrusted(k.pair, at) ? 0 : waitFor(k.account, limits.perAccount, at),
      ];
      const ms = Math.max(...waits);
      return ms > 0 ? Math.ceil(ms / 1000) : 0;
    },
    recordFailure(ip, account) {
      const at = now();
      const k = keys(ip, account.toLowerCase());
      for (const key of [k.ip, k.pair, k.account]) {
        remember(failures, key, [...(failures.get(key) ?? []), at].slice(-1000));
      }
    },
    recordSuccess(ip, account) {
      const at = now();
      const k = keys(ip, account.toLowerCase());
      failures.delete(k.pair);
      remember(trusted, k.pair, at + limits.trustMs);
    },
  };
}

/** The throttle as the domain's PasswordAttempts port, for one request: counted under the
 * caller's address, and a refusal answers 429 with Retry-After. */
export function passwordAttempts(
  throttle: SignInThrottle,
  request: FastifyRequest,
  reply: FastifyReply,
): PasswordAttempts {
  return {
    assertAllowed(account) {
      const wait = throttle.retryAfterSeconds(request.ip, account);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new DomainError(
          'rate-limited',
          `Too many failed attempts; try again in ${wait} seconds.`,
        );
      }
    },
    failed: (account) => throttle.recordFailure(request.ip, account),
    succeeded: (account) => throttle.recordSuccess(request.ip, account),
  };
}
