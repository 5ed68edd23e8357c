/**
 * Ids are short, prefixed, random text ("dl_8f3k2m9q1x7z") so that they are safe to type on a
 * command line, say which kind of record they name, and never collide across instances. The
 * randomness comes from outside the domain.
 */
export const ID_PREFIXES = {
  workspace: 'ws',
  user: 'us',
  member: 'mb',
  account: 'ac',
  contact: 'ct',
  deal: 'dl',
  stage: 'st',
  habit: 'hb',
  call: 'cl',
  plan: 'pr',
  commitment: 'cm',
  touch: 'tc',
  nextStep: 'ns',
  audit: 'au',
  session: 'se',
  token: 'tk',
  invitation: 'in',
  webhook: 'wh',
  webhookEvent: 'ev',
  delivery: 'msg',
  job: 'jb',
  outcome: 'oc',
  importJob: 'im',
  renegotiation: 'rn',
  calendarFeed: 'cf',
  bookedCall: 'bk',
  digestPreference: 'dp',
  digestSend: 'dg',
  mail: 'ml',
  mailMatch: 'mm',
  passwordReset: 'rs',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdGenerator = (kind: IdKind) => string;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Builds an id generator from a source of random bytes (crypto in production, a seed in tests). */
export function idGeneratorFrom(randomBytes: (n: number) => Uint8Array): IdGenerator {
  return (kind) => {
    const bytes = randomBytes(12);
    let out = `${ID_PREFIXES[kind]}_`;
    for (const b of bytes) out += ALPHABET[b & 31];
    return out;
  };
}

/**
 * Ids for a bulk write (an import): each kind's first id comes from `ids`, and the ones after it
 * keep the last seven of its random characters and count up in five more. Still unique across
 * instances (a run's prefix is random; a run rolls to a fresh prefix after 32^5 ids), but one
 * run's ids sort next to each other, so a million inserts append to the primary-key index
 * instead of splitting pages all over it, and no random bytes are drawn per row.
 */
export function runIds(ids: IdGenerator): IdGenerator {
  const runs = new Map<IdKind, { prefix: string; n: number }>();
  const WIDTH = 5;
  const LIMIT = 32 ** WIDTH;
  return (kind) => {
    let run = runs.get(kind);
    if (!run || run.n >= LIMIT) {
      const first = ids(kind);
      run = { prefix: `${ID_PREFIXES[kind]}_${first.slice(-(12 - WIDTH))}`, n: 0 };
      runs.set(kind, run);
    }
    let n = run.n++;
    let tail = '';
    for (let i = 0; i < WIDTH; i++) {
      tail = ALPHABET[n & 31]! + tail;
      n >>>= 5;
    }
    return run.prefix + tail;
  };
}
