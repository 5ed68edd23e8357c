import type { Dispatch } from 'react';
import type { Side } from '../../api/types.ts';
import { RadioGroup } from '../../components/a11y/radio-group.tsx';
import { IconButton } from '../../components/form/buttons.tsx';
import { XIcon } from '../../components/icons.tsx';
import { shortDate } from '../../lib/format.ts';
import type { DraftAction, Proposal } from './draft.ts';

const SIDE_OPTIONS: { value: Side; label: string }[] = [
  { value: 'ours', label: 'We' },
  { value: 'theirs', label: 'They' },
];

/** One proposed promise: keep it or not, who promised, what, by when. */
export function ProposalRow({ p, dispatch }: { p: Proposal; dispatch: Dispatch<DraftAction> }) {
  const label = p.text || 'new promise';
  const change = (patch: Partial<Omit<Proposal, 'key'>>) =>
    dispatch({ type: 'proposal', key: p.key, patch });
  return (
    <li className={`proposal ${p.include ? '' : 'excluded'}`} data-testid="proposal">
      <input
        type="checkbox"
        className="proposal-keep"
        checked={p.include}
        onChange={(e) => change({ include: e.target.checked })}
        aria-label={`Keep: ${label}`}
      />
      <RadioGroup
        label={`Who promised: ${label}`}
        value={p.side}
        onChange={(side) => change({ side, edited: true })}
        options={SIDE_OPTIONS}
      />
      <input
        className="input"
        aria-label={`What was promised: ${label}`}
        value={p.text}
        required={p.include}
        onChange={(e) => change({ text: e.target.value, edited: true })}
      />
      <input
        className="input"
        type="date"
        aria-label={`Due date: ${label}`}
        value={p.due}
        onChange={(e) => change({ due: e.target.value, target: null, edited: true })}
      />
      <IconButton
        label={`Remove: ${label}`}
        onClick={() => dispatch({ type: 'remove-proposal', key: p.key })}
      >
        <XIcon size={14} />
      </IconButton>
      <div className="sentence">
        {p.due ? (
          p.target ? (
            <span data-testid="proposal-dates">
              Due {shortDate(p.due)} → <strong>target {shortDate(p.target)}</strong>
              {p.side === 'ours'
                ? ' (deliver early). '
                : ' (check it is on its way; Today has you chase it once it is late). '}
            </span>
          ) : (
            <span data-testid="proposal-dates">
              Due {shortDate(p.due)}; the early target is set when you save.{' '}
            </span>
          )
        ) : (
          <span className="proposal-undated">No date: add one, or Today will ask for it. </span>
        )}
        {p.sentence ? <span>“{p.sentence}”</span> : <span>Added by hand.</span>}
      </div>
    </li>
  );
}
