import { invalidateAfter } from '../../api/invalidation.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client.ts';
import { stagesQuery } from '../../api/queries.ts';
import type { Stage } from '../../api/types.ts';
import { ErrorState, LoadingRows } from '../../components/states.tsx';
import { Section, useSaved } from './section.tsx';

function StageRow({ stage, canEdit }: { stage: Stage; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const saved = useSaved();
  const [days, setDays] = useState(stage.neglectDays);
  const save = useMutation({
    mutationFn: () =>
      api.patch<Stage>(
        `/api/v1/stages/${encodeURIComponent(stage.id)}`,
        { neglectDays: days },
        { ifMatch: stage.version },
      ),
    onSuccess: () => {
      void invalidateAfter(queryClient, 'stage.update');
      saved(`${stage.name}`);
    },
  });
  return (
    <tr>
      <td>{stage.name}</td>
      <td>
        <div className="row flex-nowrap">
          <input
            className="input input-sm stage-days"
            type="number"
            min={1}
            max={365}
            aria-label={`Days without a touch before a ${stage.name} deal is neglected`}
            value={days}
            disabled={!canEdit}
            onChange={(e) => setDays(Number(e.target.value))}
          />
          <span className="small muted">days</span>
          {canEdit && days !== stage.neglectDays ? (
            <button
              type="button"
              className="btn btn-sm btn-primary"
              disabled={save.isPending}
              onClick={() => save.mutate()}
            >
              Save
            </button>
          ) : null}
        </div>
        {save.isError ? <span className="small factor-neg">{errorMessage(save.error)}</span> : null}
      </td>
    </tr>
  );
}

export function StagesPanel({ canEdit }: { canEdit: boolean }) {
  const stages = useQuery(stagesQuery);
  return (
    <Section
      title="Stages"
      sub="How long a deal in each stage may go without a touch before it counts as neglected."
    >
      {stages.isPending ? (
        <LoadingRows rows={5} />
      ) : stages.isError ? (
        <ErrorState error={stages.error} />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Stage</th>
              <th>Neglected after</th>
            </tr>
          </thead>
          <tbody>
            {[...stages.data]
              .sort((a, b) => a.position - b.position)
              .map((s) => (
                <StageRow key={s.id} stage={s} canEdit={canEdit} />
              ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
