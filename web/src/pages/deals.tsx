import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi, useNavigate } from '@tanstack/react-router';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, errorMessage } from '../api/client.ts';
import { accountsQuery, byId, dealsQuery, membersQuery, stagesQuery } from '../api/queries.ts';
import type { Account, Deal, Member, Stage } from '../api/types.ts';
import { isManager, useMe } from '../app/session.ts';
import { MomentumScore, NeglectBadge, StatusBadge, isNeglected } from '../components/deal-bits.tsx';
import { ArrowUpDownIcon, BoardIcon, ListIcon, PlusIcon } from '../components/icons.tsx';
import { announce } from '../components/a11y/announcer.tsx';
import { EmptyState, ErrorState, LoadingRows } from '../components/states.tsx';
import { useToast } from '../components/toast.tsx';
import { compactMoney, initials, money, relativeDays } from '../lib/format.ts';
import type { DealsSearch } from '../router.tsx';
import { NewDealDialog } from './new-deal-dialog.tsx';
import { ScrollRegion, useClippedChildren } from '../components/a11y/scroll-region.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';
import { PHONE, useMediaQuery } from '../lib/media.ts';
import { focusWhenReady } from '../lib/focus.ts';
import { invalidateAfter } from '../api/invalidation.ts';

const route = getRouteApi('/app/deals');

/** A deal with the names the board and list show beside it. */
interface DealRow {
  deal: Deal;
  account: string;
  stage: Stage | undefined;
  owner: Member | undefined;
}

function useDealRows(status: string) {
  const deals = useQuery(dealsQuery(status === 'all' ? undefined : status));
  const accounts = useQuery(accountsQuery);
  const stages = useQuery(stagesQuery);
  const members = useQuery(membersQuery);
  const rows = useMemo<DealRow[]>(() => {
    const accountById = byId<Account>(accounts.data);
    const stageById = byId<Stage>(stages.data);
    const memberById = byId<Member>(members.data);
    return (deals.data ?? []).map((deal) => ({
      deal,
      account: accountById.get(deal.accountId)?.name ?? '',
      stage: stageById.get(deal.stageId),
      owner: memberById.get(deal.ownerId),
    }));
  }, [deals.data, accounts.data, stages.data, members.data]);
  const sortedStages = useMemo(
    () => [...(stages.data ?? [])].sort((a, b) => a.position - b.position),
    [stages.data],
  );
  return { rows, stages: sortedStages, members: members.data ?? [], deals };
}

/** Moves a deal to another stage at the version shown; the board updates before the server
 * answers and goes back if the move is refused (e.g. someone else changed the deal). */
function useMoveDeal() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ deal, stageId }: { deal: Deal; stageId: string }) =>
      api.patch<Deal>(
        `/api/v1/deals/${encodeURIComponent(deal.id)}`,
        { stage: stageId },
        { ifMatch: deal.version },
      ),
    onMutate: async ({ deal, stageId }) => {
      await queryClient.cancelQueries({ queryKey: ['deals', 'list'] });
      const snapshots = queryClient.getQueriesData<Deal[]>({ queryKey: ['deals', 'list'] });
      for (const [key, list] of snapshots) {
        if (!list) continue;
        queryClient.setQueryData(
          key,
          list.map((d) => (d.id === deal.id ? { ...d, stageId } : d)),
        );
      }
      return { snapshots };
    },
    onError: (error, _vars, context) => {
      for (const [key, list] of context?.snapshots ?? []) queryClient.setQueryData(key, list);
      toast.show(errorMessage(error), { tone: 'error' });
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(['deals', 'one', updated.id], updated);
      for (const [key, list] of queryClient.getQueriesData<Deal[]>({
        queryKey: ['deals', 'list'],
      })) {
        if (list)
          queryClient.setQueryData(
            key,
            list.map((d) => (d.id === updated.id ? { ...d, ...updated } : d)),
          );
      }
    },
    onSettled: () => {
      void invalidateAfter(queryClient, 'deal.move-stage');
    },
  });
}

const BOARD_COLUMN_LIMIT = 50;

function DealCard({
  row,
  stages,
  onMove,
  showOwner,
}: {
  row: DealRow;
  stages: Stage[];
  onMove: (stageId: string) => void;
  showOwner: boolean;
}) {
  const [dragging, setDragging] = useState(false);
  const { deal } = row;
  return (
    <article
      className={`deal-card ${dragging ? 'dragging' : ''}`}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-momentum-deal', deal.id);
        e.dataTransfer.effectAllowed = 'move';
        setDragging(true);
      }}
      onDragEnd={() => setDragging(false)}
      aria-label={`${deal.title}, ${row.account}`}
    >
      <div
        className="row"
        style={{ justifyContent: 'space-between', flexWrap: 'nowrap', alignItems: 'flex-start' }}
      >
        <Link to="/deals/$dealId" params={{ dealId: deal.id }} className="deal-card-title">
          {deal.title}
        </Link>
        {deal.momentum !== undefined ? <MomentumScore score={deal.momentum} /> : null}
      </div>
      <div className="small muted ellipsis">{row.account}</div>
      <div className="row small" style={{ justifyContent: 'space-between' }}>
        <span className="num">
          {deal.amount === null ? '' : compactMoney(deal.amount, deal.currency)}
        </span>
        <span className="row" style={{ gap: 6 }}>
          <NeglectBadge deal={deal} />
          {showOwner && row.owner ? (
            <span
              className="avatar"
              style={{ width: 22, height: 22, fontSize: 10 }}
              title={row.owner.name}
            >
              {initials(row.owner.name)}
            </span>
          ) : null}
        </span>
      </div>
      <label className="sr-only" htmlFor={`move-${deal.id}`}>
        Move {deal.title} to stage
      </label>
      <select
        id={`move-${deal.id}`}
        className="select select-sm"
        value={deal.stageId}
        onChange={(e) => onMove(e.target.value)}
      >
        {stages.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </article>
  );
}

/** The board's scrolling box: while some columns are out of view it names them above the
 * board, and it can be reached by keyboard so the arrow keys scroll it. */
function BoardFrame({ stages, children }: { stages: Stage[]; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const { scrolls, clipped } = useClippedChildren(ref);
  const hidden = clipped.map((i) => stages[i]?.name).filter(Boolean);
  return (
    <>
      {hidden.length > 0 ? (
        <p className="board-cue" data-testid="board-cue">
          <span aria-hidden="true">↔</span>
          {hidden.length === 1 ? 'One more stage' : `${hidden.length} more stages`} out of view (
          {hidden.join(', ')}): scroll the board sideways.
        </p>
      ) : null}
      <div
        ref={ref}
        className="board"
        role="region"
        aria-label="Deals by stage"
        tabIndex={scrolls ? 0 : undefined}
      >
        {children}
      </div>
    </>
  );
}

function Board({
  rows,
  stages,
  showOwner,
}: {
  rows: DealRow[];
  stages: Stage[];
  showOwner: boolean;
}) {
  const move = useMoveDeal();
  const [over, setOver] = useState<string | null>(null);
  const byStage = useMemo(() => {
    const map = new Map<string, DealRow[]>(stages.map((s) => [s.id, []]));
    for (const row of rows) map.get(row.deal.stageId)?.push(row);
    return map;
  }, [rows, stages]);
  const rowById = useMemo(() => new Map(rows.map((r) => [r.deal.id, r])), [rows]);
  const moveTo = (dealId: string, stageId: string, byKeyboard = false) => {
    const row = rowById.get(dealId);
    if (!row || row.deal.stageId === stageId) return;
    move.mutate({ deal: row.deal, stageId });
    const stage = stages.find((s) => s.id === stageId);
    announce(`Moved ${row.deal.title} to ${stage?.name ?? 'another stage'}`);
    // The card is drawn again in its new column; its stage menu keeps the focus there, so a
    // keyboard user can move it again.
    if (byKeyboard) {
      focusWhenReady(() =>
        document.querySelector<HTMLElement>(
          `[data-stage-id="${CSS.escape(stageId)}"] #move-${CSS.escape(dealId)}`,
        ),
      );
    }
  };
  return (
    <BoardFrame stages={stages}>
      {stages.map((stage) => {
        const list = byStage.get(stage.id) ?? [];
        const total = list.reduce((sum, r) => sum + (r.deal.amount ?? 0), 0);
        const currency = list[0]?.deal.currency ?? 'USD';
        return (
          <section
            key={stage.id}
            className={`board-column ${over === stage.id ? 'drop-target' : ''}`}
            aria-label={`${stage.name}: ${list.length} deals`}
            data-stage-id={stage.id}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes('application/x-momentum-deal')) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              setOver(stage.id);
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
            }}
            onDrop={(e) => {
              e.preventDefault();
              setOver(null);
              const id = e.dataTransfer.getData('application/x-momentum-deal');
              if (id) moveTo(id, stage.id);
            }}
          >
            <header className="board-column-header">
              <h2>
                {stage.name} <span className="faint num">{list.length}</span>
              </h2>
              <span className="small faint num">{total ? compactMoney(total, currency) : ''}</span>
            </header>
            {list.length === 0 ? (
              <p className="small faint" style={{ padding: '8px 4px' }}>
                Drag a deal here
              </p>
            ) : null}
            {list.slice(0, BOARD_COLUMN_LIMIT).map((row) => (
              <DealCard
                key={row.deal.id}
                row={row}
                stages={stages}
                showOwner={showOwner}
                onMove={(stageId) => moveTo(row.deal.id, stageId, true)}
              />
            ))}
            {list.length > BOARD_COLUMN_LIMIT ? (
              <Link
                to="/deals"
                search={{ view: 'list', stage: stage.id }}
                className="btn btn-ghost btn-sm"
              >
                {list.length - BOARD_COLUMN_LIMIT} more in the list
              </Link>
            ) : null}
          </section>
        );
      })}
    </BoardFrame>
  );
}

type SortKey = 'title' | 'account' | 'stage' | 'owner' | 'amount' | 'momentum' | 'touch' | 'close';

const COLUMNS: {
  key: SortKey;
  label: string;
  right?: boolean;
  managerOnly?: boolean;
  health?: boolean;
}[] = [
  { key: 'title', label: 'Deal' },
  { key: 'account', label: 'Account' },
  { key: 'stage', label: 'Stage' },
  { key: 'owner', label: 'Owner', managerOnly: true },
  { key: 'amount', label: 'Amount', right: true },
  { key: 'momentum', label: 'Momentum', right: true, health: true },
  { key: 'touch', label: 'Last touch' },
  { key: 'close', label: 'Expected close' },
];

function sortValue(row: DealRow, key: SortKey): string | number {
  switch (key) {
    case 'title':
      return row.deal.title.toLowerCase();
    case 'account':
      return row.account.toLowerCase();
    case 'stage':
      return row.stage?.position ?? 0;
    case 'owner':
      return row.owner?.name.toLowerCase() ?? '';
    case 'amount':
      return row.deal.amount ?? -1;
    case 'momentum':
      return row.deal.momentum ?? -1;
    case 'touch':
      return row.deal.lastTouchAt ?? '';
    case 'close':
      return row.deal.expectedClose ?? '9999';
  }
}

const PAGE = 100;

/** The deals list on a phone: one card per deal, the same facts, sorted the same way. */
function DealCardList({
  rows,
  columns,
  sort,
  dir,
  onSort,
  showOwner,
  showHealth,
  more,
}: {
  rows: DealRow[];
  columns: typeof COLUMNS;
  sort: SortKey;
  dir: 'asc' | 'desc';
  onSort: (key: SortKey) => void;
  showOwner: boolean;
  showHealth: boolean;
  more: ReactNode;
}) {
  return (
    <div className="card">
      <div className="card-header">
        <label className="row small" style={{ flexWrap: 'nowrap' }}>
          <span>Sort by</span>
          <select
            className="select select-sm"
            value={sort}
            onChange={(e) => onSort(e.target.value as SortKey)}
            style={{ width: 'auto' }}
          >
            {columns.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <span className="small muted">{dir === 'asc' ? 'ascending' : 'descending'}</span>
      </div>
      <ul className="list deal-cards" aria-label="Deals">
        {rows.map(({ deal, account, stage, owner }) => (
          <li key={deal.id}>
            <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'nowrap' }}>
              <Link to="/deals/$dealId" params={{ dealId: deal.id }} className="deal-card-title">
                {deal.title}
              </Link>
              {showHealth ? <MomentumScore score={deal.momentum} /> : null}
            </div>
            <div className="small muted">{account}</div>
            <dl>
              <div>
                <dt>Stage</dt>
                <dd>{stage?.name ?? '—'}</dd>
              </div>
              <div>
                <dt>Amount</dt>
                <dd className="num">{money(deal.amount, deal.currency)}</dd>
              </div>
              {showOwner ? (
                <div>
                  <dt>Owner</dt>
                  <dd>{owner?.name ?? '—'}</dd>
                </div>
              ) : null}
              <div>
                <dt>Last touch</dt>
                <dd>{relativeDays(deal.lastTouchAt)}</dd>
              </div>
              <div>
                <dt>Close</dt>
                <dd>{deal.expectedClose ?? '—'}</dd>
              </div>
            </dl>
            {deal.status !== 'open' || isNeglected(deal) ? (
              <span className="row" style={{ gap: 4 }}>
                {deal.status !== 'open' ? <StatusBadge status={deal.status} /> : null}
                <NeglectBadge deal={deal} />
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {more}
    </div>
  );
}

function DealTable({
  rows,
  sort,
  dir,
  onSort,
  showOwner,
  showHealth,
}: {
  rows: DealRow[];
  sort: SortKey;
  dir: 'asc' | 'desc';
  onSort: (key: SortKey) => void;
  showOwner: boolean;
  showHealth: boolean;
}) {
  const [shown, setShown] = useState(PAGE);
  useEffect(() => setShown(PAGE), [rows]);
  const phone = useMediaQuery(PHONE);
  const columns = COLUMNS.filter((c) => (showOwner || !c.managerOnly) && (showHealth || !c.health));
  const more =
    rows.length > shown ? (
      <div className="card-body row" style={{ justifyContent: 'center' }}>
        <span className="small muted">
          Showing {shown} of {rows.length}
        </span>
        <button type="button" className="btn btn-sm" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown)} more
        </button>
      </div>
    ) : null;
  if (phone) {
    return (
      <DealCardList
        rows={rows.slice(0, shown)}
        columns={columns}
        sort={sort}
        dir={dir}
        onSort={onSort}
        showOwner={showOwner}
        showHealth={showHealth}
        more={more}
      />
    );
  }
  return (
    <div className="card">
      <ScrollRegion label="Deal table">
        <table className="table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  className={c.right ? 'right' : undefined}
                  aria-sort={sort === c.key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" onClick={() => onSort(c.key)}>
                    {c.label}
                    <ArrowUpDownIcon size={11} />
                  </button>
                </th>
              ))}
              <th>Flags</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map(({ deal, account, stage, owner }) => (
              <tr key={deal.id}>
                <td>
                  <Link to="/deals/$dealId" params={{ dealId: deal.id }}>
                    {deal.title}
                  </Link>
                </td>
                <td className="muted">{account}</td>
                <td>{stage?.name ?? ''}</td>
                {showOwner ? <td className="muted">{owner?.name ?? ''}</td> : null}
                <td className="right num">{money(deal.amount, deal.currency)}</td>
                {showHealth ? (
                  <td className="right">
                    <MomentumScore score={deal.momentum} />
                  </td>
                ) : null}
                <td className="muted nowrap">{relativeDays(deal.lastTouchAt)}</td>
                <td className="muted nowrap">{deal.expectedClose ?? '—'}</td>
                <td>
                  <span className="row" style={{ gap: 4, flexWrap: 'nowrap' }}>
                    {deal.status !== 'open' ? <StatusBadge status={deal.status} /> : null}
                    <NeglectBadge deal={deal} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {more}
    </div>
  );
}

export function DealsPage() {
  useDocumentTitle('Deals');
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/deals' });
  const me = useMe();
  const manager = isManager(me);
  const view = search.view ?? 'board';
  const status = search.status ?? 'open';
  const { rows, stages, members, deals } = useDealRows(status);
  const [newDeal, setNewDeal] = useState(false);
  const [q, setQ] = useState(search.q ?? '');
  const deferredQ = useDeferredValue(q);
  const searchRef = useRef<HTMLInputElement>(null);

  const setSearch = (patch: Partial<DealsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key === '/' &&
        !(e.target instanceof HTMLInputElement) &&
        !(e.target instanceof HTMLTextAreaElement)
      ) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Momentum and neglect come with the deals when the API provides them; without them the
  // list starts from the deal touched longest ago, the first one to go stale.
  const hasHealth = rows.some((r) => r.deal.momentum !== undefined);
  const defaultSort: SortKey = hasHealth ? 'momentum' : 'touch';
  const filtered = useMemo(() => {
    const needle = deferredQ.trim().toLowerCase();
    let list = rows.filter(
      (r) =>
        (!needle ||
          r.deal.title.toLowerCase().includes(needle) ||
          r.account.toLowerCase().includes(needle)) &&
        (!search.owner || r.deal.ownerId === search.owner) &&
        (!search.stage || view === 'board' || r.deal.stageId === search.stage) &&
        (search.flag !== 'neglected' || isNeglected(r.deal)),
    );
    if (view === 'list') {
      const key = (search.sort ?? defaultSort) as SortKey;
      const dir = search.dir ?? 'asc';
      const sign = dir === 'asc' ? 1 : -1;
      list = [...list].sort((a, b) => {
        const x = sortValue(a, key);
        const y = sortValue(b, key);
        return x < y ? -sign : x > y ? sign : 0;
      });
    }
    return list;
  }, [
    rows,
    deferredQ,
    search.owner,
    search.stage,
    search.flag,
    search.sort,
    search.dir,
    view,
    defaultSort,
  ]);

  const pipeline = useMemo(() => {
    const open = rows.filter((r) => r.deal.status === 'open');
    const currency = open[0]?.deal.currency ?? 'USD';
    return {
      count: open.length,
      total: open.reduce((s, r) => s + (r.deal.amount ?? 0), 0),
      currency,
      neglected: open.filter((r) => isNeglected(r.deal)).length,
    };
  }, [rows]);

  const sortKey = (search.sort ?? defaultSort) as SortKey;
  const sortDir = search.dir ?? 'asc';

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Deals</h1>
          <p className="subtitle">
            {deals.isSuccess
              ? `${pipeline.count} open · ${compactMoney(pipeline.total, pipeline.currency)} in pipeline${
                  pipeline.neglected ? ` · ${pipeline.neglected} neglected` : ''
                }`
              : ' '}
          </p>
        </div>
        <div className="page-actions">
          <div className="segmented" role="group" aria-label="View">
            <button
              type="button"
              aria-pressed={view === 'board'}
              onClick={() => setSearch({ view: undefined })}
            >
              <BoardIcon size={13} />
              &nbsp;Board
            </button>
            <button
              type="button"
              aria-pressed={view === 'list'}
              onClick={() => setSearch({ view: 'list' })}
            >
              <ListIcon size={13} />
              &nbsp;List
            </button>
          </div>
          <button type="button" className="btn btn-primary" onClick={() => setNewDeal(true)}>
            <PlusIcon size={14} /> New deal
          </button>
        </div>
      </div>

      <div className="toolbar">
        <input
          ref={searchRef}
          className="input search"
          type="search"
          placeholder="Search deals or accounts"
          aria-label="Search deals and accounts"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setSearch({ q: e.target.value || undefined });
          }}
        />
        <select
          className="select"
          aria-label="Status"
          value={status}
          onChange={(e) =>
            setSearch({ status: e.target.value === 'open' ? undefined : e.target.value })
          }
        >
          <option value="open">Open</option>
          <option value="won">Won</option>
          <option value="lost">Lost</option>
          <option value="paused">Paused</option>
          <option value="all">All statuses</option>
        </select>
        {view === 'list' ? (
          <select
            className="select"
            aria-label="Stage"
            value={search.stage ?? ''}
            onChange={(e) => setSearch({ stage: e.target.value || undefined })}
          >
            <option value="">All stages</option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        ) : null}
        {manager ? (
          <select
            className="select"
            aria-label="Owner"
            value={search.owner ?? ''}
            onChange={(e) => setSearch({ owner: e.target.value || undefined })}
          >
            <option value="">Everyone</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        ) : null}
        {hasHealth ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={search.flag === 'neglected'}
              onChange={(e) => setSearch({ flag: e.target.checked ? 'neglected' : undefined })}
            />
            Neglected only
          </label>
        ) : null}
      </div>

      {deals.isPending ? (
        <LoadingRows rows={6} label="Loading deals" />
      ) : deals.isError ? (
        <ErrorState error={deals.error} onRetry={() => void deals.refetch()} />
      ) : rows.length === 0 && status === 'open' ? (
        <div className="card">
          <EmptyState
            title="No open deals yet"
            action={
              <button type="button" className="btn btn-primary" onClick={() => setNewDeal(true)}>
                <PlusIcon size={14} /> Add your first deal
              </button>
            }
          >
            Add a deal for each conversation you are having. Log a call on it and Momentum keeps the
            promises and the pace.
          </EmptyState>
        </div>
      ) : view === 'board' ? (
        <Board rows={filtered} stages={stages} showOwner={manager} />
      ) : filtered.length === 0 ? (
        <div className="card">
          <EmptyState title="No deals match">
            Clear the search or the filters to see more.
          </EmptyState>
        </div>
      ) : (
        <DealTable
          rows={filtered}
          sort={sortKey}
          dir={sortDir}
          showOwner={manager}
          showHealth={hasHealth}
          onSort={(key) =>
            setSearch({
              sort: key,
              dir: sortKey === key ? (sortDir === 'asc' ? 'desc' : 'asc') : 'asc',
            })
          }
        />
      )}
      <NewDealDialog open={newDeal} onClose={() => setNewDeal(false)} stages={stages} />
    </div>
  );
}
