import { parseIsoDate, type IsoDate } from '../time/dates.ts';
import { invalid } from '../kernel/errors.ts';

export type PlanSide = 'ours' | 'theirs';
export const MILESTONE_STATES = ['open', 'done', 'dropped'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

/** One step of the mutual action plan: who does it, by when, and whether it happened. */
export interface Milestone {
  id: string;
  title: string;
  side: PlanSide;
  date: IsoDate | null;
  state: MilestoneState;
}

/** Someone in the customer's decision (or on our side of it), and their part in it. */
export interface PlanPerson {
  name: string;
  role: string;
  side: PlanSide;
}

/** A deal's plan (habit 2): made before the call, changed after every call. */
export interface PlanDocument {
  objective: string;
  decisionProcess: string;
  people: PlanPerson[];
  milestones: Milestone[];
  risks: string[];
}

export const EMPTY_PLAN: PlanDocument = {
  objective: '',
  decisionProcess: '',
  people: [],
  milestones: [],
  risks: [],
};

const LIMITS = {
  objective: 2_000,
  decisionProcess: 4_000,
  people: 50,
  milestones: 100,
  risks: 50,
  text: 500,
};
const ID_RE = /^[A-Za-z0-9_-]{1,40}$/;
const DOC_FIELDS = new Set(['objective', 'decisionProcess', 'people', 'milestones', 'risks']);
const MILESTONE_FIELDS = new Set(['id', 'title', 'side', 'date', 'state']);
const PERSON_FIELDS = new Set(['name', 'role', 'side']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function refuseUnknown(value: Record<string, unknown>, allowed: Set<string>, path: string) {
  for (const k of Object.keys(value)) {
    if (!allowed.has(k)) {
      throw invalid(`${path} has an unknown field "${k}" (expected ${[...allowed].join(', ')}).`);
    }
  }
}

function text(value: unknown, path: string, max: number, required = false): string {
  if (value === undefined || value === null) {
    if (required) throw invalid(`${path} is required.`);
    return '';
  }
  if (typeof value !== 'string') throw invalid(`${path} must be text.`);
  const trimmed = value.trim();
  if (required && !trimmed) throw invalid(`${path} must not be empty.`);
  if (trimmed.length > max) throw invalid(`${path} is longer than ${max} characters.`);
  return trimmed;
}

function side(value: unknown, path: string, fallback: PlanSide): PlanSide {
  if (value === undefined || value === null) return fallback;
  if (value !== 'ours' && value !== 'theirs')
    throw invalid(`${path} must be "ours" or "theirs", got ${JSON.stringify(value)}.`);
  return value;
}

function list(value: unknown, path: string, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(`${path} must be a list.`);
  if (value.length > max) throw invalid(`${path} has more than ${max} entries.`);
  return value;
}

function milestoneDate(value: unknown, path: string): IsoDate | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw invalid(`${path} must be a date like 2026-12-01.`);
  return parseIsoDate(value, path).toString();
}

function milestoneState(value: unknown, path: string): MilestoneState {
  if (value === undefined || value === null) return 'open';
  if (!(MILESTONE_STATES as readonly unknown[]).includes(value)) {
    throw invalid(
      `${path} must be one of ${MILESTONE_STATES.join(', ')}, got ${JSON.stringify(value)}.`,
    );
  }
  return value as MilestoneState;
}

/** The next free generated id ("m4" after m1..m3), so that ids stay short and readable. */
export function nextMilestoneId(taken: Iterable<string>): string {
  let n = 0;
  for (const id of taken) {
    const m = /^m(\d+)$/.exec(id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `m${n + 1}`;
}

/**
 * Validates a plan as written by a person (a file, a request body) and fills what may be left
 * out: side defaults to ours, state to open, date to none. A milestone written without an id is
 * taken to be the milestone of the same title in `base` (so rewriting a file by hand keeps the
 * history of each milestone), or else gets a new id.
 */
export function parsePlanDocument(value: unknown, base: PlanDocument | null = null): PlanDocument {
  if (!isRecord(value)) {
    throw invalid(
      'A plan is a JSON object: { "objective", "decisionProcess", "people", "milestones", "risks" }.',
    );
  }
  refuseUnknown(value, DOC_FIELDS, 'The plan');
  const people = list(value.people, 'people', LIMITS.people).map((p, i) => {
    const path = `people[${i}]`;
    if (typeof p === 'string')
      return { name: text(p, path, 200, true), role: '', side: 'theirs' as const };
    if (!isRecord(p)) throw invalid(`${path} must be a name or { "name", "role", "side" }.`);
    refuseUnknown(p, PERSON_FIELDS, path);
    return {
      name: text(p.name, `${path}.name`, 200, true),
      role: text(p.role, `${path}.role`, 200),
      side: side(p.side, `${path}.side`, 'theirs'),
    };
  });
  const risks = list(value.risks, 'risks', LIMITS.risks).map((r, i) =>
    text(r, `risks[${i}]`, LIMITS.text, true),
  );

  const raw = list(value.milestones, 'milestones', LIMITS.milestones).map((m, i) => {
    const path = `milestones[${i}]`;
    if (!isRecord(m)) throw invalid(`${path} must be an object with a title.`);
    refuseUnknown(m, MILESTONE_FIELDS, path);
    let id: string | null = null;
    if (m.id !== undefined && m.id !== null) {
      if (typeof m.id !== 'string' || !ID_RE.test(m.id))
        throw invalid(`${path}.id must be 1–40 letters, digits, "-" or "_".`);
      id = m.id;
    }
    return {
      id,
      title: text(m.title, `${path}.title`, 200, true),
      side: side(m.side, `${path}.side`, 'ours'),
      date: milestoneDate(m.date, `${path}.date`),
      state: milestoneState(m.state, `${path}.state`),
    };
  });
  const given = new Set<string>();
  for (const [i, m] of raw.entries()) {
    if (!m.id) continue;
    if (given.has(m.id)) throw invalid(`milestones[${i}].id "${m.id}" is used twice.`);
    given.add(m.id);
  }
  // Ids come from the base by title first, then fresh ones, never reusing one already in use.
  const unclaimed = (base?.milestones ?? []).filter((b) => !given.has(b.id));
  const taken = new Set([...given, ...(base?.milestones ?? []).map((b) => b.id)]);
  const milestones: Milestone[] = raw.map((m) => {
    if (m.id) return { ...m, id: m.id };
    const key = m.title.toLowerCase();
    const twin = unclaimed.findIndex((b) => b.title.toLowerCase() === key);
    let id: string;
    if (twin >= 0) {
      id = unclaimed[twin]!.id;
      unclaimed.splice(twin, 1);
    } else {
      id = nextMilestoneId(taken);
    }
    taken.add(id);
    return { ...m, id };
  });

  return {
    objective: text(value.objective, 'objective', LIMITS.objective),
    decisionProcess: text(value.decisionProcess, 'decisionProcess', LIMITS.decisionProcess),
    people,
    milestones,
    risks,
  };
}
