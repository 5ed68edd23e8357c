import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError, type DomainErrorCode } from '../core/shared/errors.ts';

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
};

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
  const known = fromFastifyError(error as FastifyError);
  return known ?? problem(500, 'internal', 'An unexpected error occurred. It has been logged.');
}

export function problemErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const p = toProblem(error);
  if (p.status >= 500) request.log.error({ err: error }, 'unhandled error');
  if (p.status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  return sendProblem(reply, { ...p, instance: request.url.split('?')[0] });
}
