import type { Executor } from '../kernel/transactions.ts';
import type { Role, TokenScope } from '../workspaces/types.ts';

/** Secrets come from outside the domain: random tokens and their one-way hashes. */
export interface SecretGenerator {
  /** A fresh random token with at least 128 bits of entropy, safe to put in a header or URL. */
  newToken(prefix: string): string;
  /** A deterministic one-way hash used to find a token without storing it. */
  hashToken(token: string): string;
}

/** Passwords are hashed outside the domain (argon2id in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** True when `hash` was made with other parameters than the ones in force now. */
  needsRehash(hash: string): boolean;
  /** Spends the time of one verification, so that an unknown e-mail address answers as slowly
   * as a wrong password and sign-in does not reveal who has an account. */
  burn(password: string): Promise<void>;
}

/**
 * Password checks are counted, whichever door they come through (sign-in, sign-up with an
 * existing address, accepting an invitation, changing a password), in one budget per account
 * and per client address, so that locking one door locks them all. The HTTP layer supplies it
 * bound to the caller's address; the CLI, which already holds the database, does not count.
 */
export interface PasswordAttempts {
  /** Throws a `rate-limited` error while `account` may not be tried (from this address). */
  assertAllowed(account: string): void;
  failed(account: string): void;
  succeeded(account: string): void;
}

export interface ApiToken {
  id: string;
  workspaceId: string;
  memberId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  scopes: TokenScope[];
}

export interface ApiTokenRepository {
  insert(ex: Executor, token: ApiToken, tokenHash: string): Promise<void>;
  /** The live token with this hash and the role of its member, in one read; null when the
   * token is unknown or revoked, or its member has been removed. */
  findActorByHash(ex: Executor, tokenHash: string): Promise<{ token: ApiToken; role: Role } | null>;
  listByMember(ex: Executor, memberId: string): Promise<ApiToken[]>;
  revoke(ex: Executor, memberId: string, id: string, at: string): Promise<boolean>;
  /** Revokes every live token of a member (removal); returns how many. */
  revokeAllForMember(ex: Executor, memberId: string, at: string): Promise<number>;
  touch(ex: Executor, id: string, at: string): Promise<void>;
}

/** A browser sign-in. It belongs to a person (a user), who acts in one of their workspaces. */
export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
}

export interface SessionRepository {
  insert(ex: Executor, session: Session, tokenHash: string): Promise<void>;
  /** A session that is not revoked and has not reached its absolute expiry at `now`. */
  findLiveByHash(ex: Executor, tokenHash: string, now: string): Promise<Session | null>;
  touch(ex: Executor, id: string, at: string): Promise<void>;
  revoke(ex: Executor, id: string, at: string): Promise<boolean>;
  /** Revokes every live session of a person; returns how many. */
  revokeAllForUser(ex: Executor, userId: string, at: string): Promise<number>;
}

/** An invitation to join a workspace with a role; its token is shown once and kept hashed. */
export interface Invitation {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface InvitationRepository {
  insert(ex: Executor, invitation: Invitation, tokenHash: string): Promise<void>;
  findByHash(ex: Executor, tokenHash: string): Promise<Invitation | null>;
  /** Invitations neither accepted, revoked nor expired at `now`, oldest first. */
  listPending(ex: Executor, workspaceId: string, now: string): Promise<Invitation[]>;
  /** Marks an invitation accepted only if it is still pending; false when it was not. */
  markAccepted(ex: Executor, id: string, at: string): Promise<boolean>;
  /** Revokes a pending invitation of the workspace; false when there is none by that id. */
  revoke(ex: Executor, workspaceId: string, id: string, at: string): Promise<boolean>;
  revokePendingForEmail(
    ex: Executor,
    workspaceId: string,
    email: string,
    at: string,
  ): Promise<number>;
}

/** A one-time password reset for a person; its token is e-mailed or shown once, kept hashed. */
export interface PasswordReset {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface PasswordResetRepository {
  insert(ex: Executor, reset: PasswordReset, tokenHash: string): Promise<void>;
  findByHash(ex: Executor, tokenHash: string): Promise<PasswordReset | null>;
  /** Marks a reset used only if it is still unused and not expired at `at`; false otherwise. */
  markUsed(ex: Executor, id: string, at: string): Promise<boolean>;
  /** Ends every unused reset of a person (a newer one replaces them); returns how many. */
  endUnusedForUser(ex: Executor, userId: string, at: string): Promise<number>;
}
