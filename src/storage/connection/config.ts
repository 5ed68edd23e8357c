import path from 'node:path';

export type DatabaseConfig =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; schema?: string };

export const DEFAULT_SQLITE_FILE = path.join('data', 'momentum.db');

/** `DATABASE_URL=postgres://…` picks PostgreSQL; otherwise `--db PATH`, `MOMENTUM_DB`, or the
 * default file under ./data. */
export function resolveDatabaseConfig(
  options: { db?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url };
  if (url)
    throw new Error(`DATABASE_URL must start with postgres:// (got "${url.split(':')[0]}:…").`);
  return { dialect: 'sqlite', file: options.db ?? env.MOMENTUM_DB ?? DEFAULT_SQLITE_FILE };
}
