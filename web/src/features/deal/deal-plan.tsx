import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ApiError, api, qs } from '../../api/client.ts';
import { byId, membersQuery } from '../../api/queries.ts';
import type {
  Deal,
  Milestone,
  MilestoneChangeKind,
  PlanComparison,
  PlanDiff,
  PlanDocument,
  PlanRevision,
  PlanRevisionSummary,
  Side,
} from '../../api/types.ts';
import { PlusIcon, XIcon } from '../../components/icons.tsx';
import { EmptyState, ErrorState, FormError, LoadingRows } from '../../components/states.tsx';
import { dateTime, shortDate } from '../../lib/format.ts';
import { ScrollRegion } from '../../components/a11y/scroll-region.tsx';
import { invalidateAfter } from '../../api/invalidation.ts';
import { explicitSubmitKeys } from '../../lib/explicit-submit.ts';

/*
 * The deal plan (habit 2): objective, decision process and people, the mutual action plan of
 * milestones, and risks. Each save is a revision; the timeline lists them, each tied to the call
 * or edit that made it, and any one can be compared with the one before.
 */
const EMPTY: PlanDocument = {
  objective: '',
  decisionProcess: '',
  people: [],
  milestones: [],
  risks: [],
};

const planPath = (dealId: string) => `/api/v1/deals/${encodeURIComponent(dealId)}/plan`;

export const revisionsQuery = (dealId: string) => ({
  queryKey: ['plan', dealId, 'revisions'],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<PlanRevisionSummary[]>(`${planPath(dealId)}/revisions`, { signal }),
});

/** A revision with its document (the latest when `rev` is not given); null before any plan. */
export const planQuery = (dealId: string, rev?: number) => ({
  queryKey: ['plan', dealId, 'rev', rev ?? 'latest'],
  queryFn: async ({ signal }: { signal: AbortSignal }) => {
    try {
      return await api.get<PlanRevision>(`${planPath(dealId)}${qs({ rev })}`, { signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
});

const diffQuery = (dealId: string, to: number, from?: number) => ({
  queryKey: ['plan', dealId, 'diff', from ?? 'prev', to],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<PlanComparison>(`${planPath(dealId)}/diff${qs({ from, to })}`, { signal }),
});

const CHANGE_TEXT: Record<MilestoneChangeKind, string> = {
  added: 'added',
  removed: 'removed',
  completed: 'completed',
  dropped: 'dropped',
  reopened: 'reopened',
  advanced: 'moved earlier',
  slipped: 'slipped',
  scheduled: 'scheduled',
  unscheduled: 'lost its date',
  renamed: 'renamed',
  reassigned: 'changed side',
};
const CHANGE_CLASS: Partial<Record<MilestoneChangeKind, string>> = {
  added: 'diff-added',
  removed: 'diff-removed',
  completed: 'diff-completed',
  dropped: 'diff-removed',
  advanced: 'diff-advanced',
  slipped: 'diff-slipped',
};
const FIELD_LABEL: Record<string, string> = {
  objective: 'Objective',
  decisionProcess: 'Decision process',
  people: 'People',
  risks: 'Risks',
};

function describeMove(c: PlanDiff['milestones'][number]): string {
  if ((c.kind === 'advanced' || c.kind === 'slipped') && c.from && c.to) {
    const days = Math.abs(c.days ?? 0);
    return `${shortDate(c.from)} → ${shortDate(c.to)} (${days} day${days === 1 ? '' : 's'} ${c.kind === 'advanced' ? 'earlier' : 'later'})`;
  }
  if (c.kind === 'scheduled' && c.to) return `for ${shortDate(c.to)}`;
  if (c.kind === 'added' && c.to) return c.to.length === 10 ? `due ${shortDate(c.to)}` : '';
  if (c.kind === 'renamed' && c.from) return `was “${c.from}”`;
  if (c.kind === 'reassigned' && c.from && c.to) return `${c.from} → ${c.to}`;
  return '';
}

export function DiffView({ diff }: { diff: PlanDiff }) {
  if (diff.milestones.length === 0 && diff.fields.length === 0) {
    return <p className="small faint">No change from the revision before.</p>;
  }
  return (
    <ul className="diff-list" aria-label="Changes">
      {diff.milestones.map((c) => (
        <li
          key={`${c.kind}-${c.id}`}
          className={CHANGE_CLASS[c.kind] ?? 'diff-changed'}
          data-change={c.kind}
        >
          <strong className="small diff-kind">{CHANGE_TEXT[c.kind]}</strong>
          <span>
            {c.title} <span className="small muted">{describeMove(c)}</span>
          </span>
        </li>
      ))}
      {diff.fields.map((f) => (
        <li key={f.field} className="diff-changed">
          <strong className="small diff-kind">changed</strong>
          <span>{FIELD_LABEL[f.field] ?? f.field}</span>
        </li>
      ))}
    </ul>
  );
}

function MilestoneTable({ milestones }: { milestones: Milestone[] }) {
  if (milestones.length === 0) return <p className="small faint">No milestones yet.</p>;
  const sorted = [...milestones].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
  return (
    <ScrollRegion label="Milestone table">
      <table className="table">
        <thead>
          <tr>
            <th>Milestone</th>
            <th>Who</th>
            <th>By</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((m) => (
            <tr key={m.id}>
              <td className={m.state === 'dropped' ? 'struck' : undefined}>{m.title}</td>
              <td>
                <span className={`badge ${m.side === 'ours' ? 'badge-accent' : 'badge-amber'}`}>
                  {m.side === 'ours' ? 'us' : 'them'}
                </span>
              </td>
              <td className="nowrap muted">{m.date ? shortDate(m.date) : '—'}</td>
              <td>
                <span className={`badge ${m.state === 'done' ? 'badge-green' : ''}`}>
                  {m.state}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function PlanDocumentView({ doc }: { doc: PlanDocument }) {
  return (
    <div className="stack gap-16">
      <div className="stack gap-4">
        <h3>Objective</h3>
        <p className={doc.objective ? undefined : 'faint'}>{doc.objective || 'Not written yet.'}</p>
      </div>
      <div className="stack gap-4">
        <h3>Decision process</h3>
        <p className={doc.decisionProcess ? 'pre-wrap' : 'faint pre-wrap'}>
          {doc.decisionProcess || 'Who decides, how, and by when?'}
        </p>
        {doc.people.length > 0 ? (
          <ul className="list small">
            {doc.people.map((p, i) => (
              <li key={i} className="row plan-person">
                <strong>{p.name}</strong>
                <span className="muted">{p.role}</span>
                <span className="faint">{p.side === 'ours' ? '(us)' : ''}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="stack gap-4">
        <h3>Mutual action plan</h3>
        <MilestoneTable milestones={doc.milestones} />
      </div>
      <div className="stack gap-4">
        <h3>Risks</h3>
        {doc.risks.length ? (
          <ul className="plan-risks">
            {doc.risks.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        ) : (
          <p className="faint">None written down.</p>
        )}
      </div>
    </div>
  );
}

function PlanEditor({
  deal,
  base,
  initial,
  onDone,
}: {
  deal: Deal;
  base: number;
  initial: PlanDocument;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [doc, setDoc] = useState<PlanDocument>(() => structuredClone(initial));
  const set = (patch: Partial<PlanDocument>) => setDoc((d) => ({ ...d, ...patch }));
  const setMilestone = (i: number, patch: Partial<Milestone>) =>
    set({ milestones: doc.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const save = useMutation({
    mutationFn: () =>
      api.put(planPath(deal.id), {
        base,
        document: {
          ...doc,
          // New milestones get their id from the server.
          milestones: doc.milestones.map(({ id, ...m }) =>
            id.startsWith('new-') ? m : { id, ...m },
          ),
          risks: doc.risks.filter((r) => r.trim()),
          people: doc.people.filter((p) => p.name.trim()),
        },
      }),
    onSuccess: () => {
      void invalidateAfter(queryClient, 'deal.plan.save');
      onDone();
    },
  });
  return (
    <form
      className="stack"
      // A revision is saved on purpose: Enter in a person's or a milestone's field does not.
      onKeyDown={explicitSubmitKeys}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label className="field">
        <span>Objective</span>
        <textarea
          className="textarea plan-text"
          value={doc.objective}
          onChange={(e) => set({ objective: e.target.value })}
          placeholder="What this deal achieves for the customer, and by when"
        />
      </label>
      <label className="field">
        <span>Decision process</span>
        <textarea
          className="textarea plan-text"
          value={doc.decisionProcess}
          onChange={(e) => set({ decisionProcess: e.target.value })}
          placeholder="Who signs, who can block, what steps (security review, legal…)"
        />
      </label>
      <fieldset className="stack gap-6 fieldset-plain">
        <legend className="field-label">People</legend>
        {doc.people.map((p, i) => (
          <div key={i} className="row flex-nowrap">
            <input
              className="input"
              aria-label={`Person ${i + 1} name`}
              placeholder="Name"
              value={p.name}
              onChange={(e) =>
                set({
                  people: doc.people.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                })
              }
            />
            <input
              className="input"
              aria-label={`Person ${i + 1} role`}
              placeholder="Role (economic buyer, champion…)"
              value={p.role}
              onChange={(e) =>
                set({
                  people: doc.people.map((x, j) => (j === i ? { ...x, role: e.target.value } : x)),
                })
              }
            />
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              aria-label={`Remove person ${i + 1}`}
              onClick={() => set({ people: doc.people.filter((_x, j) => j !== i) })}
            >
              <XIcon size={14} />
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => set({ people: [...doc.people, { name: '', role: '', side: 'theirs' }] })}
          >
            <PlusIcon size={12} /> Person
          </button>
        </div>
      </fieldset>
      <fieldset className="stack gap-6 fieldset-plain">
        <legend className="field-label">Milestones</legend>
        {doc.milestones.map((m, i) => (
          <div key={m.id} className="row">
            <input
              className="input plan-milestone-title"
              aria-label={`Milestone ${i + 1}`}
              required
              value={m.title}
              onChange={(e) => setMilestone(i, { title: e.target.value })}
            />
            <select
              className="select plan-milestone-side"
              aria-label={`Milestone ${i + 1}: who`}
              value={m.side}
              onChange={(e) => setMilestone(i, { side: e.target.value as Side })}
            >
              <option value="ours">Us</option>
              <option value="theirs">Them</option>
            </select>
            <input
              className="input plan-milestone-date"
              type="date"
              aria-label={`Milestone ${i + 1}: by`}
              value={m.date ?? ''}
              onChange={(e) => setMilestone(i, { date: e.target.value || null })}
            />
            <select
              className="select plan-milestone-state"
              aria-label={`Milestone ${i + 1}: state`}
              value={m.state}
              onChange={(e) => setMilestone(i, { state: e.target.value as Milestone['state'] })}
            >
              <option value="open">Open</option>
              <option value="done">Done</option>
              <option value="dropped">Dropped</option>
            </select>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() =>
              set({
                milestones: [
                  ...doc.milestones,
                  {
                    id: `new-${doc.milestones.length}-${Date.now()}`,
                    title: '',
                    side: 'ours',
                    date: null,
                    state: 'open',
                  },
                ],
              })
            }
          >
            <PlusIcon size={12} /> Milestone
          </button>
        </div>
      </fieldset>
      <label className="field">
        <span>Risks, one per line</span>
        <textarea
          className="textarea plan-text"
          value={doc.risks.join('\n')}
          onChange={(e) => set({ risks: e.target.value.split('\n') })}
        />
      </label>
      <FormError error={save.error} />
      <div className="row justify-end">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          Save revision {base + 1}
        </button>
      </div>
    </form>
  );
}

export function PlanPanel({ deal }: { deal: Deal }) {
  const revisions = useQuery(revisionsQuery(deal.id));
  const members = useQuery(membersQuery);
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const list = useMemo(
    () => [...(revisions.data ?? [])].sort((a, b) => b.number - a.number),
    [revisions.data],
  );
  const latestSummary = list[0];
  const shownNumber = list.find((r) => r.number === selected)?.number ?? latestSummary?.number;
  const shownPlan = useQuery({
    ...planQuery(deal.id, shownNumber),
    enabled: shownNumber !== undefined,
  });
  const diff = useQuery({
    ...diffQuery(deal.id, shownNumber ?? 0),
    enabled: shownNumber !== undefined,
  });
  const memberById = byId(members.data);
  const latest = latestSummary;
  const shown = shownPlan.data ?? null;

  if (revisions.isPending) return <LoadingRows rows={3} label="Loading the plan" />;
  if (
    revisions.isError &&
    !(revisions.error instanceof ApiError && revisions.error.status === 404)
  ) {
    return <ErrorState error={revisions.error} onRetry={() => void revisions.refetch()} />;
  }
  if (editing) {
    return (
      <div className="card-body">
        <PlanEditor
          deal={deal}
          base={latest?.number ?? 0}
          initial={shownPlan.data?.document ?? EMPTY}
          onDone={() => {
            setEditing(false);
            setSelected(null);
          }}
        />
      </div>
    );
  }
  if (!latest) {
    return (
      <EmptyState
        title="No plan yet"
        action={
          <button type="button" className="btn btn-primary btn-sm" onClick={() => setEditing(true)}>
            Write the plan
          </button>
        }
      >
        Habit 2: before the next call, write the objective, who decides and the milestones both
        sides agree on. Each call then moves the plan, and you can see how.
      </EmptyState>
    );
  }
  if (!shown) return <LoadingRows rows={3} label="Loading the plan" />;
  return (
    <div className="card-body plan-grid">
      <div className="stack gap-16 min-w-0">
        <div className="row justify-between">
          <h2>
            Revision {shown!.number}
            {shown!.number !== latest.number ? (
              <span className="faint small"> (latest is {latest.number})</span>
            ) : null}
          </h2>
          {shown!.number === latest.number ? (
            <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
              Edit plan
            </button>
          ) : (
            <button type="button" className="btn btn-sm" onClick={() => setSelected(null)}>
              Show latest
            </button>
          )}
        </div>
        <section className="stack gap-8" aria-label={`What changed in revision ${shown!.number}`}>
          <h3 className="section-title m-0">
            {shown!.number === 1 ? 'First version' : `Changes from revision ${shown!.number - 1}`}
          </h3>
          {diff.isPending ? (
            <div className="skeleton skeleton-40" />
          ) : diff.isError ? (
            <ErrorState error={diff.error} />
          ) : (
            <DiffView diff={diff.data.diff} />
          )}
        </section>
        <PlanDocumentView doc={shown!.document} />
      </div>
      <aside aria-label="Revisions">
        <h3 className="section-title revisions-title">Revisions</h3>
        <ol className="timeline">
          {list.map((r) => (
            <li key={r.number} className={r.number === shown!.number ? 'current' : undefined}>
              <button
                type="button"
                className="rev"
                aria-pressed={r.number === shown!.number}
                onClick={() => setSelected(r.number)}
              >
                <div className="rev-title">
                  Revision {r.number}
                  {r.callId ? (
                    <span className="badge badge-blue rev-badge">after a call</span>
                  ) : null}
                </div>
                <div className="small muted">{r.summary ?? 'Edited'}</div>
                <div className="small faint">
                  {dateTime(r.createdAt)} · {memberById.get(r.authorId)?.name ?? ''}
                </div>
              </button>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}
