import { createRequire } from 'node:module';
import type * as Argon2 from '@node-rs/argon2';
import type { PasswordHasher } from '../core/auth/ports.ts';

export interface Argon2Parameters {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
  parallelism: number;
}

/** OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): about 15 ms per hash on one core
 * here, slow enough to make guessing costly and fast enough for a sign-in. */
export const ARGON2_PARAMETERS: Argon2Parameters = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

// @node-rs/argon2 declares its algorithms as a const enum, which erasable TypeScript cannot
// import; 2 is Argon2id.
const ARGON2ID = 2 as Argon2.Algorithm;

// The native addon loads on the first hash or check, not when the CLI starts.
const requireArgon2 = createRequire(import.meta.url);
const argon2 = (): typeof Argon2 => requireArgon2('@node-rs/argon2') as typeof Argon2;

/** Passwords are compared as Unicode NFC, so the same phrase typed on two keyboards matches. */
const prepare = (password: string) => password.normalize('NFC');

export function argon2Hasher(parameters: Argon2Parameters = ARGON2_PARAMETERS): PasswordHasher {
  const options = { ...parameters, algorithm: ARGON2ID };
  let dummy: Promise<string> | null = null;
  return {
    hash: (password) => argon2().hash(prepare(password), options),
    async verify(stored, password) {
      try {
        return await argon2().verify(stored, prepare(password));
      } catch {
        return false; // a malformed stored hash never signs anyone in
      }
    },
    needsRehash(stored) {
      try {
        const used = argon2().parseOptions(stored);
        return (
          used.algorithm !== ARGON2ID ||
          used.memoryCost !== parameters.memoryCost ||
          used.timeCost !== parameters.timeCost ||
          used.parallelism !== parameters.parallelism
        );
      } catch {
        return true;
      }
    },
    async burn(password) {
      dummy ??= argon2().hash('not a real password, only a timing twin', options);
      await argon2().verify(await dummy, prepare(password));
    },
  };
}
