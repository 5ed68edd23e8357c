import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.ts';
import { membersQuery, stagesQuery } from '../../api/queries.ts';
import { isManager, useMe } from '../../app/session.ts';
import { EmptyState } from '../../components/states.tsx';
import { useDocumentTitle } from '../../lib/document-title.ts';
import { readImport, startImport, uploadCsv, type ImportJob } from './import-api.ts';
import { invalidateAfter } from '../../api/invalidation.ts';

/*
 * Import a CRM's CSV export: choose the files, preview (a dry run: the mapping of stages, owners
 * and currencies new to the workspace, the counts and the rows that would fail), then import.
 * Progress comes from the job the server runs; nothing is written until "Import".
 */
/** The mapping as `momentum import --map FILE.json` reads it (src/core/import-export/mapping.ts). */
export interface ImportMapping {
  stages: Record<string, string>;
  owners: Record<string, string>;
  currencies: Record<string, string>;
  defaultCurrency?: string;
  dateOrders?: Record<string, string>;
}
/** Where the page keeps the last mapping imported with, to start the next preview from it. */
const SAVED_MAPPING = 'momentum.import.mapping';

function savedMapping(): ImportMapping | null {
  try {
    const raw = localStorage.getItem(SAVED_MAPPING);
    return raw ? (JSON.parse(raw) as ImportMapping) : null;
  } catch {
    return null;
  }
}

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

const CREATE = '\u0000create';

/**
 * What the preview found new to the workspace, each mapped to one of its own (or, for a stage,
 * created under the source's name), exactly as a --map file says it. Read-only after an import.
 */
function MappingEditor({
  job,
  mapping,
  onChange,
}: {
  job: ImportJob;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
}) {
  const preview = job.preview!;
  const stages = useQuery(stagesQuery).data ?? [];
  const members = useQuery(membersQuery).data ?? [];
  const editable = job.dryRun;
  const stageNames = new Map(stages.map((s) => [s.name.trim().toLowerCase(), s.name]));
  if (preview.stages.length + preview.owners.length + preview.currencies.length === 0) return null;
  const set = (field: 'stages' | 'owners' | 'currencies', value: string, to: string) =>
    onChange({ ...mapping, [field]: { ...mapping[field], [value]: to } });
  return (
    <section className="card" aria-label="Mapping">
      <div className="card-header">
        <h2>New to this workspace</h2>
      </div>
      <table className="table">
        <tbody>
          {preview.stages.map((s) => {
            const target = mapping.stages[s.value] ?? s.stage;
            const existing = stageNames.get(target.trim().toLowerCase());
            return (
              <tr key={`stage-${s.value}`}>
                <td>Stage</td>
                <td>{s.value}</td>
                <td>
                  {editable ? (
                    <select
                      className="select select-sm"
                      aria-label={`Stage for "${s.value}"`}
                      value={existing ?? CREATE}
                      onChange={(e) =>
                        set('stages', s.value, e.target.value === CREATE ? s.value : e.target.value)
                      }
                    >
                      <option value={CREATE}>Create new stage &ldquo;{s.value}&rdquo;</option>
                      {stages.map((st) => (
                        <option key={st.id} value={st.name}>
                          {st.name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    `→ ${target}${existing ? '' : ' (new stage)'}`
                  )}
                </td>
              </tr>
            );
          })}
          {preview.owners.map((o) => {
            const email = mapping.owners[o.value] ?? o.email;
            return (
              <tr key={`owner-${o.value}`}>
                <td>Owner</td>
                <td>{o.value}</td>
                <td>
                  {editable ? (
                    <select
                      className="select select-sm"
                      aria-label={`Owner for "${o.value}"`}
                      value={email}
                      onChange={(e) => set('owners', o.value, e.target.value)}
                    >
                      {members.map((m) => (
                        <option key={m.id} value={m.email}>
                          {m.name} ({m.email})
                        </option>
                      ))}
                    </select>
                  ) : (
                    `→ ${email}${o.action === 'default' ? ' (not a member: you)' : ''}`
                  )}
                </td>
              </tr>
            );
          })}
          {preview.currencies.map((c) => {
            const code = mapping.currencies[c.value] ?? c.currency ?? '';
            return (
              <tr key={`currency-${c.value}`}>
                <td>Currency</td>
                <td>{c.value}</td>
                <td>
                  {editable ? (
                    <input
                      className="input input-sm"
                      aria-label={`Currency for "${c.value}"`}
                      value={code}
                      maxLength={3}
                      pattern="[A-Z]{3}"
                      placeholder="EUR"
                      onChange={(e) => set('currencies', c.value, e.target.value.toUpperCase())}
                    />
                  ) : (
                    `→ ${code || 'not a currency code'}`
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable && (
        <div className="card-body">
          <p className="subtitle">
            The import uses this mapping, and the next preview starts from it. The same file works
            with <code>momentum import --map</code>:{' '}
            <a
              href={`data:application/json;charset=utf-8,${encodeURIComponent(
                `${JSON.stringify(mapping, null, 2)}\n`,
              )}`}
              download="momentum-mapping.json"
            >
              download the mapping
            </a>
            .
          </p>
        </div>
      )}
    </section>
  );
}

function Report({
  job,
  mapping,
  onMapping,
}: {
  job: ImportJob;
  mapping: ImportMapping;
  onMapping: (mapping: ImportMapping) => void;
}) {
  const report = job.report!;
  const kinds = [...new Set(report.files.map((f) => f.kind))] as (keyof typeof KINDS)[];
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
      <MappingEditor job={job} mapping={mapping} onChange={onMapping} />
      <section className="card" aria-label={job.dryRun ? 'What an import would do' : 'Imported'}>
        <div className="card-header">
          <h2>{job.dryRun ? 'What an import would do' : 'Imported'}</h2>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>
                <span className="sr-only">What</span>
              </th>
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
  useDocumentTitle('Import & export');
  const [files, setFiles] = useState<File[]>([]);
  const [from, setFrom] = useState('');
  const [uploads, setUploads] = useState<string[] | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const queryClient = useQueryClient();

  if (!isManager(me)) {
    return (
      <div className="page">
        <h1>Import &amp; export</h1>
        <div className="card">
          <EmptyState title="For owners and managers">
            Ask an owner or a manager of the workspace to import your CRM&rsquo;s export or to
            export the workspace.
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
      // The preview starts from the mapping saved last time; the import uses the edited one.
      const use = dryRun ? savedMapping() : mapping;
      const started = await startImport({
        uploads: ids,
        dryRun,
        ...(from && { from }),
        ...(use && { mapping: { ...use } }),
      });
      const finished = await follow(started, setJob);
      setJob(finished);
      if (finished.state === 'done' && finished.mapping)
        setMapping(finished.mapping as unknown as ImportMapping);
      if (!dryRun && finished.state === 'done') {
        if (mapping) localStorage.setItem(SAVED_MAPPING, JSON.stringify(mapping));
        // Stages, deals, accounts…: whatever the pages read before may have changed.
        void invalidateAfter(queryClient, 'import.run');
      }
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
        <h1>Import &amp; export</h1>
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
            <select className="select" value={from} onChange={(e) => setFrom(e.target.value)}>
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
      {job?.state === 'done' && job.report && mapping && (
        <Report job={job} mapping={mapping} onMapping={setMapping} />
      )}
      <section className="card" aria-label="Export">
        <div className="card-header">
          <h2>Export</h2>
        </div>
        <div className="card-body">
          <p>
            Everything the workspace holds, in one JSON file: the same file as{' '}
            <code>momentum export</code>, which <code>momentum import --from momentum</code> brings
            back into an empty workspace (SQLite or PostgreSQL).
          </p>
          <a className="btn" href="/api/v1/export?format=json" download="momentum-export.json">
            Download the export
          </a>
        </div>
      </section>
    </div>
  );
}
