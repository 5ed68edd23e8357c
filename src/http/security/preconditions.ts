import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError, isDomainError } from '../../core/kernel/errors.ts';

/*
 * Optimistic concurrency over HTTP. Every record carries a version; reads send it as a strong
 * ETag ("3"). An update must send it back in If-Match: without it the server answers 428 (so
 * no client can overwrite blindly), and with a version that is no longer current it answers
 * 412 and changes nothing. Route recipe:
 *
 *   schema: { headers: IfMatchHeaders, response: withProblems({ 200: View }, ...PRECONDITION_PROBLEMS) }
 *   handler: const deal = await ifMatchUpdate(request, reply, (version) => updateDeal(..., version));
 */
export const PRECONDITION_PROBLEMS = [409, 412, 428] as const;

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'The ETag of the version you read, e.g. "3". Required.',
    }),
  ),
});

export const etagOf = (version: number) => `"${version}"`;

/** The version the caller read, from If-Match; 428 when it is missing, 412 when it cannot be a
 * version of ours (a weak or foreign ETag never matches). */
export function requireIfMatch(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  const value = Array.isArray(header) ? header.join(',') : header?.trim();
  if (!value || value === '*') {
    throw new DomainError(
      'precondition-required',
      'Send If-Match with the ETag you read (e.g. If-Match: "3") so that your change cannot overwrite someone else\'s.',
    );
  }
  const match = /^"(\d{1,9})"$/.exec(value);
  if (!match) {
    throw new DomainError(
      'precondition-failed',
      `If-Match ${value} does not match the current version; read the record again.`,
    );
  }
  return Number(match[1]);
}

/** Runs an update at the version from If-Match; a stale version becomes 412 and the new
 * version goes out as the ETag. */
export function ifMatchUpdate<T extends { version: number }>(
  request: FastifyRequest,
  reply: FastifyReply,
  update: (expectedVersion: number) => Promise<T>,
): Promise<T> {
  const expected = requireIfMatch(request);
  return runAtVersion(reply, expected, update);
}

/** For state changes that are safe without a read (mark done, drop, snooze): If-Match is
 * honoured when sent (stale → 412) and not required. */
export function ifMatchOptional<T extends { version: number }>(
  request: FastifyRequest,
  reply: FastifyReply,
  update: (expectedVersion: number | undefined) => Promise<T>,
): Promise<T> {
  const expected = request.headers['if-match'] === undefined ? undefined : requireIfMatch(request);
  return runAtVersion(reply, expected, update);
}

async function runAtVersion<T extends { version: number }, V extends number | undefined>(
  reply: FastifyReply,
  expected: V,
  update: (expectedVersion: V) => Promise<T>,
): Promise<T> {
  try {
    const result = await update(expected);
    reply.header('etag', etagOf(result.version));
    return result;
  } catch (error) {
    if (isDomainError(error) && error.code === 'version-conflict') {
      throw new DomainError('precondition-failed', error.message, error.details);
    }
    throw error;
  }
}
