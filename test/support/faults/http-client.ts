/** A small fetch wrapper for the fault suite: every answer (or failure to answer) as data. */
export interface Answer {
  /** The HTTP status, or 0 when no answer came (connection refused or reset, or timed out). */
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: Record<string, unknown> | null;
  error?: string;
  startedAt: number;
  endedAt: number;
}

export interface Client {
  send(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<Answer>;
}

export function httpClient(base: string, token?: string): Client {
  return {
    async send(method, path, body, timeoutMs = 20_000) {
      const startedAt = Date.now();
      try {
        const response = await fetch(base + path, {
          method,
          headers: {
            ...(token && { authorization: `Bearer ${token}` }),
            ...(body !== undefined && { 'content-type': 'application/json' }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        let parsed: Record<string, unknown> | null = null;
        try {
          parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
        } catch {
          parsed = null;
        }
        return {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          retryAfter: response.headers.get('retry-after'),
          body: parsed,
          startedAt,
          endedAt: Date.now(),
        };
      } catch (error) {
        return {
          status: 0,
          contentType: '',
          retryAfter: null,
          body: null,
          error: String((error as Error).cause ?? error),
          startedAt,
          endedAt: Date.now(),
        };
      }
    },
  };
}

/** A 503 the way the issue asks for it: problem+json with Retry-After. */
export function isProper503(a: Answer): boolean {
  return a.status === 503 && a.contentType.startsWith('application/problem+json') && !!a.retryAfter;
}

/** Counts by a key, e.g. statuses: { "201": 120, "503": 14 }. */
export function tally<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
