import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_initial.ts';
import * as m003 from './003_today.ts';
import * as m004 from './004_calls.ts';
import * as m005 from './005_identity_and_token_scopes.ts';
import * as m007 from './007_renegotiations.ts';
import * as m008 from './008_one_open_next_step.ts';
import * as m009 from './009_import_sources.ts';
import * as m010 from './010_calendar_feeds.ts';
import * as m011 from './011_jobs_and_webhooks.ts';
import * as m012 from './012_digests.ts';
import * as m013 from './013_mail_in.ts';
import * as m014 from './014_contact_phone_and_search.ts';
import * as m015 from './015_drop_quotas.ts';
import * as m018 from './018_password_resets.ts';

/** Migrations are listed here, in order, so that they ship inside the code and never depend on
 * reading a folder at run time. */
const MIGRATIONS: Record<string, Migration> = {
  '001_initial': m001,
  '003_today': m003,
  '004_calls': m004,
  '005_identity_and_token_scopes': m005,
  '007_renegotiations': m007,
  '008_one_open_next_step': m008,
  '009_import_sources': m009,
  '010_calendar_feeds': m010,
  '011_jobs_and_webhooks': m011,
  '012_digests': m012,
  '013_mail_in': m013,
  '014_contact_phone_and_search': m014,
  '015_drop_quotas': m015,
  '018_password_resets': m018,
};

export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
