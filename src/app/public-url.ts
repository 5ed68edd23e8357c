/**
 * The address people reach this server at, for links that leave the browser (calendar feed
 * URLs, links inside calendar events): MOMENTUM_PUBLIC_URL, else MOMENTUM_ORIGIN (the origin the
 * CSRF check trusts), else http://localhost:PORT (3000 unless PORT says otherwise).
 */
export function publicBaseUrl(
  env: Record<string, string | undefined> = process.env,
  given?: string,
): string {
  const raw =
    given ??
    env.MOMENTUM_PUBLIC_URL ??
    env.MOMENTUM_ORIGIN ??
    `http://localhost:${env.PORT && /^\d+$/.test(env.PORT) ? env.PORT : '3000'}`;
  return normalizePublicUrl(raw);
}

/** Checks a public URL (http or https, no query or fragment) and drops a trailing slash. */
export function normalizePublicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The public URL "${raw}" is not a URL (e.g. https://momentum.example.com).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`The public URL "${raw}" must start with http:// or https://.`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`The public URL "${raw}" must not carry a query, fragment or credentials.`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
