import { PostgresAdapter, sql, type Kysely } from 'kysely';

/*
 * Contacts get a phone number and an index to find a contact by e-mail (one address, one
 * person, per workspace: the use case refuses a second; imported duplicates from before stay).
 *
 * Search is accent- and case-insensitive on both dialects through one SQL function,
 * momentum_fold(text). SQLite has it from the connection (registered from the same code as
 * src/core/search/fold.ts); PostgreSQL gets it here, as translate() over the Latin letters
 * whose fold is one letter, computed from that same folding, then lower(). The table is fixed
 * in this migration (a later change to folding is a later migration).
 */
function fold(c: string): string {
  return c
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(
      /[øØđĐłŁıħĦ]/g,
      (x) => ({ ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l', ı: 'i', ħ: 'h', Ħ: 'h' })[x] ?? x,
    )
    .toLowerCase();
}

export function foldTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x24f; code++) {
    const c = String.fromCodePoint(code);
    const f = fold(c);
    if (f !== c && [...f].length === 1 && /^[a-z]$/.test(f)) {
      from += c;
      to += f;
    }
  }
  return { from, to };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('phone', 'text').execute();
  await db.schema
    .createIndex('contacts_workspace_email_idx')
    .on('contacts')
    .columns(['workspace_id', 'email'])
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { from, to } = foldTable();
    await sql
      .raw(
        `create or replace function momentum_fold(text) returns text language sql immutable parallel safe as $$ select lower(translate($1, '${from}', '${to}')) $$`,
      )
      .execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql.raw('drop function if exists momentum_fold(text)').execute(db);
  }
  await db.schema.dropIndex('contacts_workspace_email_idx').execute();
  await db.schema.alterTable('contacts').dropColumn('phone').execute();
}
