/*
 * HTTP-level helpers for suites that drive the server through app.inject:
 *
 *   const app = await startTestServer(t);                   // on a test context (dialects.ts)
 *   const token = await tokenFor(t.ctx, actor);              // an API token for a member
 *   await app.inject({ method: 'GET', url: '/api/v1/deals', headers: bearer(token) });
 *
 *   await givePassword(t.ctx, member, TEST_PASSWORD);        // members made by fixtures have none
 *   const browser = await signIn(app, member.email);         // a session cookie and CSRF token
 *   await app.inject({ method: 'POST', url, headers: browser.headers(), payload });
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { createApiToken } from '../../src/core/auth/flows/api-tokens.ts';
import type { Actor, Member } from '../../src/core/workspaces/types.ts';
import { LOCAL_SESSION_COOKIE } from '../../src/http/auth/session-cookie.ts';
import { buildServer, type ServerOptions } from '../../src/http/server.ts';
import type { TestContext } from './dialects.ts';

export type TestServer = Awaited<ReturnType<typeof buildServer>>;

/** A long phrase that passes the password policy. */
export const TEST_PASSWORD = 'plum tractor quietly sings';

/** The origin app.inject requests come from by default (Host: localhost:80). */
export const TEST_ORIGIN = 'http://localhost';

/** A server on the test context's store and frozen clock. The general and sign-in rate limits
 * (and the bad-bearer-token limit) are lifted unless the suite passes its own: suites that test limits set them low. */
export function startTestServer(t: TestContext, options: ServerOptions = {}): Promise<TestServer> {
  return buildServer(t.ctx, {
    requestsPerMinute: 1_000_000,
    authRequestsPerMinute: 1_000_000,
    bearerFailureLimit: { max: 1_000_000, windowMs: 60_000 },
    ...options,
  });
}

/** A token with every scope (read, write, tokens): it may do all its member's role allows.
 * Suites about scopes make their own with createApiToken. */
export async function tokenFor(ctx: AppContext, actor: Actor, name = 'test'): Promise<string> {
  return (await createApiToken(ctx, actor, { name, scopes: ['read', 'write', 'tokens'] })).secret;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Sets a member's password straight in the store (the fixtures create members without one). */
export async function givePassword(ctx: AppContext, member: Member, password = TEST_PASSWORD) {
  const hash = await ctx.passwords.hash(password);
  await ctx.runner.transaction((tx) => ctx.users.setPasswordHash(tx, member.userId, hash));
}

/** What a browser holds after signing in: the session cookie and the CSRF token. */
export interface BrowserSession {
  cookie: string;
  csrfToken: string;
  /** Headers for a same-origin request with this session, CSRF token included. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

/** Reads the session a sign-in, sign-up or invitation acceptance answered with. */
export function sessionFrom(response: LightMyRequestResponse): BrowserSession {
  const set = response.cookies.find((c) => c.name === LOCAL_SESSION_COOKIE);
  if (!set) throw new Error(`no session cookie in a ${response.statusCode}: ${response.body}`);
  const cookie = `${set.name}=${set.value}`;
  const csrfToken = String(response.json().csrfToken);
  return {
    cookie,
    csrfToken,
    headers: (extra = {}) => ({
      cookie,
      'x-csrf-token': csrfToken,
      origin: TEST_ORIGIN,
      ...extra,
    }),
  };
}

export async function signIn(
  app: TestServer,
  email: string,
  password = TEST_PASSWORD,
): Promise<BrowserSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  expect(response.statusCode, response.body).toBe(200);
  return sessionFrom(response);
}
