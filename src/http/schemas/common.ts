import { Type, type TSchema } from 'typebox';
import { DATE_IN_RANGE_PATTERN, EARLIEST_DATE, LATEST_DATE } from '../../core/time/dates.ts';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', additionalProperties: true },
);

export const IdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

const problemRef = Type.Ref('Problem');

/** Every route documents its error responses; this adds the common ones to its successes. */
export function withProblems<T extends Record<number, TSchema>>(success: T, ...statuses: number[]) {
  const out: Record<number, TSchema> = { ...success };
  for (const s of [400, 401, 404, 429, ...statuses]) out[s] = problemRef;
  return out;
}

export const IsoDateString = Type.String({
  pattern: DATE_IN_RANGE_PATTERN,
  description: `A calendar date, YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`,
});
