import { createHash, randomBytes } from 'node:crypto';
import type { SecretGenerator } from '../core/auth/ports.ts';
import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../core/shared/clock.ts';
import { idGeneratorFrom, type IdGenerator } from '../core/shared/ids.ts';
import type { DatabaseConfig } from '../storage/connection/config.ts';
import { openStore, type Store } from '../storage/connection/open.ts';
import { repositories, type Repositories } from '../storage/repositories/index.ts';

/**
 * The composition root shared by the HTTP server and the CLI: one store, the real clock, real
 * randomness, and the stateless repositories. Use cases take this object but type their
 * dependency on only what they use.
 */
export interface AppContext extends Repositories {
  store: Store;
  runner: Store;
  clock: Clock;
  ids: IdGenerator;
  secrets: SecretGenerator;
}

export const systemClock: Clock = { now: () => Temporal.Now.instant() };

export const randomIds: IdGenerator = idGeneratorFrom((n) => randomBytes(n));

/** 32 random bytes (256 bits) per token; SHA-256 is enough for a high-entropy secret, unlike a
 * password, which gets argon2id. */
export const systemSecrets: SecretGenerator = {
  newToken: (prefix) => `${prefix}_${randomBytes(32).toString('base64url')}`,
  hashToken: (token) => createHash('sha256').update(token).digest('hex'),
};

export function contextFor(
  store: Store,
  clock: Clock = systemClock,
  ids: IdGenerator = randomIds,
): AppContext {
  return { ...repositories, store, runner: store, clock, ids, secrets: systemSecrets };
}

/** Opens (creating and migrating on first use) the configured database. */
export async function openContext(
  config: DatabaseConfig,
  clock?: Clock,
  ids?: IdGenerator,
): Promise<AppContext> {
  const store = await openStore(config);
  try {
    await store.migrateToLatest();
  } catch (error) {
    await store.close();
    throw error;
  }
  return contextFor(store, clock, ids);
}
