import {
  api,
  ApiError,
  CSRF_HEADER,
  currentCsrfToken,
  type ProblemBody,
} from '../../api/client.ts';

/** What the import endpoints answer (see src/http/presenters/import-presenter.ts). */
export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}
export interface ImportJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  phase: 'scan' | 'import';
  rows: number;
  totalRows: number | null;
  dryRun: boolean;
  error: { code: string; message: string } | null;
  report: {
    files: { file: string; source: string; kind: string; rows: number; dateOrder: string | null }[];
    counts: Record<'account' | 'contact' | 'deal' | 'activity', Counts>;
    issues: { file: string; line: number; reason: string }[];
    issueCount: number;
    stagesCreated: string[];
  } | null;
  preview: {
    stages: { value: string; stage: string; action: string }[];
    owners: { value: string; email: string; action: string }[];
    currencies: { value: string; currency: string | null; action: string }[];
  } | null;
  mapping: Record<string, unknown> | null;
}

/** Sends one file as it is (text/csv); the server streams it to disk. */
export async function uploadCsv(file: File): Promise<string> {
  const headers: Record<string, string> = {
    'content-type': 'text/csv',
    accept: 'application/json',
  };
  const csrf = currentCsrfToken();
  if (csrf) headers[CSRF_HEADER] = csrf;
  const response = await fetch(`/api/v1/imports/uploads?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as { id?: string } & Partial<ProblemBody>;
  if (!response.ok || !body.id) {
    throw new ApiError({
      status: response.status,
      code: body.code ?? 'error',
      detail: body.detail ?? `Uploading ${file.name} failed (${response.status}).`,
    });
  }
  return body.id;
}

export function startImport(input: {
  uploads: string[];
  from?: string;
  dryRun: boolean;
  mapping?: Record<string, unknown>;
}): Promise<ImportJob> {
  return api.post<ImportJob>('/api/v1/imports', input);
}

export function readImport(id: string): Promise<ImportJob> {
  return api.get<ImportJob>(`/api/v1/imports/${encodeURIComponent(id)}`);
}
