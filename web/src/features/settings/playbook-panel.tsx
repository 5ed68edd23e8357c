import { invalidateAfter } from '../../api/invalidation.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { Habit } from '../../api/types.ts';
import { IconButton } from '../../components/form/buttons.tsx';
import { PlusIcon, XIcon } from '../../components/icons.tsx';
import { ErrorState, FormError, LoadingRows } from '../../components/states.tsx';
import { Section, useSaved } from './section.tsx';

export function PlaybookPanel({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const saved = useSaved();
  const playbook = useQuery({
    queryKey: ['playbook', 'full'],
    queryFn: ({ signal }) =>
      api.get<{ habits: Habit[]; version: string }>('/api/v1/playbook', { signal }),
  });
  const [habits, setHabits] = useState<Partial<Habit>[] | null>(null);
  useEffect(() => {
    if (playbook.data) setHabits(playbook.data.habits);
  }, [playbook.data]);
  const save = useMutation({
    mutationFn: () =>
      api.put('/api/v1/playbook', {
        version: playbook.data!.version,
        habits: (habits ?? []).map((h) => ({
          ...(h.id ? { id: h.id } : {}),
          name: h.name ?? '',
          description: h.description ?? '',
        })),
      }),
    onSuccess: () => {
      void invalidateAfter(queryClient, 'playbook.set');
      saved('Playbook');
    },
  });
  if (playbook.isPending || !habits) return <LoadingRows rows={5} />;
  if (playbook.isError) return <ErrorState error={playbook.error} />;
  const set = (i: number, patch: Partial<Habit>) =>
    setHabits(habits.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const move = (i: number, by: number) => {
    const next = [...habits];
    const [h] = next.splice(i, 1);
    next.splice(i + by, 0, h!);
    setHabits(next);
  };
  return (
    <Section
      title="Playbook"
      sub="The habits checked on every call. Habit 2 is the plan, habit 10 keeping momentum; rename, reorder, add or retire the rest."
    >
      <ol className="list">
        {habits.map((h, i) => (
          <li key={h.id ?? `new-${i}`} className="row flex-nowrap items-start habit-edit-row">
            <span className="num faint habit-number">{i + 1}.</span>
            <div className="stack gap-4 flex-1">
              <input
                className="input"
                aria-label={`Habit ${i + 1} name`}
                value={h.name ?? ''}
                disabled={!canEdit}
                required
                onChange={(e) => set(i, { name: e.target.value })}
              />
              <input
                className="input input-sm"
                aria-label={`Habit ${i + 1} description`}
                value={h.description ?? ''}
                disabled={!canEdit}
                onChange={(e) => set(i, { description: e.target.value })}
              />
            </div>
            {canEdit ? (
              <div className="row flex-nowrap gap-2">
                <IconButton
                  label={`Move habit ${i + 1} up`}
                  size="sm"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </IconButton>
                <IconButton
                  label={`Move habit ${i + 1} down`}
                  size="sm"
                  disabled={i === habits.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </IconButton>
                <IconButton
                  label={`Retire habit ${i + 1}`}
                  size="sm"
                  onClick={() => setHabits(habits.filter((_h, j) => j !== i))}
                >
                  <XIcon size={12} />
                </IconButton>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {canEdit ? (
        <div className="row">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => setHabits([...habits, { name: '', description: '' }])}
          >
            <PlusIcon size={12} /> Habit
          </button>
          <span className="spacer" />
          <FormError error={save.error} />
          <button
            type="button"
            className="btn btn-primary"
            disabled={save.isPending}
            onClick={() => save.mutate()}
          >
            Save playbook
          </button>
        </div>
      ) : (
        <p className="small faint">Owners and managers edit the playbook.</p>
      )}
    </Section>
  );
}
