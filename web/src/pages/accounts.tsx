import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { accountsQuery } from '../api/queries.ts';
import type { AccountListItem } from '../api/types.ts';
import { ScrollRegion } from '../components/a11y/scroll-region.tsx';
import { ArrowUpDownIcon } from '../components/icons.tsx';
import { EmptyState, ErrorState, LoadingRows } from '../components/states.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';
import { money, plural, relativeDays } from '../lib/format.ts';
import { fold } from '../lib/search-text.ts';

type SortKey = 'name' | 'deals' | 'value' | 'touch';
const COLUMNS: { key: SortKey; label: string; right?: boolean }[] = [
  { key: 'name', label: 'Account' },
  { key: 'deals', label: 'Deals', right: true },
  { key: 'value', label: 'Open value', right: true },
  { key: 'touch', label: 'Last touch' },
];

const openTotal = (a: AccountListItem) => a.openValue?.[0]?.amount ?? 0;

function compare(key: SortKey, a: AccountListItem, b: AccountListItem): number {
  switch (key) {
    case 'name':
      return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
    case 'deals':
      return (a.dealCount ?? 0) - (b.dealCount ?? 0);
    case 'value':
      return openTotal(a) - openTotal(b);
    case 'touch':
      // Never touched sorts as the oldest.
      return (a.lastTouchAt ?? '').localeCompare(b.lastTouchAt ?? '');
  }
}

/** The open value as one line: the largest currency, and how many others there are. */
export function OpenValue({ item }: { item: AccountListItem }) {
  const values = item.openValue ?? [];
  if (values.length === 0) return <span className="faint">—</span>;
  const [first, ...rest] = values;
  return (
    <>
      {money(first!.amount, first!.currency)}
      {rest.length ? <span className="muted small"> +{rest.length}</span> : null}
    </>
  );
}

/** Every account of the workspace, with the deals the reader can see on each. */
export function AccountsPage() {
  useDocumentTitle('Accounts');
  const accounts = useQuery(accountsQuery);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({
    key: 'name',
    dir: 'asc',
  });
  const rows = useMemo(() => {
    const words = fold(q).split(/\s+/).filter(Boolean);
    const list = (accounts.data ?? []).filter((a) => {
      const text = fold(`${a.name} ${a.domain ?? ''}`);
      return words.every((w) => text.includes(w));
    });
    const sign = sort.dir === 'asc' ? 1 : -1;
    return list.sort((a, b) => sign * compare(sort.key, a, b) || a.name.localeCompare(b.name));
  }, [accounts.data, q, sort]);
  const onSort = (key: SortKey) =>
    setSort((s) => ({
      key,
      dir: s.key === key ? (s.dir === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc',
    }));

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Accounts</h1>
          <p className="subtitle">
            {accounts.isSuccess ? plural(accounts.data.length, 'account') : ' '}
          </p>
        </div>
      </div>
      <div className="toolbar">
        <input
          className="input search"
          type="search"
          placeholder="Filter accounts"
          aria-label="Filter accounts by name or domain"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {accounts.isPending ? (
        <LoadingRows rows={6} label="Loading accounts" />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.length === 0 ? (
        <div className="card">
          <EmptyState title="No accounts yet">
            An account is made with its first deal (New deal on the Deals page) or by an import.
          </EmptyState>
        </div>
      ) : rows.length === 0 ? (
        <div className="card">
          <EmptyState title="No accounts match">Clear the filter to see them all.</EmptyState>
        </div>
      ) : (
        <div className="card">
          <ScrollRegion label="Account table">
            <table className="table">
              <caption className="sr-only">Accounts, sorted by {sort.key}</caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      className={c.right ? 'right' : undefined}
                      aria-sort={
                        sort.key === c.key
                          ? sort.dir === 'asc'
                            ? 'ascending'
                            : 'descending'
                          : 'none'
                      }
                    >
                      <button type="button" onClick={() => onSort(c.key)}>
                        {c.label}
                        <ArrowUpDownIcon size={11} />
                      </button>
                    </th>
                  ))}
                  <th className="right">Contacts</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to="/accounts/$accountId" params={{ accountId: a.id }}>
                        {a.name}
                      </Link>
                      {a.domain ? <div className="small muted">{a.domain}</div> : null}
                    </td>
                    <td className="right num">
                      {a.dealCount ?? 0}
                      {a.openDealCount ? (
                        <span className="muted small"> ({a.openDealCount} open)</span>
                      ) : null}
                    </td>
                    <td className="right num">
                      <OpenValue item={a} />
                    </td>
                    <td className="muted nowrap">{relativeDays(a.lastTouchAt ?? null)}</td>
                    <td className="right num">{a.contactCount ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      )}
    </div>
  );
}
