import type { Executor } from '../shared/transactions.ts';

/** Secrets come from outside the domain: random tokens and their one-way hashes. */
export interface SecretGenerator {
  /** A fresh random token with at least 128 bits of entropy, safe to put in a header or URL. */
  newToken(prefix: string): string;
  /** A deterministic one-way hash used to find a token without storing it. */
  hashToken(token: string): string;
}

export interface ApiToken {
  id: string;
  workspaceId: string;
  memberId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenRepository {
  insert(ex: Executor, token: ApiToken, tokenHash: string): Promise<void>;
  findActiveByHash(ex: Executor, tokenHash: string): Promise<ApiToken | null>;
  listByMember(ex: Executor, memberId: string): Promise<ApiToken[]>;
  revoke(ex: Executor, memberId: string, id: string, at: string): Promise<boolean>;
  touch(ex: Executor, id: string, at: string): Promise<void>;
}
