/*
 * Which network addresses a webhook may not reach unless the server allows it (SSRF): loopback,
 * private (RFC 1918, ULA), link-local, unspecified, CGNAT, multicast, reserved, documentation and
 * broadcast; IPv6 forms that carry an IPv4 address (mapped, translated, NAT64, 6to4) are judged by
 * that address, and Teredo and discard-only ranges are refused. Pure: the caller resolves names.
 */

type V4 = [number, number, number, number];

const V4_BLOCKED: readonly { base: V4; bits: number; why: string }[] = [
  { base: [0, 0, 0, 0], bits: 8, why: 'unspecified' },
  { base: [10, 0, 0, 0], bits: 8, why: 'private' },
  { base: [100, 64, 0, 0], bits: 10, why: 'carrier-grade NAT' },
  { base: [127, 0, 0, 0], bits: 8, why: 'loopback' },
  { base: [169, 254, 0, 0], bits: 16, why: 'link-local' },
  { base: [172, 16, 0, 0], bits: 12, why: 'private' },
  { base: [192, 0, 0, 0], bits: 24, why: 'reserved' },
  { base: [192, 0, 2, 0], bits: 24, why: 'documentation' },
  { base: [192, 168, 0, 0], bits: 16, why: 'private' },
  { base: [198, 18, 0, 0], bits: 15, why: 'benchmarking' },
  { base: [198, 51, 100, 0], bits: 24, why: 'documentation' },
  { base: [203, 0, 113, 0], bits: 24, why: 'documentation' },
  { base: [224, 0, 0, 0], bits: 4, why: 'multicast' },
  { base: [240, 0, 0, 0], bits: 4, why: 'reserved' },
];

function parseV4(text: string): V4 | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number) as V4;
  return parts.every((p) => p <= 255) ? parts : null;
}

function v4Blocked(a: V4): string | null {
  const n = ((a[0] << 24) >>> 0) + (a[1] << 16) + (a[2] << 8) + a[3];
  for (const { base, bits, why } of V4_BLOCKED) {
    const b = ((base[0] << 24) >>> 0) + (base[1] << 16) + (base[2] << 8) + base[3];
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === (b & mask) >>> 0) return why;
  }
  return null;
}

/** Eight 16-bit groups, or null when `text` is not an IPv6 address. */
function parseV6(text: string): number[] | null {
  let s = text.toLowerCase();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return null;
  // A trailing dotted IPv4 part becomes two groups.
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (dotted) {
    const v4 = parseV4(dotted[1]!);
    if (!v4) return null;
    s = `${s.slice(0, -dotted[1]!.length)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const read = (part: string) => (part === '' ? [] : part.split(':'));
  const head = read(halves[0]!);
  const tail = halves.length === 2 ? read(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function v6Blocked(g: number[]): string | null {
  const zeroFirst = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (zeroFirst(7) && g[7] === 1) return 'loopback';
  // IPv4 carried inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), translated
  // (::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d and the local-use 64:ff9b:1::/48) and 6to4
  // (2002:aabb:ccdd::/48): refused when the IPv4 address is.
  const embedded: V4 = [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255];
  if ((zeroFirst(5) && g[5] === 0xffff) || zeroFirst(6))
    return v4Blocked(embedded) ?? (zeroFirst(6) ? 'reserved' : null);
  if (zeroFirst(4) && g[4] === 0xffff && g[5] === 0) return v4Blocked(embedded);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return v4Blocked(embedded);
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'local-use NAT64';
  if (g[0] === 0x2002) return v4Blocked([g[1]! >> 8, g[1]! & 255, g[2]! >> 8, g[2]! & 255]);
  if (g[0] === 0x2001 && g[1] === 0) return 'Teredo tunnel';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation';
  if (g[0] === 0x100 && g.slice(1, 4).every((x) => x === 0)) return 'discard-only';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private (unique local)';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/** Why `address` (an IP literal) is not a public address, or null when it is one. Text that is
 * not an IP address at all is refused too. */
export function nonPublicReason(address: string): string | null {
  const v4 = parseV4(address);
  if (v4) return v4Blocked(v4);
  const v6 = parseV6(address);
  if (v6) return v6Blocked(v6);
  return 'not an IP address';
}

/** Whether `host` (a URL's hostname) is written as an IP address rather than a name. */
export function isIpLiteral(host: string): boolean {
  return parseV4(host) !== null || parseV6(host) !== null;
}
