import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import {
  LAST_USED_RESOLUTION_MS,
  requireScope,
  resolveApiToken,
} from '../../core/auth/flows/api-tokens.ts';
import { resolveSession, TOUCH_EVERY_MS } from '../../core/auth/flows/sessions.ts';
import { DomainError, isDomainError } from '../../core/kernel/errors.ts';
import type { BearerThrottle } from '../security/bearer-throttle.ts';
import type { Actor } from '../../core/workspaces/types.ts';
import { versionedCache } from '../caching/versioned-cache.ts';
import { readSessionCookie } from './session-cookie.ts';

/** How the caller proved who they are. `key` names the credential for rate limiting without
 * holding the secret itself. */
export type Credential =
  | { kind: 'token'; key: string }
  | { kind: 'session'; key: string; sessionId: string; csrfToken: string };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    credential: Credential | null;
    /** The store's change version read before the credential was resolved (undefined when no
     * credential was sent): caches later in the request may reuse it, since it was read before
     * anything they read (see caching/read-cache.ts). */
    changeVersion: number | null | undefined;
  }
}

/** A caller as remembered between requests, with the credential built once. */
export interface RememberedCaller {
  actor: Actor;
  credential: Credential;
}

/** What a request shows of its credential, read off its raw headers (see `RememberedCallers`). */
export interface CredentialHeaders {
  authorization: string | undefined;
  /** The session secret from its cookie, if the request carries one. */
  sessionSecret: string | undefined;
  /** The x-workspace-id header, if any. */
  workspace: string | string[] | undefined;
  /** The client's address (the bearer throttle counts per address). */
  ip: string;
}

/**
 * The callers authentication remembers, looked up without the database and without a promise:
 * the caller of a GET whose credential is remembered for this change version and time, else
 * null (unknown, expired, malformed, or from an address the bearer throttle holds back), in
 * which case the request must go through authentication proper. Used by the read door.
 */
export type RememberedCallers = (
  headers: CredentialHeaders,
  version: number | null,
  nowMs: number,
) => RememberedCaller | null;

const BEARER_RE = /^Bearer\s+(\S+)$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** API tokens remembered per server instance (see below). */
const TOKEN_CACHE_ENTRIES = 10_000;
/** A person in several workspaces picks one per request; the default is the first they joined. */
export const WORKSPACE_HEADER = 'x-workspace-id';

/**
 * Resolves who is calling for every request under /api/: an API token (`Authorization:
 * Bearer`) or a session cookie. A bad bearer token is refused outright; a stale session cookie
 * is ignored, so that signing in again still works. Routes then ask `requireActor`.
 *
 * Scripts call with the same token many times a second, so a token's member is remembered
 * until anything is written to the database (a revocation, a removal or a role change among
 * them; the store's change feed says so, from this process or another) and for at most the
 * minute that "last used" is kept to, so that it is still written. Sessions the same way: a
 * browser's identity is remembered until anything is written (a sign-out or a role change among
 * them), for at most the minute that "last seen" is kept to, and never past its expiry.
 */
export async function registerAuthentication(
  app: FastifyInstance,
  ctx: AppContext,
  bearerThrottle: BearerThrottle,
): Promise<RememberedCallers> {
  const tokens = versionedCache<string, Actor>({
    capacity: TOKEN_CACHE_ENTRIES,
    maxAgeMs: LAST_USED_RESOLUTION_MS,
  });
  const sessions = versionedCache<string, RememberedCaller>({
    capacity: TOKEN_CACHE_ENTRIES,
    maxAgeMs: TOUCH_EVERY_MS,
  });
  // Cookies are parsed only where they are read (a session on an /api/ request without a
  // bearer token), not on every request.
  await app.register(cookie, { hook: false });
  app.decorateRequest('actor', null);
  app.decorateRequest('credential', null);
  app.decorateRequest('changeVersion', undefined);

  /** The credentials remembered (see above), each with its rate-limit key, built once. */
  const tokenCredentials = new Map<string, Credential>();
  const credentialOfToken = (tokenHash: string): Credential => {
    let credential = tokenCredentials.get(tokenHash);
    if (!credential) {
      credential = { kind: 'token', key: `token:${tokenHash}` };
      if (tokenCredentials.size >= TOKEN_CACHE_ENTRIES) tokenCredentials.clear();
      tokenCredentials.set(tokenHash, credential);
    }
    return credential;
  };

  /** The hash of a secret a request shows, worked out once: a script or a browser shows the same
   * one many times a second, and hashing it costs more than the rest of a remembered read
   * (issue 15). Bounded like the credentials; it holds no secret the process does not already
   * hold while it serves those requests. */
  const hashes = new Map<string, string>();
  const hashOf = (secret: string): string => {
    let hash = hashes.get(secret);
    if (hash === undefined) {
      hash = ctx.secrets.hashToken(secret);
      if (hashes.size >= TOKEN_CACHE_ENTRIES) hashes.clear();
      hashes.set(secret, hash);
    }
    return hash;
  };

  /** A session is remembered per secret and the workspace it asked for. */
  const sessionKey = (secret: string, wanted: string | undefined) =>
    wanted === undefined ? hashOf(secret) : `${hashOf(secret)} ${wanted}`;

  const bearer = (
    request: FastifyRequest,
    reply: FastifyReply,
    header: string,
  ): Promise<void> | undefined => {
    const match = BEARER_RE.exec(header);
    if (!match) {
      throw new DomainError('unauthenticated', 'Authorization must be "Bearer <token>".');
    }
    const wait = bearerThrottle.retryAfterSeconds(request.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new DomainError(
        'rate-limited',
        `Too many unknown API tokens from this address; try again in ${wait} seconds.`,
      );
    }
    const tokenHash = hashOf(match[1]!);
    const version = ctx.store.changes.version();
    request.changeVersion = version;
    const accept = (actor: Actor) => {
      request.actor = actor;
      request.credential = credentialOfToken(tokenHash);
      // Token routes check the `tokens` scope themselves (createApiToken, revokeApiToken).
      if (!SAFE_METHODS.has(request.method) && !request.url.startsWith('/api/v1/tokens')) {
        requireScope(actor, 'write', 'make changes');
      }
    };
    const known = tokens.get(tokenHash, version, ctx.clock.now().epochMilliseconds);
    if (known) {
      accept(known);
      return undefined;
    }
    return resolveApiToken(ctx, tokenHash).then(
      (resolved) => {
        // Its age counts from when "last used" was written, not from this read.
        tokens.set(tokenHash, resolved.actor, version, resolved.lastUsedMs);
        accept(resolved.actor);
      },
      (error: unknown) => {
        if (isDomainError(error) && error.code === 'unauthenticated') {
          bearerThrottle.recordFailure(request.ip);
        }
        throw error;
      },
    );
  };

  const session = (request: FastifyRequest): Promise<void> | undefined => {
    const secret = readSessionCookie(request);
    if (!secret) return undefined;
    const wanted = wantedWorkspace(request.headers[WORKSPACE_HEADER]);
    const key = sessionKey(secret, wanted);
    const version = ctx.store.changes.version();
    request.changeVersion = version;
    const nowMs = ctx.clock.now().epochMilliseconds;
    const accept = (identity: RememberedCaller) => {
      request.actor = identity.actor;
      request.credential = identity.credential;
    };
    const known = sessions.get(key, version, nowMs);
    if (known) {
      accept(known);
      return undefined;
    }
    return resolveSession(ctx, secret, wanted).then((resolved) => {
      if (!resolved) return;
      const identity: RememberedCaller = {
        actor: resolved.actor,
        credential: {
          kind: 'session',
          key: `session:${resolved.session.id}`,
          sessionId: resolved.session.id,
          csrfToken: resolved.session.csrfToken,
        },
      };
      // Its age counts from when "last seen" was (or has just been) written, and it ends a
      // minute before the session's absolute expiry at the latest.
      const seenMs = Date.parse(resolved.session.lastSeenAt);
      const lastSeenMs = nowMs - seenMs >= TOUCH_EVERY_MS ? nowMs : seenMs;
      const expiresMs = Date.parse(resolved.session.expiresAt);
      sessions.set(key, identity, version, Math.min(lastSeenMs, expiresMs - TOUCH_EVERY_MS));
      accept(identity);
    });
  };

  const remembered: RememberedCallers = (headers, version, nowMs) => {
    if (headers.authorization !== undefined) {
      const match = BEARER_RE.exec(headers.authorization);
      if (!match || bearerThrottle.retryAfterSeconds(headers.ip) > 0) return null;
      const tokenHash = hashOf(match[1]!);
      const actor = tokens.get(tokenHash, version, nowMs);
      return actor ? { actor, credential: credentialOfToken(tokenHash) } : null;
    }
    if (!headers.sessionSecret) return null;
    const key = sessionKey(headers.sessionSecret, wantedWorkspace(headers.workspace));
    return sessions.get(key, version, nowMs) ?? null;
  };

  // A callback hook, not an async one: a remembered credential is accepted without a promise,
  // and the database is awaited only when it is not remembered.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/api/')) return done();
    let pending: Promise<void> | undefined;
    try {
      const header = request.headers.authorization;
      pending = header !== undefined ? bearer(request, reply, header) : session(request);
    } catch (error) {
      return done(error as Error);
    }
    if (!pending) return done();
    pending.then(() => done(), done);
  });
  return remembered;
}

/** The workspace a request asks for; an implausible value is not looked up. */
function wantedWorkspace(asked: string | string[] | undefined): string | undefined {
  return typeof asked === 'string' && asked.length <= 64 ? asked : undefined;
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new DomainError(
      'unauthenticated',
      'Sign in, or send an API token as "Authorization: Bearer <token>".',
    );
  }
  return request.actor;
}
