import type { Stage } from '../deals/types.ts';
import { invalid } from '../kernel/errors.ts';
import type { Member } from '../workspaces/types.ts';
import { DATE_ORDERS, type DateOrder } from './dates.ts';
import { outcomeOfLabel } from './sources/format.ts';

/*
 * How the source's stages, owners and currencies become the workspace's. Whatever the workspace
 * does not know yet is shown in a preview before anything is written; the mapping can be saved
 * to a JSON file (--map), edited, and used again:
 *
 *   { "stages": { "Contract Sent": "Proposal" },      // a stage name (created when missing)
 *     "owners": { "Olivia Owner": "olivia@acme.com" }, // a member's e-mail
 *     "currencies": { "€": "EUR" },
 *     "defaultCurrency": "USD",
 *     "dateOrders": { "deals.csv": "dmy" } }
 */
export interface ImportMapping {
  stages: Record<string, string>;
  owners: Record<string, string>;
  currencies: Record<string, string>;
  defaultCurrency: string;
  dateOrders: Record<string, DateOrder>;
}

export type StageAction = 'existing' | 'create';
export type OwnerAction = 'member' | 'default';
export type CurrencyAction = 'known' | 'new' | 'invalid';

export interface MappingPreview {
  stages: { value: string; stage: string; action: StageAction }[];
  owners: { value: string; email: string; action: OwnerAction }[];
  currencies: { value: string; currency: string | null; action: CurrencyAction }[];
}

/** The values a file's rows use, collected before anything is written. */
export interface FoundValues {
  stages: Set<string>;
  owners: Set<string>;
  currencies: Set<string>;
}

export const emptyFound = (): FoundValues => ({
  stages: new Set(),
  owners: new Set(),
  currencies: new Set(),
});

/** Enough distinct values for any real pipeline; a column with more is not a stage column. */
export const MAX_DISTINCT = 5_000;

const SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  CHF: 'CHF',
};
const ISO = /^[A-Z]{3}$/;

function stringRecord(value: unknown, field: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`The mapping's "${field}" must be an object of names to names.`);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string')
      throw invalid(`The mapping's "${field}"."${k}" must be a string, got ${JSON.stringify(v)}.`);
  }
  return { ...(value as Record<string, string>) };
}

/** Reads a saved mapping (the parsed JSON of a --map file or an API body). */
export function parseMapping(value: unknown): ImportMapping {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('A mapping must be a JSON object with "stages", "owners" and "currencies".');
  const v = value as Record<string, unknown>;
  const defaultCurrency = v.defaultCurrency === undefined ? 'USD' : v.defaultCurrency;
  if (typeof defaultCurrency !== 'string' || !ISO.test(defaultCurrency))
    throw invalid(`The mapping's "defaultCurrency" must be a code such as USD or EUR.`);
  const dateOrders = stringRecord(v.dateOrders, 'dateOrders');
  for (const [file, order] of Object.entries(dateOrders)) {
    if (!(DATE_ORDERS as readonly string[]).includes(order))
      throw invalid(`The mapping's date order for ${file} must be "mdy" or "dmy", got "${order}".`);
  }
  const currencies = stringRecord(v.currencies, 'currencies');
  for (const [from, to] of Object.entries(currencies)) {
    if (!ISO.test(to))
      throw invalid(
        `The mapping maps currency "${from}" to "${to}", which is not a code such as EUR.`,
      );
  }
  return {
    stages: stringRecord(v.stages, 'stages'),
    owners: stringRecord(v.owners, 'owners'),
    currencies,
    defaultCurrency,
    dateOrders: dateOrders as Record<string, DateOrder>,
  };
}

export const emptyMapping = (): ImportMapping => ({
  stages: {},
  owners: {},
  currencies: {},
  defaultCurrency: 'USD',
  dateOrders: {},
});

const key = (s: string) => s.trim().toLowerCase();

export interface Workspace {
  stages: readonly Stage[];
  members: readonly Member[];
  currencies: readonly string[];
}

/** Completes a saved mapping with a proposal for every value it does not cover yet, and says
 * what each value will become. */
export function planMapping(
  found: FoundValues,
  workspace: Workspace,
  saved: ImportMapping,
  defaultOwner: Member,
): { mapping: ImportMapping; preview: MappingPreview } {
  const mapping: ImportMapping = {
    ...saved,
    stages: { ...saved.stages },
    owners: { ...saved.owners },
    currencies: { ...saved.currencies },
  };
  const stageNames = new Map(workspace.stages.map((s) => [key(s.name), s.name]));
  const preview: MappingPreview = { stages: [], owners: [], currencies: [] };

  for (const value of [...found.stages].sort()) {
    if (outcomeOfLabel(value)) continue; // closing stages set won/lost, not a stage
    const target = mapping.stages[value] ?? stageNames.get(key(value)) ?? value;
    mapping.stages[value] = target;
    const existing = stageNames.has(key(target));
    if (!existing || saved.stages[value] !== undefined || key(target) !== key(value))
      preview.stages.push({ value, stage: target, action: existing ? 'existing' : 'create' });
    if (!existing) stageNames.set(key(target), target);
  }

  const active = workspace.members.filter((m) => !m.removedAt);
  for (const value of [...found.owners].sort()) {
    const byEmail = (email: string) => active.find((m) => m.email === key(email));
    const mapped = mapping.owners[value] ? byEmail(mapping.owners[value]) : undefined;
    if (mapping.owners[value] && !mapped)
      throw invalid(
        `The mapping gives owner "${value}" to ${mapping.owners[value]}, who is not a member of this workspace.`,
      );
    const member = mapped ?? byEmail(value) ?? active.find((m) => key(m.name) === key(value));
    const chosen = member ?? defaultOwner;
    mapping.owners[value] = chosen.email;
    if (
      !member ||
      saved.owners[value] !== undefined ||
      (key(member.email) !== key(value) && key(member.name) !== key(value))
    )
      preview.owners.push({ value, email: chosen.email, action: member ? 'member' : 'default' });
  }

  const known = new Set(workspace.currencies);
  for (const value of [...found.currencies].sort()) {
    const target =
      mapping.currencies[value] ??
      SYMBOLS[value] ??
      (ISO.test(value.toUpperCase()) ? value.toUpperCase() : null);
    if (target && target !== value) mapping.currencies[value] = target;
    const action: CurrencyAction = !target ? 'invalid' : known.has(target) ? 'known' : 'new';
    if (action !== 'known') preview.currencies.push({ value, currency: target, action });
  }
  return { mapping, preview };
}
