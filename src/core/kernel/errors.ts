/**
 * Errors the domain raises. They carry a stable code; the HTTP layer maps codes to statuses and
 * the CLI maps them to exit codes, each in one place. The domain never knows about either.
 */
export type DomainErrorCode =
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'version-conflict'
  | 'precondition-required'
  | 'precondition-failed'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate-limited';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const invalid = (message: string, details?: Record<string, unknown>) =>
  new DomainError('validation', message, details);
export const notFound = (what: string, id: string) =>
  new DomainError('not-found', `No ${what} with id ${id} (or it is not visible to you).`, { id });
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', message, details);
export const forbidden = (message: string) => new DomainError('forbidden', message);

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Raised when a write was based on a version that is no longer current. */
export function staleVersion(entity: string, id: string, expected: number): DomainError {
  return new DomainError(
    'version-conflict',
    `The ${entity} ${id} changed since version ${expected}; reload it and try again.`,
    { id, expectedVersion: expected },
  );
}
