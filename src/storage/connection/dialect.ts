/**
 * Everything that differs between SQLite and PostgreSQL lives here, as capabilities the rest of
 * storage asks about. Queries themselves are written once, in Kysely.
 */
export type DialectName = 'sqlite' | 'postgres';

export interface DialectCapabilities {
  name: DialectName;
  /** How many bound parameters one statement may carry (SQLite's default limit is 32766). */
  maxParameters: number;
  /** SQLite serialises writers; it wants BEGIN IMMEDIATE so that a transaction that reads
   * before it writes does not fail to upgrade its lock under concurrency. */
  beginStatement: string;
}

export const CAPABILITIES: Record<DialectName, DialectCapabilities> = {
  sqlite: { name: 'sqlite', maxParameters: 32_000, beginStatement: 'begin immediate' },
  postgres: { name: 'postgres', maxParameters: 65_000, beginStatement: 'begin' },
};
