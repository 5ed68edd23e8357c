/**
 * Asks until `ok` holds or `timeoutMs` passes, for what arrives a little later by design (a
 * PostgreSQL NOTIFY from another instance). Returns how many asks it took, or null on timeout,
 * so that a suite can also assert that something does *not* happen, or happens on the first ask.
 */
export async function askUntil(
  ok: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (let asks = 1; ; asks++) {
    if (await ok()) return asks;
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 10));
  }
}
