import { Type, type TLiteral, type TUnion } from 'typebox';

/** A value or null: how the contract says "known to be absent". */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

/** A calendar day as text. */
export const DateText = Type.String({ description: 'YYYY-MM-DD, in the member’s zone' });

/**
 * A union of string literals from a list the core exports (e.g. `TOUCH_KINDS`): the same
 * `anyOf` schema as `Type.Union(list.map(Type.Literal))`, typed as the list's values rather than
 * `never`, so that presenters are checked against it.
 */
export const LiteralUnion = <const T extends readonly string[]>(
  values: T,
  options?: { description: string },
) =>
  (options
    ? Type.Union(
        values.map((v) => Type.Literal(v)),
        options,
      )
    : Type.Union(values.map((v) => Type.Literal(v)))) as unknown as TUnion<{
    -readonly [K in keyof T]: TLiteral<T[K]>;
  }>;
