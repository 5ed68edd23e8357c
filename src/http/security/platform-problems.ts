import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Some problems can come from any API route, not from its handler: a refused cross-site write
 * (403), an oversized or non-JSON body (413, 415), a rate limit (429), bad input (400),
 * missing credentials (401), and on routes that read If-Match a missing or stale version (428,
 * 412), and when the database is unreachable, too slow or out of disk a 503 (a 507 for a write
 * on a full disk). This documents them on every API route, in one place, so that the
 * OpenAPI document lists every status a client can see. Must be registered before any route.
 */
export function registerPlatformProblems(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || !route.schema?.response) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const statuses = [400, 401, 429, 503];
    if (methods.some((m) => UNSAFE.has(m))) statuses.push(403, 507);
    if (route.schema.body) statuses.push(413, 415);
    // A route that reads If-Match answers 428 without it and 412 when it is stale.
    const headers = route.schema.headers as { properties?: Record<string, unknown> } | undefined;
    if (headers?.properties?.['if-match']) statuses.push(412, 428);
    const response = { ...(route.schema.response as Record<string, unknown>) };
    for (const status of statuses) response[status] ??= Type.Ref('Problem');
    route.schema = { ...route.schema, response };
  });
}
