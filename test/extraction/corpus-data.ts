import { readFileSync } from 'node:fs';
import type { ExtractionContext, Side } from '../../src/core/extraction/index.ts';

/** Loads the labelled notes corpus in test/fixtures/notes (also used by bench/extract). */

export interface ExpectedCommitment {
  side: Side;
  due: string | null;
  time?: string;
  /** What the proposal should say, where the words matter ("draft the MSA", not "Ann to…"). */
  text?: string;
}

export interface ExpectedStep {
  date: string | null;
  time: string | null;
}

export interface LabelledSentence {
  ctx: string;
  kind: string;
  text: string;
  expect: ExpectedCommitment[];
  next?: ExpectedStep;
  /** Written and labelled after the extractor was tuned, to measure it on text it has not seen. */
  heldOut?: boolean;
}

export interface LabelledNote {
  id: string;
  ctx: string;
  notes: string;
  expect: ExpectedCommitment[];
  next: ExpectedStep | null;
}

const dir = new URL('../fixtures/notes/', import.meta.url);

export function loadContexts(): Record<string, ExtractionContext> {
  const raw = JSON.parse(readFileSync(new URL('contexts.json', dir), 'utf8')) as Record<
    string,
    ExtractionContext & { about?: string }
  >;
  const out: Record<string, ExtractionContext> = {};
  for (const [name, { about: _about, ...ctx }] of Object.entries(raw)) out[name] = ctx;
  return out;
}

/** `sentences.jsonl` (the corpus the extractor was tuned on), or another labelled set in the same
 * form, such as a held-out set. */
export function loadSentences(file = 'sentences.jsonl'): LabelledSentence[] {
  return readFileSync(new URL(file, dir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledSentence);
}

function parseExpectLine(line: string): ExpectedCommitment | ExpectedStep {
  const [first, date, time] = line.trim().split(/\s+/);
  const due = date === 'null' || date === undefined ? null : date;
  if (first === 'next') return { date: due, time: time ?? null };
  if (first !== 'ours' && first !== 'theirs') throw new Error(`Bad expect line: ${line}`);
  return time === undefined ? { side: first, due } : { side: first, due, time };
}

export function loadNotes(): LabelledNote[] {
  const text = readFileSync(new URL('notes.txt', dir), 'utf8');
  const notes: LabelledNote[] = [];
  for (const block of text.split(/^=== /m).slice(1)) {
    const [header, ...rest] = block.split('\n');
    const [id, ctx] = header!.split('|').map((s) => s.trim());
    const body = rest.join('\n');
    const at = body.indexOf('\n--- expect');
    if (at === -1) throw new Error(`Note ${id} has no "--- expect" section`);
    const expect: ExpectedCommitment[] = [];
    let next: ExpectedStep | null = null;
    for (const line of body.slice(at + '\n--- expect'.length).split('\n')) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      const parsed = parseExpectLine(line);
      if ('side' in parsed) expect.push(parsed);
      else next = parsed;
    }
    notes.push({ id: id!, ctx: ctx!, notes: body.slice(0, at).trim(), expect, next });
  }
  return notes;
}
