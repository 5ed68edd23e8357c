import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError, type DomainErrorCode } from '../core/kernel/errors.ts';
import { classifyDatabaseError, type DatabaseFailure } from '../app/database-failures.ts';

/**
 * The one place where errors become RFC 9457 problem responses. The body always carries a
 * stable `code`; it never carries a stack trace or SQL.
 */
const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'version-conflict': 409,
  'precondition-failed': 412,
  'precondition-required': 428,
  'rate-limited': 429,
};

const TITLES: Record<string, string> = {
  validation: 'The request is not valid',
  unauthenticated: 'Sign in or send an API token',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'version-conflict': 'The record changed since you read it',
  'precondition-failed': 'The record changed since you read it',
  'precondition-required': 'Send If-Match with the version you read',
  'rate-limited': 'Too many requests',
  'payload-too-large': 'The request body is too large',
  'unsupported-media-type': 'Send JSON',
  'method-not-allowed': 'Method not allowed',
  internal: 'Something went wrong on our side',
  'database-unavailable': 'The database is unavailable',
  'database-timeout': 'The database did not answer in time',
  'disk-full': 'The disk is full',
};

/** Seconds a client should wait before trying again, by problem code (the Retry-After header). */
const RETRY_AFTER_SECONDS: Record<string, number> = {
  'rate-limited': 60,
  'database-unavailable': 5,
  'database-timeout': 5,
  'disk-full': 60,
};

/** What a unique key that two writers raced for means, by the table it belongs to (PostgreSQL
 * names the constraint `table_…`; SQLite lists `table.column, …`). */
const UNIQUE_DETAILS: [prefix: string, detail: string][] = [
  ['accounts', 'An account with this name already exists in the workspace.'],
  ['users', 'Someone with this e-mail address already has an account.'],
  ['members', 'This person is already a member of the workspace.'],
  ['stages', 'A stage with this name already exists in the workspace.'],
  [
    'plan_revisions',
    'Someone saved this plan at the same moment; reload it and apply your change again.',
  ],
  ['next_steps', 'Someone booked this deal’s next step at the same moment; reload and try again.'],
];

function fromDatabaseFailure(failure: DatabaseFailure): Problem {
  switch (failure.kind) {
    case 'unique': {
      const known = UNIQUE_DETAILS.find(([prefix]) => failure.constraint?.startsWith(prefix));
      return problem(
        409,
        'conflict',
        known?.[1] ??
          'This conflicts with a record saved at the same moment; reload and try again.',
      );
    }
    case 'foreign-key':
      return problem(
        409,
        'conflict',
        'Something this refers to was removed (or is not saved yet); reload and try again.',
      );
    case 'contention':
      return problem(
        503,
        'database-timeout',
        'The database was busy with a conflicting change; try again in a moment.',
      );
    case 'timeout':
      return problem(
        503,
        'database-timeout',
        'The database did not answer in time; nothing was saved by this request. Try again shortly.',
      );
    case 'unavailable':
      return problem(
        503,
        'database-unavailable',
        'The database cannot be reached right now (it may be restarting); nothing was saved by this request. Try again shortly.',
      );
    case 'disk-full':
      return problem(
        507,
        'disk-full',
        'The disk under the database is full, so nothing can be saved; reading still works. Ask the operator to free space; saving resumes by itself.',
      );
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [key: string]: unknown;
}

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: `https://momentum.invalid/problems/${code}`,
    title: TITLES[code] ?? code,
    status,
    code,
    detail,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

function fromFastifyError(error: FastifyError): Problem | null {
  if (error.validation) {
    const errors = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath || ''}`,
      message:
        v.keyword === 'additionalProperties'
          ? `unknown field "${(v.params as { additionalProperty?: string }).additionalProperty}"`
          : (v.message ?? 'is invalid'),
    }));
    return problem(400, 'validation', errors.map((e) => `${e.path} ${e.message}`).join('; '), {
      errors,
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(
        413,
        'payload-too-large',
        'The request body is larger than this endpoint accepts.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported-media-type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'validation', 'The body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(400, 'validation', 'The Content-Length header does not match the body.');
    default:
      break;
  }
  if (error.statusCode === 429) return problem(429, 'rate-limited', error.message);
  if (error instanceof SyntaxError || error.statusCode === 400)
    return problem(400, 'validation', 'The request could not be parsed.');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return problem(error.statusCode, 'validation', 'The request could not be processed.');
  }
  return null;
}

export function toProblem(error: unknown): Problem {
  if (isDomainError(error)) {
    return problem(
      STATUS_BY_CODE[error.code],
      error.code,
      error.message,
      error.details ? { details: error.details } : {},
    );
  }
  const failure = classifyDatabaseError(error);
  if (failure) return fromDatabaseFailure(failure);
  const known = fromFastifyError(error as FastifyError);
  return known ?? problem(500, 'internal', 'An unexpected error occurred. It has been logged.');
}

export function problemErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const p = toProblem(error);
  // The real error goes to the log (never to the client): SQLITE_FULL, a terminated connection.
  if (p.status === 503) request.log.warn({ err: error }, p.title);
  else if (p.status >= 500) request.log.error({ err: error }, 'unhandled error');
  const retryAfter = RETRY_AFTER_SECONDS[p.code];
  if (retryAfter !== undefined && !reply.hasHeader('retry-after'))
    reply.header('retry-after', String(retryAfter));
  return sendProblem(reply, { ...p, instance: request.url.split('?')[0] });
}
