import type { Executor } from '../../core/kernel/transactions.ts';

/**
 * The deals whose momentum inputs a transaction changed (a touch, a promise, a next step, a plan
 * revision, the deal's stage or status, its stage's threshold). Whatever writes those rows (the
 * repositories, the importer) reports each deal here, and the store records the deals' momentum
 * for the day just before the transaction commits (see `Store.onMomentumInputs`): one mechanism,
 * so no use case has to remember that what it writes moves a score. A scan
 * (test/storage/momentum-inputs.test.ts) finds a module that writes an input table without it.
 * Decision 021.
 */
const changed = new WeakMap<Executor, Set<string>>();

export function momentumInputsChanged(ex: Executor, dealIds: Iterable<string>): void {
  let set = changed.get(ex);
  if (!set) changed.set(ex, (set = new Set()));
  for (const id of dealIds) set.add(id);
}

/** The deals reported on `ex` since the last call, forgotten once taken. */
export function takeMomentumChanges(ex: Executor): string[] {
  const set = changed.get(ex);
  if (!set || set.size === 0) return [];
  changed.delete(ex);
  return [...set];
}
