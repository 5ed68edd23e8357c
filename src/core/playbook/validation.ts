import { invalid } from '../kernel/errors.ts';
import { requireName } from '../workspaces/validation.ts';
import type { Habit } from './ports.ts';

/** What a person writes to set the playbook: the habits in order. */
export interface HabitInput {
  id?: string;
  /** As written, or else made from the name. */
  key: string;
  /** False when the key was made from the name: a habit named by id then keeps its own. */
  keyGiven: boolean;
  name: string;
  /** Left out, an existing habit keeps its description. */
  description?: string;
}

export const MAX_HABITS = 30;
const KEY_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_KEY = 40;
const FIELDS = new Set(['id', 'key', 'name', 'description', 'position']);

/** A key is how a checklist names a habit on the command line ("--habit plan=done"). */
export function keyFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_KEY)
    .replace(/-+$/, '');
}

function field(value: unknown, path: string, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw invalid(`${path} is required.`);
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(`${path} must be text.`);
  return value;
}

/**
 * Reads a playbook as written in a file or a request: an array of habits, or `{ habits: [...] }`
 * (what `momentum playbook --json` prints), in order. Keys default to a slug of the name and
 * must be unique; unknown fields are refused rather than ignored.
 */
export function parsePlaybook(value: unknown): HabitInput[] {
  const list =
    value && typeof value === 'object' && !Array.isArray(value) && 'habits' in value
      ? (value as { habits: unknown }).habits
      : value;
  if (!Array.isArray(list)) {
    throw invalid('A playbook is a list of habits: [{ "name": "…", "description": "…" }, …].');
  }
  if (list.length === 0) throw invalid('A playbook needs at least one habit.');
  if (list.length > MAX_HABITS) throw invalid(`A playbook has at most ${MAX_HABITS} habits.`);
  return list.map((raw, i) => {
    const path = `habits[${i}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
      throw invalid(`${path} must be an object with a name.`);
    for (const k of Object.keys(raw)) {
      if (!FIELDS.has(k)) throw invalid(`${path} has an unknown field "${k}".`);
    }
    const r = raw as Record<string, unknown>;
    const name = requireName(field(r.name, `${path}.name`, true)!, `${path}.name`, 80);
    const description = requireDescription(field(r.description, `${path}.description`, false));
    const written = field(r.key, `${path}.key`, false)?.trim().toLowerCase() ?? '';
    const key = written || keyFromName(name);
    if (!KEY_RE.test(key) || key.length > MAX_KEY) {
      throw invalid(
        `${path}.key "${key}" must be lowercase letters, digits and dashes (e.g. "next-steps"), at most ${MAX_KEY} long.`,
      );
    }
    if (/^\d+$/.test(key))
      throw invalid(`${path}.key "${key}" must not be a number: numbers mean positions.`);
    const id = field(r.id, `${path}.id`, false)?.trim();
    return {
      ...(id && { id }),
      key,
      keyGiven: Boolean(written),
      name,
      ...(description !== undefined && { description }),
    };
  });
}

function requireDescription(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed.length > 300) throw invalid('A habit description is at most 300 characters.');
  return trimmed;
}

/**
 * Finds a habit by its position in the playbook ("2"), its key ("plan") or its id, as a call's
 * checklist and a lesson's tags name them.
 */
export function resolveHabit(habits: readonly Habit[], ref: string | number): Habit {
  const text = String(ref).trim().toLowerCase();
  const found = /^\d+$/.test(text)
    ? habits.find((h) => h.position === Number(text))
    : habits.find((h) => h.key === text || h.id === String(ref).trim());
  if (!found) {
    const keys = habits.map((h) => h.key).join(', ');
    throw invalid(
      `Unknown habit "${ref}": use its number (1–${habits.length}) or its key (${keys}).`,
    );
  }
  return found;
}

/**
 * A short fingerprint of the playbook as read (each habit's id and version, in order): a write
 * that names an older fingerprint is refused instead of overwriting someone else's change.
 */
export function playbookVersion(habits: readonly Pick<Habit, 'id' | 'version'>[]): string {
  let hash = 0x811c9dc5;
  for (const ch of habits.map((h) => `${h.id}:${h.version}`).join('|')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
