import { isIP } from 'node:net';
import { invalid } from '../../core/kernel/errors.ts';

/*
 * Behind a reverse proxy the client's address comes from X-Forwarded-For, which the client can
 * also write: a proxy that appends passes "what-the-client-claimed, the-real-client". Only the
 * entries added by proxies we trust are believed, so the client's address is the first one from
 * the right that is not a trusted proxy. That is Fastify's `trustProxy` (proxy-addr) given a hop
 * count or the proxies' addresses; `true` (trust every entry, so the left-most, client-written
 * one wins) is never used.
 */
export type TrustedProxies = number | string[];

/** proxy-addr's names for whole ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Reads `--trust-proxy` / TRUST_PROXY: a number of proxy hops (1: one proxy in front), or a
 * comma-separated list of proxy addresses and CIDR ranges (10.0.0.0/8, loopback, …). */
export function parseTrustProxy(text: string): TrustedProxies {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw invalid(`--trust-proxy hops must be 1 to 10, got ${value}.`);
    return hops;
  }
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !isAddressOrRange(e));
  if (!entries.length || bad !== undefined) {
    throw invalid(
      `--trust-proxy takes the number of proxies in front of the server (e.g. 1) or their addresses and CIDR ranges (e.g. 10.0.0.5,192.168.0.0/16 or loopback)${bad ? `; "${bad}" is neither` : ''}.`,
    );
  }
  return entries;
}

/** As Fastify takes it. A hop count is proxy-addr's own rule (the n nearest addresses are
 * proxies), written as its function form because Fastify's types do not list numbers. */
export function fastifyTrustProxy(
  proxies: TrustedProxies | undefined,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (proxies === undefined) return false;
  if (typeof proxies === 'number') return (_address, hop) => hop < proxies;
  return proxies;
}
