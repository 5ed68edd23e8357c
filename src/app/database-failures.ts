/* What a driver error means (lost connection, full disk, lock timeout…), for the HTTP layer's
 * problem mapping: HTTP reaches storage only through the composition root (decision 020). */
export {
  classifyDatabaseError,
  type DatabaseFailure,
  type DatabaseFailureKind,
} from '../storage/connection/database-errors.ts';
