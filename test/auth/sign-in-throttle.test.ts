import { describe, expect, it } from 'vitest';
import { fixedClock } from '../support/clock.ts';
import { createSignInThrottle } from '../../src/http/security/sign-in-throttle.ts';

const MINUTE = 60_000;
const limits = {
  perIp: { max: 10, windowMs: 10 * MINUTE },
  perAccountAndIp: { max: 3, windowMs: 10 * MINUTE },
  perAccount: { max: 5, windowMs: 60 * MINUTE },
  trustMs: 24 * 60 * MINUTE,
};

function setup() {
  const clock = fixedClock('2026-11-24T15:00:00Z');
  return { clock, throttle: createSignInThrottle(clock, limits) };
}

describe('the sign-in throttle', () => {
  it('lets an address try an account max times, then says how long to wait', () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds('1.1.1.1', 'ann')).toBe(0);
      throttle.recordFailure('1.1.1.1', 'ann');
      clock.advance(MINUTE);
    }
    // The first failure was 3 minutes ago; it leaves the 10-minute window in 7.
    expect(throttle.retryAfterSeconds('1.1.1.1', 'ann')).toBe(7 * 60);
    expect(throttle.retryAfterSeconds('1.1.1.1', 'ANN')).toBe(7 * 60);
    expect(throttle.retryAfterSeconds('2.2.2.2', 'ann')).toBe(0);
    clock.advance(7 * MINUTE);
    expect(throttle.retryAfterSeconds('1.1.1.1', 'ann')).toBe(0);
  });

  it('clears an account’s count for an address on success', () => {
    const { throttle } = setup();
    for (let i = 0; i < 2; i++) throttle.recordFailure('1.1.1.1', 'ann');
    throttle.recordSuccess('1.1.1.1', 'ann');
    for (let i = 0; i < 2; i++) throttle.recordFailure('1.1.1.1', 'ann');
    expect(throttle.retryAfterSeconds('1.1.1.1', 'ann')).toBe(0);
  });

  it('limits one address across accounts', () => {
    const { throttle } = setup();
    for (let i = 0; i < 10; i++) throttle.recordFailure('1.1.1.1', `user${i}`);
    expect(throttle.retryAfterSeconds('1.1.1.1', 'someone-new')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('2.2.2.2', 'someone-new')).toBe(0);
  });

  it('limits one account across addresses, except where it signed in before', () => {
    const { clock, throttle } = setup();
    throttle.recordSuccess('9.9.9.9', 'ann');
    for (let i = 0; i < 5; i++) throttle.recordFailure(`3.3.3.${i}`, 'ann');
    expect(throttle.retryAfterSeconds('4.4.4.4', 'ann')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('9.9.9.9', 'ann')).toBe(0);
    clock.advance(limits.trustMs + 1);
    for (let i = 0; i < 5; i++) throttle.recordFailure(`5.5.5.${i}`, 'ann');
    expect(throttle.retryAfterSeconds('9.9.9.9', 'ann')).toBeGreaterThan(0);
  });
});
