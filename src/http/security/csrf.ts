import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden } from '../../core/kernel/errors.ts';

/*
 * Cookies ride along on cross-site requests; bearer tokens do not. So every unsafe request that
 * is not bearer-authenticated must come from our own origin (the Origin header, which browsers
 * set and pages cannot forge), and one made with a session must also carry the session's CSRF
 * token in a custom header, which another site cannot set without a CORS preflight we never
 * grant. Scripts that send no Origin (curl, servers) use bearer tokens and are not affected.
 */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfOptions {
  /** The origin browsers use, e.g. https://momentum.example.com; by default the Host header. */
  publicOrigin?: string;
}

// URL and Fastify both keep IPv6 brackets; compare host names bare and lower-case.
const bare = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, '');

function sameOrigin(origin: string, request: FastifyRequest, publicOrigin?: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (publicOrigin) return url.origin === new URL(publicOrigin).origin;
  if (bare(url.hostname) !== bare(request.hostname)) return false;
  // Behind a TLS-terminating proxy the Host header carries no port while the browser's origin
  // is https; only an explicit port on both sides has to agree.
  const hostPort = request.port;
  if (hostPort === null) return true;
  const originPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return originPort === hostPort;
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerCsrfProtection(app: FastifyInstance, options: CsrfOptions = {}) {
  // Runs after authentication (also an onRequest hook, registered first).
  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return done();
    try {
      checkCrossSite(request, options.publicOrigin);
    } catch (error) {
      return done(error as Error);
    }
    done();
  });
}

function checkCrossSite(request: FastifyRequest, publicOrigin: string | undefined) {
  if (request.credential?.kind === 'token') return;
  const origin = request.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, request, publicOrigin)) {
    throw forbidden(`Cross-site request refused: origin ${origin} is not this server.`);
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw forbidden('Cross-site request refused.');
  }
  if (request.credential?.kind !== 'session') return;
  const token = request.headers[CSRF_HEADER];
  if (typeof token !== 'string' || !tokensEqual(token, request.credential.csrfToken)) {
    throw forbidden(
      `Send the session's CSRF token (from sign-in or GET /api/v1/me) in the ${CSRF_HEADER} header.`,
    );
  }
}
