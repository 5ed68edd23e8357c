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
  quota: 'qt',
  webhook: 'wh',
  outcome: 'oc',
  importJob: 'im',
  renegotiation: 'rn',
  digestPreference: 'dp',
  digestSend: 'dg',
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

/** Deterministic ids for tests: dl_000000000001, dl_000000000002, … */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return (kind) => `${ID_PREFIXES[kind]}_${String(++n).padStart(12, '0')}`;
}
