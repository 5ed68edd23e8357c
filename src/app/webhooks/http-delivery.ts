import { createHmac, randomBytes } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { isIpLiteral, nonPublicReason } from '../../core/webhooks/addresses.ts';
import type { WebhookSecrets } from '../../core/webhooks/ports.ts';

/*
 * Sending one webhook request (Standard Webhooks, https://www.standardwebhooks.com/): signed
 * with HMAC-SHA256 over "id.timestamp.body", to an address checked after DNS resolution on every
 * attempt. The connection uses exactly the address that was checked (the `lookup` option), so
 * a name that resolves differently a moment later (DNS rebinding) cannot slip through. No
 * redirects are followed; time and the response read are bounded.
 */

export const webhookSecrets: WebhookSecrets = {
  newSecret: () => `whsec_${randomBytes(24).toString('base64')}`,
};

/** `v1,<base64 HMAC-SHA256 of id.timestamp.body>` with the base64-decoded part of the secret. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export interface SendLimits {
  /** Connecting plus the whole exchange (ms). */
  timeoutMs: number;
  /** How much of the response body is read at most (bytes). */
  maxResponseBytes: number;
}

export const DEFAULT_SEND_LIMITS: SendLimits = { timeoutMs: 10_000, maxResponseBytes: 64 * 1024 };

export interface SendResult {
  /** HTTP status, or null when no response came. */
  status: number | null;
  durationMs: number;
  /** Why it failed without a response (refused address, timeout, network error). */
  error: string | null;
  /** The address refused as not public: never retried with the same outcome in mind. */
  refused?: boolean;
}

export class RefusedTarget extends Error {}

type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolve: Resolve = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** The address to connect to for `host`, refusing non-public ones unless allowed. Every
 * address the name resolves to must be public (one private answer refuses the name). */
export async function resolveTarget(
  host: string,
  allowPrivate: boolean,
  resolve: Resolve = systemResolve,
): Promise<{ address: string; family: number }> {
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  const answers = isIpLiteral(bare)
    ? [{ address: bare, family: net.isIPv6(bare) ? 6 : 4 }]
    : await resolve(bare);
  if (answers.length === 0) throw new Error(`${host} does not resolve`);
  if (!allowPrivate) {
    for (const a of answers) {
      const why = nonPublicReason(a.address);
      if (why)
        throw new RefusedTarget(
          `refused: ${host} resolves to ${a.address}, a ${why} address (MOMENTUM_WEBHOOKS_ALLOW_PRIVATE=1 and --allow-private allow it)`,
        );
    }
  }
  return answers[0]!;
}

export async function sendWebhook(
  target: { url: string; allowPrivate: boolean },
  message: { id: string; timestamp: number; body: string; signature: string },
  limits: SendLimits = DEFAULT_SEND_LIMITS,
  resolve: Resolve = systemResolve,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(target.url);
  let pinned: { address: string; family: number };
  let lookupTimer: ReturnType<typeof setTimeout> | undefined;
  try {
    // The name lookup counts against the attempt's time too (a resolver can hang for long).
    pinned = await Promise.race([
      resolveTarget(url.hostname, target.allowPrivate, resolve),
      new Promise<never>((_, reject) => {
        lookupTimer = setTimeout(
          () => reject(new Error(`no answer within ${limits.timeoutMs} ms (name lookup)`)),
          limits.timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    return {
      status: null,
      durationMs: elapsed(),
      error: error instanceof Error ? error.message : String(error),
      refused: error instanceof RefusedTarget,
    };
  } finally {
    clearTimeout(lookupTimer);
  }
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        pinned,
      ]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolveResult) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolveResult(result);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup,
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(message.body),
          'user-agent': 'Momentum-Webhooks/1',
          'webhook-id': message.id,
          'webhook-timestamp': String(message.timestamp),
          'webhook-signature': message.signature,
        },
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= limits.maxResponseBytes) {
            // Enough: the status is what counts; the rest is not read.
            response.destroy();
            finish({ status: response.statusCode ?? null, durationMs: elapsed(), error: null });
          }
        });
        response.on('end', () =>
          finish({ status: response.statusCode ?? null, durationMs: elapsed(), error: null }),
        );
        response.on('error', () =>
          finish({ status: response.statusCode ?? null, durationMs: elapsed(), error: null }),
        );
      },
    );
    const deadline = setTimeout(
      () => {
        request.destroy(new Error(`no answer within ${limits.timeoutMs} ms`));
      },
      Math.max(0, limits.timeoutMs - elapsed()),
    );
    request.on('error', (error) =>
      finish({ status: null, durationMs: elapsed(), error: error.message }),
    );
    request.end(message.body);
  });
}
