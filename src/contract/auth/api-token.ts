import { Type, type Static } from 'typebox';
import type { ApiToken } from '../../core/auth/ports.ts';

export const Scope = Type.Union(
  [Type.Literal('read'), Type.Literal('write'), Type.Literal('tokens')],
  {
    description: 'read: safe requests; write: changes; tokens: create and revoke API tokens',
  },
);

export const ApiTokenView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    createdAt: Type.String(),
    lastUsedAt: Type.Union([Type.String(), Type.Null()]),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
    scopes: Type.Array(Scope),
  },
  { $id: 'ApiToken' },
);

export const presentApiToken = (t: ApiToken): Static<typeof ApiTokenView> => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
  scopes: t.scopes,
});
