import type { FastifyInstance } from 'fastify';
import { invalid } from '../../core/kernel/errors.ts';

/*
 * DNS rebinding: a page on evil.example re-points its own name at this server, then reads and
 * writes through the victim's browser. The browser believes it is talking to evil.example, so
 * Origin and Host both say evil.example and a same-origin check passes. What the page cannot do
 * is make the browser send a Host this server expects, so every request must name one: the
 * configured public origin's host, or a loopback name (localhost, *.localhost, 127.0.0.1, ::1),
 * which is how `momentum serve` is reached on the machine and what a reverse proxy that rewrites
 * Host usually sends upstream. Behind a trusted proxy the host is X-Forwarded-Host.
 */
export interface AllowedHostOptions {
  /** The origin browsers use, e.g. https://momentum.example.com (MOMENTUM_ORIGIN). */
  publicOrigin?: string;
}

const bare = (host: string) =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');

function isLoopbackName(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** Whether a request's hostname (Host without its port) names this server. */
export type HostCheck = (hostname: string) => boolean;

export function registerAllowedHosts(
  app: FastifyInstance,
  options: AllowedHostOptions = {},
): HostCheck {
  const configured = options.publicOrigin ? bare(new URL(options.publicOrigin).hostname) : null;
  /** The verdict on each Host header seen, so that a request pays one map lookup. Bounded: a
   * client sending ever new names only empties it. */
  const seen = new Map<string, boolean>();
  const allowed = (hostname: string) => {
    let verdict = seen.get(hostname);
    if (verdict === undefined) {
      const host = bare(hostname);
      verdict = host === configured || isLoopbackName(host);
      if (seen.size >= 1000) seen.clear();
      seen.set(hostname, verdict);
    }
    return verdict;
  };
  app.addHook('onRequest', (request, _reply, done) => {
    const hostname = request.hostname ?? '';
    if (allowed(hostname)) return done();
    const host = bare(hostname);
    done(
      invalid(
        configured
          ? `This server answers for ${configured}, not for "${host}".`
          : `This server answers for localhost only, not for "${host}". Reached under another name, set MOMENTUM_ORIGIN to the address browsers use (e.g. https://momentum.example.com).`,
      ),
    );
  });
  return allowed;
}
