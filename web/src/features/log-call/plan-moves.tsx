import { useQuery } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import type { PlanRevision, Side } from '../../api/types.ts';
import { IconButton } from '../../components/form/buttons.tsx';
import { PlusIcon, XIcon } from '../../components/icons.tsx';
import { planQuery } from '../deal/deal-plan.tsx';
import type { DraftAction, MilestoneChange } from './draft.ts';

/** How the deal's plan moved on the call: open milestones done or moved, new ones agreed. */
export function PlanMoves({
  dealId,
  changes,
  dispatch,
}: {
  dealId: string;
  changes: MilestoneChange[];
  dispatch: Dispatch<DraftAction>;
}) {
  const plan = useQuery(planQuery(dealId));
  const latest: PlanRevision | null | undefined = plan.data;
  const milestones = latest?.document.milestones.filter((m) => m.state === 'open') ?? [];
  const changeOf = (id: string) => changes.find((c) => c.id === id);
  const added = changes.filter((c) => !c.id);
  return (
    <div className="stack gap-8">
      {milestones.length === 0 && added.length === 0 ? (
        <p className="small faint">
          {latest ? 'No open milestones.' : 'This deal has no plan yet.'} Add what both sides agreed
          to do next.
        </p>
      ) : null}
      {milestones.map((m) => {
        const c = changeOf(m.id);
        const state = c?.state ?? m.state;
        const date = c?.date !== undefined ? c.date : m.date;
        return (
          <div key={m.id} className="row">
            <label className="checkbox grow">
              <input
                type="checkbox"
                checked={state === 'done'}
                onChange={(e) =>
                  dispatch({
                    type: 'milestone',
                    id: m.id,
                    patch: { state: e.target.checked ? 'done' : 'open' },
                  })
                }
              />
              <span className={state === 'done' ? 'struck' : undefined}>{m.title}</span>
              <span className="faint small">({m.side === 'ours' ? 'us' : 'them'})</span>
            </label>
            <input
              className="input plan-date"
              type="date"
              aria-label={`New date for ${m.title}`}
              value={date ?? ''}
              onChange={(e) =>
                dispatch({ type: 'milestone', id: m.id, patch: { date: e.target.value || null } })
              }
            />
          </div>
        );
      })}
      {added.map((c, i) => (
        <div key={`new-${i}`} className="row">
          <input
            className="input grow"
            aria-label={`New milestone ${i + 1}`}
            placeholder="Security review passed"
            value={c.title ?? ''}
            onChange={(e) =>
              dispatch({ type: 'new-milestone', index: i, patch: { title: e.target.value } })
            }
          />
          <select
            className="select plan-side"
            aria-label={`New milestone ${i + 1}: who`}
            value={c.side ?? 'theirs'}
            onChange={(e) =>
              dispatch({ type: 'new-milestone', index: i, patch: { side: e.target.value as Side } })
            }
          >
            <option value="ours">Us</option>
            <option value="theirs">Them</option>
          </select>
          <input
            className="input plan-date"
            type="date"
            aria-label={`New milestone ${i + 1}: by`}
            value={c.date ?? ''}
            onChange={(e) =>
              dispatch({
                type: 'new-milestone',
                index: i,
                patch: { date: e.target.value || null },
              })
            }
          />
          <IconButton
            label={`Remove new milestone ${i + 1}`}
            onClick={() => dispatch({ type: 'remove-new-milestone', index: i })}
          >
            <XIcon size={14} />
          </IconButton>
        </div>
      ))}
      <div>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => dispatch({ type: 'add-milestone' })}
        >
          <PlusIcon size={12} /> Milestone
        </button>
      </div>
    </div>
  );
}
