/*
 * Was the sender authenticated? (issue 18: only members' own messages are filed for them.)
 *
 * A From header is whatever the writer typed. The server that received the message for the
 * shared mailbox checks SPF, DKIM and DMARC and writes its verdict at the top of the message as
 * `Authentication-Results: AUTHSERV-ID; dmarc=pass … header.from=DOMAIN` (RFC 8601). Anyone can
 * add such a header too, so only the top-most one written under the id the operator trusts
 * (MAIL_AUTHSERV_ID) counts. The sender is authenticated when it says dmarc=pass, or dkim=pass
 * or spf=pass for the From address's domain (or a parent domain of it).
 */

export interface SenderVerdict {
  authenticated: boolean;
  /** In plain words, for the refusal's reason. */
  why: string;
}

interface MethodResult {
  method: string;
  result: string;
  props: Record<string, string>;
}

function readResults(value: string): { authServId: string; results: MethodResult[] } {
  // Comments in parentheses carry no verdict ("(p=REJECT)", "(2048-bit key)").
  const clean = value.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ');
  const [head = '', ...rest] = clean.split(';');
  const authServId = head.trim().split(' ')[0]?.toLowerCase() ?? '';
  const results: MethodResult[] = [];
  for (const part of rest) {
    const tokens = part.trim().split(' ').filter(Boolean);
    const first = /^([a-z0-9-]+)=([a-z]+)$/i.exec(tokens[0] ?? '');
    if (!first) continue;
    const props: Record<string, string> = {};
    for (const token of tokens.slice(1)) {
      const p = /^([a-z0-9-]+\.[a-z0-9-]+)=(.+)$/i.exec(token);
      if (p) props[p[1]!.toLowerCase()] = p[2]!.toLowerCase().replace(/^"|"$/g, '');
    }
    results.push({ method: first[1]!.toLowerCase(), result: first[2]!.toLowerCase(), props });
  }
  return { authServId, results };
}

/** `d` is the From domain or one of its parents (relaxed alignment). */
function aligned(domain: string, d: string | undefined): boolean {
  if (!d) return false;
  const bare = d.replace(/^.*@/, '');
  return domain === bare || domain.endsWith(`.${bare}`);
}

/**
 * The verdict on a message whose From address is `fromAddress`, given its
 * Authentication-Results header values in the order they appear (top first).
 */
export function senderVerdict(
  headerValues: readonly string[],
  trustedAuthServId: string,
  fromAddress: string,
): SenderVerdict {
  const trusted = trustedAuthServId.trim().toLowerCase();
  const domain = fromAddress.toLowerCase().split('@').pop() ?? '';
  const top = headerValues.map(readResults).find((r) => r.authServId === trusted);
  if (!top) {
    return {
      authenticated: false,
      why: `the message carries no Authentication-Results from ${trusted}`,
    };
  }
  const pass = top.results.some(
    (r) =>
      r.result === 'pass' &&
      (r.method === 'dmarc' ||
        (r.method === 'dkim' &&
          (aligned(domain, r.props['header.d']) || aligned(domain, r.props['header.i']))) ||
        (r.method === 'spf' && aligned(domain, r.props['smtp.mailfrom']))),
  );
  if (pass) return { authenticated: true, why: `${trusted} authenticated ${domain}` };
  const said = top.results.map((r) => `${r.method}=${r.result}`).join(', ') || 'no result';
  return { authenticated: false, why: `${trusted} did not authenticate ${domain} (${said})` };
}
