import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../src/core/auth/flows/api-tokens.ts';
import { DIALECTS, openTestContext, type TestContext } from '../support/dialects.ts';
import { seedMember, seedWorkspace } from '../support/fixtures.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`API token authentication on ${dialect.name}`, () => {
    let t: TestContext;
    beforeAll(async () => {
      t = await openTestContext(dialect.name, '2026-11-24T15:00:00Z');
    });
    afterAll(async () => t?.close());

    it('resolves the member and role, and records "last used" at most once a minute', async () => {
      const { workspace } = await seedWorkspace(t.ctx);
      const rep = await seedMember(t.ctx, workspace.id, 'rep@example.com', 'rep');
      const { token, secret } = await createApiToken(t.ctx, rep.actor, { name: 'script' });
      const hash = t.ctx.secrets.hashToken(secret);
      const lastUsed = async () =>
        (await listApiTokens(t.ctx, rep.actor)).find((x) => x.id === token.id)!.lastUsedAt;

      expect(await authenticateApiToken(t.ctx, hash)).toEqual({
        ...rep.actor,
        credentialId: token.id,
        scopes: ['read', 'write'],
      });
      expect(await lastUsed()).toBe('2026-11-24T15:00:00.000Z');
      t.clock.set('2026-11-24T15:00:59Z');
      await authenticateApiToken(t.ctx, hash);
      expect(await lastUsed()).toBe('2026-11-24T15:00:00.000Z');
      t.clock.set('2026-11-24T15:01:00Z');
      await authenticateApiToken(t.ctx, hash);
      expect(await lastUsed()).toBe('2026-11-24T15:01:00.000Z');

      await revokeApiToken(t.ctx, rep.actor, token.id);
      await expect(authenticateApiToken(t.ctx, hash)).rejects.toMatchObject({
        code: 'unauthenticated',
      });
      await expect(
        authenticateApiToken(t.ctx, t.ctx.secrets.hashToken('mtm_forged')),
      ).rejects.toMatchObject({ code: 'unauthenticated' });
    });

    it('refuses the token of a removed member', async () => {
      const { workspace } = await seedWorkspace(t.ctx, 'Second', 'second@example.com');
      const rep = await seedMember(t.ctx, workspace.id, 'gone@example.com', 'rep');
      const { secret } = await createApiToken(t.ctx, rep.actor, {});
      await t.ctx.store.db
        .updateTable('members')
        .set({ removed_at: '2026-11-24T16:00:00.000Z' })
        .where('id', '=', rep.member.id)
        .execute();
      await expect(
        authenticateApiToken(t.ctx, t.ctx.secrets.hashToken(secret)),
      ).rejects.toMatchObject({ code: 'unauthenticated' });
    });
  });
}
