import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problem, sendProblem } from '../problems.ts';
import { securityHeaders } from './headers.ts';

/**
 * Errors Fastify's router raises before any route or hook runs (a malformed percent-encoding,
 * a path segment over the router's length limit), which would otherwise go out in Fastify's
 * own format. They become the same problem bodies as everything else, as 400s. No hook runs
 * for them, so the security headers are set here too.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A part of the path is too long to be an id.'
      : 'The URL is malformed.';
  const url = request.url.split('?')[0]!.slice(0, 200);
  reply.headers(securityHeaders(request));
  return sendProblem(reply, problem(400, 'validation', detail, { instance: url }));
}
