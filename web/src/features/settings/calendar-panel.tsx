import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { FormError, LoadingRows } from '../../components/states.tsx';
import { dateTime } from '../../lib/format.ts';
import { Section } from './section.tsx';
import { invalidateAfter } from '../../api/invalidation.ts';

interface FeedStatus {
  active: boolean;
  createdAt: string | null;
}

interface ImportReport {
  dryRun: boolean;
  results: {
    uid: string;
    occurrence: string;
    startsAt: string;
    title: string;
    action: 'created' | 'updated' | 'unchanged' | 'cancelled' | 'skipped';
    reason: string | null;
    deal: { id: string; title: string; account: string } | null;
  }[];
  counts: Record<string, number>;
  outsideWindow: number;
}

/** The private calendar feed URL: made (or rotated) here and shown once, copied, revoked. */
function FeedCard() {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: ['calendar-feed'],
    queryFn: ({ signal }) => api.get<FeedStatus>('/api/v1/calendar/feed', { signal }),
  });
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const rotate = useMutation({
    mutationFn: () => api.post<{ url: string; createdAt: string }>('/api/v1/calendar/feed', {}),
    onSuccess: (r) => {
      setUrl(r.url);
      setCopied(false);
      void invalidateAfter(queryClient, 'calendar-feed.change');
    },
  });
  const revoke = useMutation({
    mutationFn: () => api.delete('/api/v1/calendar/feed'),
    onSuccess: () => {
      setUrl(null);
      void invalidateAfter(queryClient, 'calendar-feed.change');
    },
  });
  const active = status.data?.active ?? false;
  return (
    <Section
      title="Calendar feed"
      sub="Your promises, chases, next steps and booked calls in Google Calendar, Outlook or Apple Calendar: subscribe to this private URL (it updates about hourly)."
    >
      {status.isPending ? (
        <LoadingRows rows={1} />
      ) : (
        <p className="small">
          {active
            ? `You have a feed URL, made ${dateTime(status.data!.createdAt!)}. It is shown only when made; make a new one to see it again (the old one stops working).`
            : 'You have no feed URL yet.'}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={rotate.isPending}
          onClick={() => {
            if (
              !active ||
              window.confirm(
                'Make a new feed URL? Calendars subscribed to the old one stop updating.',
              )
            )
              rotate.mutate();
          }}
        >
          {active ? 'Rotate feed URL' : 'Create feed URL'}
        </button>
        {active ? (
          <button
            type="button"
            className="btn btn-ghost btn-danger"
            disabled={revoke.isPending}
            onClick={(e) => {
              // The button goes with the feed: the focus goes to the one that makes a new feed.
              const make = e.currentTarget.parentElement?.querySelector<HTMLElement>('button');
              if (window.confirm('Revoke your feed URL? Subscribed calendars stop updating.'))
                revoke.mutate(undefined, { onSuccess: () => make?.focus() });
            }}
          >
            Revoke
          </button>
        ) : null}
      </div>
      <FormError error={rotate.error ?? revoke.error} />
      {url ? (
        <div className="alert alert-success alert-stacked" role="status">
          <strong>Your feed URL (shown once; keep it private, it needs no password):</strong>
          <code className="break-all" data-testid="calendar-feed-url">
            {url}
          </code>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(() => setCopied(true));
            }}
          >
            {copied ? 'Copied' : 'Copy URL'}
          </button>
        </div>
      ) : null}
    </Section>
  );
}

const MAX_FILE_BYTES = 400_000;

/** Upload a calendar file: its meetings are booked on the deals whose contacts attend. */
function ImportCard() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: async (dryRun: boolean) => {
      const ics = await file!.text();
      return api.post<ImportReport>('/api/v1/calendar/import', { ics, dryRun });
    },
    onSuccess: (r) => {
      if (!r.dryRun) void invalidateAfter(queryClient, 'calendar.import');
    },
  });
  const report = run.data;
  return (
    <Section
      title="Import meetings"
      sub="Upload a calendar file (.ics) exported from Google Calendar, Outlook or Apple Calendar. Meetings with your contacts are booked on their open deal; series are booked for the next 90 days. Importing the same file again adds nothing twice."
    >
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) run.mutate(false);
        }}
      >
        <label className="small calendar-file">
          Calendar file
          <input
            className="input"
            type="file"
            accept=".ics,text/calendar"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFileError(
                f && f.size > MAX_FILE_BYTES ? 'That file is too large (at most 400 kB).' : null,
              );
              setFile(f && f.size <= MAX_FILE_BYTES ? f : null);
            }}
          />
        </label>
        <button
          type="button"
          className="btn"
          disabled={!file || run.isPending}
          onClick={() => run.mutate(true)}
        >
          Preview
        </button>
        <button type="submit" className="btn btn-primary" disabled={!file || run.isPending}>
          Import
        </button>
      </form>
      {fileError ? (
        <p className="small" role="alert">
          {fileError}
        </p>
      ) : null}
      <FormError error={run.error} />
      {report ? (
        <div role="status" className="stack gap-8">
          <p className="small">
            {report.dryRun ? 'Preview, nothing written: ' : ''}
            {report.counts.created ?? 0} booked, {report.counts.updated ?? 0} updated,{' '}
            {report.counts.unchanged ?? 0} unchanged, {report.counts.cancelled ?? 0} cancelled,{' '}
            {report.counts.skipped ?? 0} skipped.
          </p>
          {report.results.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Meeting</th>
                  <th>What happened</th>
                </tr>
              </thead>
              <tbody>
                {report.results.map((r) => (
                  <tr key={`${r.uid}|${r.occurrence}`}>
                    <td className="small muted">{dateTime(r.startsAt)}</td>
                    <td>{r.title}</td>
                    <td className="small">
                      {r.action}
                      {r.deal ? ` on ${r.deal.title} (${r.deal.account})` : ''}
                      {r.action === 'skipped' && r.reason ? `: ${r.reason}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}

/** The Calendar tab: the private feed URL, and meetings imported from a calendar file. */
export function CalendarPanel() {
  return (
    <>
      <FeedCard />
      <ImportCard />
    </>
  );
}
