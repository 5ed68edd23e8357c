import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { isManager, useMe } from '../../app/session.ts';
import { EmptyState } from '../../components/states.tsx';
import { readImport, startImport, uploadCsv, type ImportJob } from './import-api.ts';

/*
 * Import a CRM's CSV export: choose the files, preview (a dry run: the mapping of stages, owners
 * and currencies new to the workspace, the counts and the rows that would fail), then import.
 * Progress comes from the job the server runs; nothing is written until "Import".
 */
const KINDS = { account: 'Accounts', contact: 'Contacts', deal: 'Deals', activity: 'Activities' };
const POLL_MS = 300;

async function follow(job: ImportJob, onProgress: (job: ImportJob) => void): Promise<ImportJob> {
  let current = job;
  while (current.state === 'running') {
    onProgress(current);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = await readImport(current.id);
  }
  return current;
}

function Progress({ job }: { job: ImportJob }) {
  const label = job.phase === 'scan' ? 'Reading the files' : 'Importing';
  return (
    <div className="field">
      <span className="field-label">
        {label}: {job.rows.toLocaleString()}
        {job.totalRows ? ` of ${job.totalRows.toLocaleString()}` : ''} rows
      </span>
      <progress
        aria-label={label}
        max={job.totalRows ?? undefined}
        value={job.totalRows ? job.rows : undefined}
        style={{ width: '100%' }}
      />
    </div>
  );
}

function Report({ job }: { job: ImportJob }) {
  const report = job.report!;
  const preview = job.preview!;
  const kinds = [...new Set(report.files.map((f) => f.kind))] as (keyof typeof KINDS)[];
  const mapping = [
    ...preview.stages.map((s) => [
      'Stage',
      s.value,
      `${s.stage}${s.action === 'create' ? ' (new stage)' : ''}`,
    ]),
    ...preview.owners.map((o) => [
      'Owner',
      o.value,
      `${o.email}${o.action === 'default' ? ' (not a member: you)' : ''}`,
    ]),
    ...preview.currencies.map((c) => ['Currency', c.value, c.currency ?? 'not a currency code']),
  ];
  return (
    <>
      <section className="card" aria-label="Files">
        <div className="card-header">
          <h2>Files</h2>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>File</th>
              <th>From</th>
              <th>Holds</th>
              <th>Rows</th>
            </tr>
          </thead>
          <tbody>
            {report.files.map((f) => (
              <tr key={f.file}>
                <td>{f.file}</td>
                <td>{f.source}</td>
                <td>{KINDS[f.kind as keyof typeof KINDS] ?? f.kind}</td>
                <td>{f.rows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {mapping.length > 0 && (
        <section className="card" aria-label="Mapping">
          <div className="card-header">
            <h2>New to this workspace</h2>
          </div>
          <table className="table">
            <tbody>
              {mapping.map(([what, from, to]) => (
                <tr key={`${what}-${from}`}>
                  <td>{what}</td>
                  <td>{from}</td>
                  <td>→ {to}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="card" aria-label={job.dryRun ? 'What an import would do' : 'Imported'}>
        <div className="card-header">
          <h2>{job.dryRun ? 'What an import would do' : 'Imported'}</h2>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th />
              <th>Created</th>
              <th>Updated</th>
              <th>Unchanged</th>
              <th>Failed</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k}>
                <td>{KINDS[k]}</td>
                <td>{report.counts[k].created}</td>
                <td>{report.counts[k].updated}</td>
                <td>{report.counts[k].unchanged}</td>
                <td>{report.counts[k].failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.issueCount > 0 && (
          <div className="card-body">
            <h3>Rows not imported ({report.issueCount})</h3>
            <ul>
              {report.issues.map((i) => (
                <li key={`${i.file}:${i.line}`}>
                  {i.file}, line {i.line}: {i.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </>
  );
}

export function ImportPage() {
  const me = useMe();
  const [files, setFiles] = useState<File[]>([]);
  const [from, setFrom] = useState('');
  const [uploads, setUploads] = useState<string[] | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!isManager(me)) {
    return (
      <div className="page">
        <h1>Import</h1>
        <div className="card">
          <EmptyState title="For owners and managers">
            Ask an owner or a manager of the workspace to import your CRM&rsquo;s export.
          </EmptyState>
        </div>
      </div>
    );
  }

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const ids = uploads ?? (await Promise.all(files.map(uploadCsv)));
      setUploads(ids);
      const started = await startImport({
        uploads: ids,
        dryRun,
        ...(from && { from }),
        ...(!dryRun && job?.mapping && { mapping: job.mapping }),
      });
      const finished = await follow(started, setJob);
      setJob(finished);
      if (finished.state === 'failed') setError(finished.error?.message ?? 'The import failed.');
      if (!dryRun) setUploads(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const previewed = job?.dryRun && job.state === 'done';
  const imported = job && !job.dryRun && job.state === 'done';
  return (
    <div className="page">
      <div className="page-header">
        <h1>Import</h1>
        <p className="subtitle">
          CSV exports from HubSpot, Pipedrive or Salesforce: accounts, contacts, deals and
          activities. Importing again updates what changed and adds no duplicates.
        </p>
      </div>
      <section className="card" aria-label="Files to import">
        <div className="card-body">
          <label className="field">
            <span className="field-label">Exported CSV files</span>
            <input
              type="file"
              accept=".csv,text/csv"
              multiple
              onChange={(e) => {
                setFiles([...(e.target.files ?? [])]);
                setUploads(null);
                setJob(null);
              }}
            />
          </label>
          <label className="field">
            <span className="field-label">Exported from</span>
            <select value={from} onChange={(e) => setFrom(e.target.value)}>
              <option value="">Tell from the columns</option>
              <option value="hubspot">HubSpot</option>
              <option value="pipedrive">Pipedrive</option>
              <option value="salesforce">Salesforce</option>
            </select>
          </label>
          <div className="page-actions">
            <button
              type="button"
              className="btn"
              disabled={busy || files.length === 0}
              onClick={() => void run(true)}
            >
              Preview
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || !previewed}
              onClick={() => void run(false)}
            >
              Import
            </button>
          </div>
          {job?.state === 'running' && <Progress job={job} />}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {imported && <p role="status">Import finished.</p>}
        </div>
      </section>
      {job?.state === 'done' && job.report && <Report job={job} />}
    </div>
  );
}
