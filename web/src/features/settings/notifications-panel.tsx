import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorState, FormError, LoadingRows } from '../../components/states.tsx';
import { Section, useSaved } from './section.tsx';

interface DigestSettings {
  enabled: boolean;
  time: string;
  timeZone: string;
  version: number;
  emailConfigured: boolean;
  notice: string | null;
}

/** The daily digest: on or off, and its time in the member's own zone. */
export function NotificationsPanel() {
  const queryClient = useQueryClient();
  const saved = useSaved();
  const settings = useQuery({
    queryKey: ['me', 'digest'],
    queryFn: () => api.get<DigestSettings>('/api/v1/me/digest'),
  });
  const [enabled, setEnabled] = useState(true);
  const [time, setTime] = useState('08:00');
  useEffect(() => {
    if (settings.data) {
      setEnabled(settings.data.enabled);
      setTime(settings.data.time);
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => api.patch<DigestSettings>('/api/v1/me/digest', { enabled, time }),
    onSuccess: (data) => {
      queryClient.setQueryData(['me', 'digest'], data);
      saved('Digest settings');
    },
  });
  if (settings.isPending) return <LoadingRows rows={2} />;
  if (settings.isError) return <ErrorState error={settings.error} />;
  return (
    <Section
      title="Daily digest"
      sub={`An e-mail on your business days with today's items, what is late, neglected deals and your march (times in ${settings.data.timeZone}).`}
    >
      {settings.data.notice ? (
        <div className="alert" role="status">
          {settings.data.notice}
        </div>
      ) : null}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label className="row gap-8">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Send me the daily digest
        </label>
        <label className="field">
          <span>Time</span>
          <input
            className="input w-auto"
            type="time"
            required
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </label>
        <FormError error={save.error} />
        <div>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            Save
          </button>
        </div>
      </form>
    </Section>
  );
}
