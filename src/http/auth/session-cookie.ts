import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_MAX_HOURS } from '../../core/auth/flows/sessions.ts';

/*
 * The session lives in one HttpOnly, SameSite=Lax cookie. Over https (and on any host that is
 * not this machine) it is `__Host-` prefixed and Secure: the browser then refuses it over plain
 * http and refuses to let a sibling subdomain set or shadow it. Plain http is accepted only on
 * localhost, where `momentum serve` runs by default and a Secure cookie would never be sent.
 */
export const SECURE_SESSION_COOKIE = '__Host-momentum_session';
export const LOCAL_SESSION_COOKIE = 'momentum_session';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isPlainLocalhost(request: Pick<FastifyRequest, 'protocol' | 'hostname'>): boolean {
  return request.protocol !== 'https' && LOOPBACK.has(request.hostname.toLowerCase());
}

/** The cookie the session travels in on a request of this protocol to this hostname. */
export function sessionCookieName(request: Pick<FastifyRequest, 'protocol' | 'hostname'>): string {
  return isPlainLocalhost(request) ? LOCAL_SESSION_COOKIE : SECURE_SESSION_COOKIE;
}

/** A session secret as read from its cookie, or undefined when absent or implausibly long. */
export function plausibleSessionSecret(value: string | undefined): string | undefined {
  return value && value.length <= 200 ? value : undefined;
}

const cookieName = sessionCookieName;

/** The session secret the request carries, if any. Cookies are parsed here, on first use (the
 * cookie plugin runs without its parsing hook, so that requests that never look pay nothing). */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  // Null until parsed: the cookie plugin decorates it so.
  const cookies =
    (request.cookies as typeof request.cookies | null) ?? request.server.parseCookie(header);
  request.cookies = cookies;
  return plausibleSessionSecret(cookies[cookieName(request)]);
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string) {
  const local = isPlainLocalhost(request);
  reply.setCookie(cookieName(request), secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: !local,
    maxAge: SESSION_MAX_HOURS * 3600,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(cookieName(request), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: !isPlainLocalhost(request),
  });
}
