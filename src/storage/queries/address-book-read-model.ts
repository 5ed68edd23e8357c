import { sql, type Expression, type SqlBool } from 'kysely';
import type { AddressBookReadModel, SearchRow } from '../../core/accounts/ports.ts';
import type { AccountEvent, AccountSummary } from '../../core/accounts/types.ts';
import { kyselyOf } from '../executor.ts';
import { visibleTo } from '../repositories/deal-repository.ts';

/*
 * Reads across the address book and the deals the reader can see. Accounts and contacts are
 * shared by the workspace; deals (and their calls and touches) follow the visibility rule, so
 * the counts, values and timeline a rep gets are made of their own and shared deals only.
 *
 * Search folds both sides with momentum_fold() (the same function on both dialects; see
 * migration 014) and escapes LIKE's wildcards, so "50%" is a literal percent sign.
 */

const folded = (column: string) => sql<string>`momentum_fold(${sql.ref(column)})`;

function likePattern(token: string): string {
  return `%${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Every token found somewhere in the concatenation of the columns. */
function containsAll(columns: string[], tokens: readonly string[]): Expression<SqlBool> {
  const haystack = sql.join(
    columns.map((c) => sql`coalesce(${sql.ref(c)}, '')`),
    sql` || ' ' || `,
  );
  return sql<SqlBool>`${sql.join(
    tokens.map((t) => sql`momentum_fold(${haystack}) like ${likePattern(t)} escape '\\'`),
    sql` and `,
  )}`;
}

/** A rough order for SQL's LIMIT: the main text starting with the query, then a word of it. */
function roughRank(column: string, tokens: readonly string[]) {
  const first = tokens[0]!.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<number>`case when ${folded(column)} like ${`${first}%`} escape '\\' then 0 when ${folded(column)} like ${`% ${first}%`} escape '\\' then 1 else 2 end`;
}

export const addressBookReadModel: AddressBookReadModel = {
  async summaries(ex, actor) {
    const db = kyselyOf(ex);
    const [deals, open, touches, contacts] = await Promise.all([
      db
        .selectFrom('deals')
        .where(visibleTo(actor))
        .select((eb) => [
          'deals.account_id as accountId',
          eb.fn.countAll<number>().as('dealCount'),
          eb.fn
            .sum<number>(eb.case().when('deals.status', '=', 'open').then(1).else(0).end())
            .as('openDealCount'),
        ])
        .groupBy('deals.account_id')
        .execute(),
      db
        .selectFrom('deals')
        .where(visibleTo(actor))
        .where('deals.status', '=', 'open')
        .where('deals.amount_minor', 'is not', null)
        .select((eb) => [
          'deals.account_id as accountId',
          'deals.currency as currency',
          eb.fn.sum<number>('deals.amount_minor').as('amount'),
        ])
        .groupBy(['deals.account_id', 'deals.currency'])
        .execute(),
      db
        .selectFrom('deals')
        .where(visibleTo(actor))
        .where('deals.last_touch_at', 'is not', null)
        .select((eb) => [
          'deals.account_id as accountId',
          eb.fn.max<string>('deals.last_touch_at').as('lastTouchAt'),
        ])
        .groupBy('deals.account_id')
        .execute(),
      db
        .selectFrom('contacts')
        .where('workspace_id', '=', actor.workspaceId)
        .select((eb) => ['account_id as accountId', eb.fn.countAll<number>().as('n')])
        .groupBy('account_id')
        .execute(),
    ]);
    const out = new Map<string, AccountSummary>();
    const of = (accountId: string) => {
      let s = out.get(accountId);
      if (!s) {
        s = {
          accountId,
          contactCount: 0,
          dealCount: 0,
          openDealCount: 0,
          openValue: [],
          lastTouchAt: null,
        };
        out.set(accountId, s);
      }
      return s;
    };
    for (const d of deals) {
      const s = of(d.accountId);
      s.dealCount = Number(d.dealCount);
      s.openDealCount = Number(d.openDealCount ?? 0);
    }
    for (const v of open) {
      of(v.accountId).openValue.push({ currency: v.currency, amountMinor: Number(v.amount) });
    }
    for (const s of out.values()) {
      s.openValue.sort(
        (a, b) => b.amountMinor - a.amountMinor || a.currency.localeCompare(b.currency),
      );
    }
    for (const t of touches) of(t.accountId).lastTouchAt = t.lastTouchAt;
    for (const c of contacts) of(c.accountId).contactCount = Number(c.n);
    return [...out.values()];
  },

  async timeline(ex, actor, accountId, limit) {
    const db = kyselyOf(ex);
    const dealsOfAccount = db
      .selectFrom('deals')
      .select('deals.id')
      .where(visibleTo(actor))
      .where('deals.account_id', '=', accountId);
    const [calls, touches, deals, contacts] = await Promise.all([
      db
        .selectFrom('calls')
        .select(['id', 'deal_id', 'started_at', 'outcome', 'notes'])
        .where('workspace_id', '=', actor.workspaceId)
        .where('deal_id', 'in', dealsOfAccount)
        .orderBy('started_at', 'desc')
        .limit(limit)
        .execute(),
      db
        .selectFrom('touches')
        .select(['id', 'deal_id', 'at', 'kind', 'text'])
        .where('workspace_id', '=', actor.workspaceId)
        .where('deal_id', 'in', dealsOfAccount)
        // A logged call's own touch is the call, shown once.
        .where('call_id', 'is', null)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute(),
      db
        .selectFrom('deals')
        .select(['deals.id', 'deals.title', 'deals.created_at'])
        .where(visibleTo(actor))
        .where('deals.account_id', '=', accountId)
        .orderBy('deals.created_at', 'desc')
        .limit(limit)
        .execute(),
      db
        .selectFrom('contacts')
        .select(['id', 'name', 'created_at'])
        .where('workspace_id', '=', actor.workspaceId)
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute(),
    ]);
    const events: AccountEvent[] = [
      ...calls.map((c): AccountEvent => ({
        kind: 'call',
        at: c.started_at,
        dealId: c.deal_id,
        callId: c.id,
        outcome: c.outcome,
        text: c.notes.length > 280 ? `${c.notes.slice(0, 279)}…` : c.notes,
      })),
      ...touches.map((t): AccountEvent => ({
        kind: 'touch',
        at: t.at,
        dealId: t.deal_id,
        touchId: t.id,
        touchKind: t.kind,
        text: t.text,
      })),
      ...deals.map((d): AccountEvent => ({
        kind: 'deal-opened',
        at: d.created_at,
        dealId: d.id,
        text: d.title,
      })),
      ...contacts.map((c): AccountEvent => ({
        kind: 'contact-added',
        at: c.created_at,
        contactId: c.id,
        text: c.name,
      })),
    ];
    // Instants are stored as UTC ISO strings of one width, so they sort as text.
    events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return events.slice(0, limit);
  },

  async searchCandidates(ex, actor, tokens, perKind) {
    const db = kyselyOf(ex);
    const [accounts, contacts, deals] = await Promise.all([
      db
        .selectFrom('accounts')
        .select(['id', 'name', 'domain'])
        .where('workspace_id', '=', actor.workspaceId)
        .where(containsAll(['accounts.name', 'accounts.domain'], tokens))
        .orderBy(roughRank('accounts.name', tokens))
        .orderBy('name_key')
        .limit(perKind)
        .execute(),
      db
        .selectFrom('contacts')
        .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
        .select([
          'contacts.id',
          'contacts.name',
          'contacts.email',
          'contacts.title',
          'accounts.id as accountId',
          'accounts.name as accountName',
        ])
        .where('contacts.workspace_id', '=', actor.workspaceId)
        .where(
          containsAll(
            ['contacts.name', 'contacts.email', 'contacts.title', 'accounts.name'],
            tokens,
          ),
        )
        .orderBy(roughRank('contacts.name', tokens))
        .orderBy('contacts.name')
        .limit(perKind)
        .execute(),
      db
        .selectFrom('deals')
        .innerJoin('accounts', 'accounts.id', 'deals.account_id')
        .innerJoin('stages', 'stages.id', 'deals.stage_id')
        .select([
          'deals.id',
          'deals.title',
          'deals.status',
          'stages.name as stageName',
          'accounts.id as accountId',
          'accounts.name as accountName',
        ])
        .where(visibleTo(actor))
        .where(containsAll(['deals.title', 'accounts.name'], tokens))
        .orderBy(roughRank('deals.title', tokens))
        .orderBy('deals.title')
        .limit(perKind)
        .execute(),
    ]);
    const rows: SearchRow[] = [
      ...deals.map((d): SearchRow => ({
        kind: 'deal',
        id: d.id,
        primary: d.title,
        secondary: [d.accountName],
        accountId: d.accountId,
        accountName: d.accountName,
        detail: d.status === 'open' ? d.stageName : d.status,
      })),
      ...accounts.map((a): SearchRow => ({
        kind: 'account',
        id: a.id,
        primary: a.name,
        secondary: [a.domain],
        accountId: a.id,
        accountName: a.name,
        detail: a.domain,
      })),
      ...contacts.map((c): SearchRow => ({
        kind: 'contact',
        id: c.id,
        primary: c.name,
        secondary: [c.email, c.title, c.accountName],
        accountId: c.accountId,
        accountName: c.accountName,
        detail: [c.title, c.email].filter(Boolean).join(' · ') || null,
      })),
    ];
    return rows;
  },
};
