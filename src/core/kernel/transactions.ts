declare const executorBrand: unique symbol;

/**
 * A handle on the database (or on an open transaction) that the domain passes to repositories
 * without knowing what it is. Storage creates it; use cases only move it around.
 */
export interface Executor {
  readonly [executorBrand]: true;
}

/** Use cases own their transactions: everything inside `fn` commits or rolls back together. */
export interface TransactionRunner {
  readonly executor: Executor;
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
}
