import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/app/password-hasher.ts';
import { signIn } from '../../src/core/auth/flows/sign-in.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedWorkspace } from '../support/fixtures.ts';
import { TEST_PASSWORD } from '../support/http.ts';

describe('argon2id hashing', () => {
  const hasher = argon2Hasher();

  it('hashes with argon2id, 19 MiB, 2 passes, and a fresh salt each time', async () => {
    const a = await hasher.hash(TEST_PASSWORD);
    const b = await hasher.hash(TEST_PASSWORD);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await hasher.verify(a, TEST_PASSWORD)).toBe(true);
    expect(await hasher.verify(a, `${TEST_PASSWORD} `)).toBe(false);
    expect(await hasher.verify('not a hash', TEST_PASSWORD)).toBe(false);
  });

  it('compares passwords as Unicode NFC', async () => {
    const composed = 'caf\u00e9 au lait du matin';
    const decomposed = 'cafe\u0301 au lait du matin';
    expect(await hasher.verify(await hasher.hash(composed), decomposed)).toBe(true);
  });

  it.each([
    ['the current parameters', { memoryCost: 19_456, timeCost: 2, parallelism: 1 }, false],
    ['less memory', { memoryCost: 8_192, timeCost: 2, parallelism: 1 }, true],
    ['fewer passes', { memoryCost: 19_456, timeCost: 1, parallelism: 1 }, true],
    ['more lanes', { memoryCost: 19_456, timeCost: 2, parallelism: 2 }, true],
  ])('needs a rehash for a hash made with %s: %s', async (_case, parameters, expected) => {
    const old = await argon2Hasher(parameters).hash(TEST_PASSWORD);
    expect(hasher.needsRehash(old)).toBe(expected);
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`rehash at sign-in on ${dialect.name}`, () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await openTestContext(dialect.name);
    });
    afterAll(async () => t?.close());

    it('replaces a hash made with older parameters when the person signs in', async () => {
      const ws = await seedWorkspace(t.ctx, 'Rehash Co', 'rehash@example.com');
      const weak = await argon2Hasher({ memoryCost: 4_096, timeCost: 1, parallelism: 1 }).hash(
        TEST_PASSWORD,
      );
      await t.ctx.runner.transaction((tx) =>
        t.ctx.users.setPasswordHash(tx, ws.owner.userId, weak),
      );
      await signIn(t.ctx, { email: 'rehash@example.com', password: TEST_PASSWORD });
      const stored = await t.ctx.users.findPasswordHash(t.ctx.runner.executor, ws.owner.userId);
      expect(stored).not.toBe(weak);
      expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      // And the new hash still signs them in; nothing changes the second time.
      await signIn(t.ctx, { email: 'rehash@example.com', password: TEST_PASSWORD });
      expect(await t.ctx.users.findPasswordHash(t.ctx.runner.executor, ws.owner.userId)).toBe(
        stored,
      );
    });
  });
}
