import type { FastifyInstance } from 'fastify';
import { invalid } from '../../core/kernel/errors.ts';

/*
 * PostgreSQL text cannot hold U+0000 and would answer a query containing it with an error,
 * which must not become a 500. No field of ours has a use for it, so any NUL in the path, the
 * query or a JSON body is refused up front, on both dialects alike.
 */
const MAX_DEPTH = 32;

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', (request, _reply, done) => {
    if (
      request.url.startsWith('/api/') &&
      (request.url.includes('%00') ||
        containsNul(request.params) ||
        containsNul(request.query) ||
        containsNul(request.body))
    ) {
      return done(invalid('The request contains a NUL character, which no field accepts.'));
    }
    done();
  });
}
