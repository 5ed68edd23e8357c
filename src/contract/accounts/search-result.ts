import { Type, type Static } from 'typebox';
import type { SearchHit } from '../../core/accounts/address-book.ts';
import { Nullable } from '../shared.ts';

export const SearchResultView = Type.Object(
  {
    kind: Type.Union([Type.Literal('deal'), Type.Literal('account'), Type.Literal('contact')]),
    id: Type.String(),
    title: Type.String(),
    detail: Nullable(Type.String()),
    accountId: Nullable(Type.String()),
    accountName: Nullable(Type.String()),
    score: Type.Number(),
  },
  { $id: 'SearchResult' },
);

export function presentSearchHit(h: SearchHit): Static<typeof SearchResultView> {
  return {
    kind: h.kind,
    id: h.id,
    title: h.primary,
    detail: h.detail,
    accountId: h.accountId,
    accountName: h.accountName,
    score: h.score,
  };
}
