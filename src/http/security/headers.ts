import type { FastifyInstance, FastifyRequest } from 'fastify';

/*
 * One set of security headers for every response. The content security policy differs by what
 * is served: the API returns data only, the web app runs its own bundled scripts, and the API
 * docs (swagger-ui) also need inline styles and data: images.
 */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ONE_YEAR_SECONDS = 31_536_000;

function policyFor(url: string): string {
  if (url.startsWith('/api/') || url === '/openapi.json') return API_CSP;
  if (url === '/docs' || url.startsWith('/docs/')) return DOCS_CSP;
  return APP_CSP;
}

export function securityHeaders(
  request: Pick<FastifyRequest, 'url' | 'protocol'>,
): Record<string, string> {
  const url = request.url.split('?')[0]!;
  const headers: Record<string, string> = {
    'content-security-policy': policyFor(url),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Invitation links carry a token in their URL: never leak a URL to another site.
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  // HSTS only means something over https; sent over http it would be ignored (or, behind a
  // misconfigured proxy, pin a host that does not serve https).
  if (request.protocol === 'https') {
    headers['strict-transport-security'] = `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`;
  }
  // API answers are personal: no shared cache may keep them.
  if (url.startsWith('/api/')) headers['cache-control'] = 'no-store';
  return headers;
}

/** The headers of securityHeaders, worked out once per kind of URL and protocol: every
 * response pays only the writes. */
export type HeaderList = readonly (readonly [string, string])[];

/** The security headers of a request, by its protocol and URL (from the list kept for its kind). */
export type SecurityHeadersOf = (request: Pick<FastifyRequest, 'url' | 'protocol'>) => HeaderList;

export function registerSecurityHeaders(app: FastifyInstance): SecurityHeadersOf {
  const lists = new Map<string, HeaderList>();
  const listFor: SecurityHeadersOf = (request) => {
    const url = request.url;
    let kind: string;
    if (url.startsWith('/api/')) kind = 'api';
    else {
      const path = url.split('?')[0]!;
      kind =
        path === '/openapi.json'
          ? 'openapi'
          : path === '/docs' || path.startsWith('/docs/')
            ? 'docs'
            : 'app';
    }
    kind = `${request.protocol} ${kind}`;
    let list = lists.get(kind);
    if (!list) {
      list = Object.entries(securityHeaders(request));
      lists.set(kind, list);
    }
    return list;
  };
  app.addHook('onSend', (request, reply, payload, done) => {
    for (const [name, value] of listFor(request)) {
      if (name === 'content-security-policy' || !reply.hasHeader(name)) reply.header(name, value);
    }
    done(null, payload);
  });
  return listFor;
}
