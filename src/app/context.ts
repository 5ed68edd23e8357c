import { createHash, randomBytes } from 'node:crypto';
import type { PasswordHasher, SecretGenerator } from '../core/auth/ports.ts';
import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../core/kernel/clock.ts';
import { recordMomentum } from '../core/momentum/record-momentum.ts';
import type { TransactionRunner } from '../core/kernel/transactions.ts';
import { idGeneratorFrom, type IdGenerator } from '../core/kernel/ids.ts';
import type { DatabaseConfig } from '../storage/connection/config.ts';
import { openStore, type Store } from '../storage/connection/open.ts';
import { repositories, type Repositories } from '../storage/repositories/index.ts';
import { argon2Hasher } from './password-hasher.ts';
import type { JobQueue } from '../core/jobs/ports.ts';
import type { EventOutbox, WebhookSecrets } from '../core/webhooks/ports.ts';
import { graphileJobQueue, graphileSchemaFor } from './jobs/graphile-jobs.ts';
import { sqliteJobQueue } from './jobs/sqlite-jobs.ts';
import { webhookSecrets } from './webhooks/http-delivery.ts';
import { eventOutbox } from './webhooks/outbox.ts';
import type { Mailer, MessageSigner } from '../core/notifications/ports.ts';
import { mailConfigFromEnv, type MailConfig } from './mail/mail-config.ts';
import { hmacSigner } from './mail/signer.ts';
import { smtpMailer } from './mail/smtp-mailer.ts';

/**
 * The composition root shared by the HTTP server and the CLI: one store, the real clock, real
 * randomness, and the stateless repositories. Use cases take this object but type their
 * dependency on only what they use.
 */
export interface AppContext extends Repositories {
  store: Store;
  /** The store's transactions, or (inside a larger unit of work such as the sample workspace)
   * one transaction that every use case joins. */
  runner: TransactionRunner;
  clock: Clock;
  ids: IdGenerator;
  secrets: SecretGenerator;
  passwords: PasswordHasher;
  /** Background jobs: graphile-worker on PostgreSQL, our `jobs` table on SQLite. */
  jobs: JobQueue;
  /** Where use cases announce webhook events, in their own transaction. */
  events: EventOutbox;
  webhookSecrets: WebhookSecrets;
  /** MOMENTUM_WEBHOOKS_ALLOW_PRIVATE=1: webhooks added with --allow-private may reach private
   * addresses. */
  allowPrivateTargets: boolean;
  /** Outgoing e-mail (SMTP_URL and MOMENTUM_FROM), or one that says it is not configured. */
  mailer: Mailer;
  /** Signs the links e-mails carry (unsubscribe). */
  signer: MessageSigner;
  /** The app's public base URL for links in e-mails (MOMENTUM_PUBLIC_URL). */
  publicUrl: string;
}

/** The job queue for a store's dialect. */
export function jobQueueFor(store: Store): JobQueue {
  const config = store.config;
  return config.dialect === 'postgres'
    ? graphileJobQueue(store, {
        connectionString: config.url,
        schema: graphileSchemaFor(config.schema),
      })
    : sqliteJobQueue(store);
}

export const systemClock: Clock = { now: () => Temporal.Now.instant() };

export const randomIds: IdGenerator = idGeneratorFrom((n) => randomBytes(n));

/** 32 random bytes (256 bits) per token; SHA-256 is enough for a high-entropy secret, unlike a
 * password, which gets argon2id. */
export const systemSecrets: SecretGenerator = {
  newToken: (prefix) => `${prefix}_${randomBytes(32).toString('base64url')}`,
  hashToken: (token) => createHash('sha256').update(token).digest('hex'),
};

const systemPasswords = argon2Hasher();

export function contextFor(
  store: Store,
  clock: Clock = systemClock,
  ids: IdGenerator = randomIds,
  env: NodeJS.ProcessEnv = process.env,
  mail: MailConfig = mailConfigFromEnv(env),
): AppContext {
  // Every write that changes a deal's momentum inputs records its momentum before it commits.
  store.onMomentumInputs = (tx, dealIds) =>
    recordMomentum({ clock, momentum: repositories.momentum }, tx, dealIds);
  const jobs = jobQueueFor(store);
  return {
    ...repositories,
    store,
    runner: store,
    clock,
    ids,
    secrets: systemSecrets,
    passwords: systemPasswords,
    jobs,
    events: eventOutbox({ webhooks: repositories.webhooks, jobs, clock, ids }),
    webhookSecrets,
    allowPrivateTargets: env.MOMENTUM_WEBHOOKS_ALLOW_PRIVATE === '1',
    mailer: smtpMailer(mail),
    signer: hmacSigner,
    publicUrl: mail.publicUrl,
  };
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
