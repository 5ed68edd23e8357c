import { describe, expect, it } from 'vitest';
import { extractCommitments } from '../../src/core/extraction/index.ts';
import type { ExtractedCommitment, ExtractionResult } from '../../src/core/extraction/index.ts';
import { loadContexts, loadNotes, loadSentences } from './corpus-data.ts';
import type { ExpectedCommitment, ExpectedStep } from './corpus-data.ts';

/*
 * Precision and recall of extraction over the labelled corpus in test/fixtures/notes. A proposed
 * commitment is correct when its side and due date (and time, where the label has one) match an
 * expected commitment of the same sentence or note that no other proposal has matched.
 */

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  misses: string[];
}

const newTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, misses: [] });

function matches(p: ExtractedCommitment, e: ExpectedCommitment): boolean {
  return (
    p.side === e.side &&
    p.due === e.due &&
    (e.time === undefined || p.dueTime === e.time) &&
    (e.text === undefined || p.text === e.text)
  );
}

function score(where: string, got: ExtractedCommitment[], want: ExpectedCommitment[], t: Tally) {
  const open = [...want];
  for (const p of got) {
    const i = open.findIndex((e) => matches(p, e));
    if (i >= 0) {
      open.splice(i, 1);
      t.tp++;
    } else {
      t.fp++;
      t.misses.push(
        `FP ${where}: ${p.side} ${p.due ?? 'null'}${p.dueTime ? ` ${p.dueTime}` : ''} "${p.text}" ← ${p.sentence}`,
      );
    }
  }
  for (const e of open) {
    t.fn++;
    t.misses.push(`FN ${where}: ${e.side} ${e.due ?? 'null'}${e.time ? ` ${e.time}` : ''}`);
  }
}

function stepMatches(got: ExtractionResult['nextStep'], want: ExpectedStep | null): boolean {
  if (want === null) return got === null;
  return got !== null && got.date === want.date && (want.time === null || got.time === want.time);
}

const precision = (t: Tally) => (t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp));
const recall = (t: Tally) => (t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn));
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function report(label: string, t: Tally): string {
  return `${label}: precision ${pct(precision(t))} (${t.tp}/${t.tp + t.fp}), recall ${pct(recall(t))} (${t.tp}/${t.tp + t.fn})`;
}

const contexts = loadContexts();
const sentences = loadSentences();
const notes = loadNotes();

describe('extraction corpus', () => {
  it('is big enough and labelled against known contexts', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(300);
    expect(notes.length).toBeGreaterThanOrEqual(30);
    for (const s of sentences) expect(contexts[s.ctx], s.text).toBeDefined();
    for (const n of notes) expect(contexts[n.ctx], n.id).toBeDefined();
  });

  it('finds the promises in single sentences (precision ≥ 95%, recall ≥ 90%)', () => {
    const t = newTally();
    const held = newTally();
    const byKind = new Map<string, Tally>();
    let steps = 0;
    let stepsRight = 0;
    for (const s of sentences) {
      const result = extractCommitments(s.text, contexts[s.ctx]!);
      const kindTally = byKind.get(s.kind) ?? newTally();
      byKind.set(s.kind, kindTally);
      score(`[${s.ctx}] ${s.text}`, result.commitments, s.expect, t);
      score(`[${s.ctx}] ${s.text}`, result.commitments, s.expect, kindTally);
      if (s.heldOut) score(s.text, result.commitments, s.expect, held);
      if (s.next) {
        steps++;
        if (stepMatches(result.nextStep, s.next)) stepsRight++;
        else t.misses.push(`STEP [${s.ctx}] ${s.text}: got ${JSON.stringify(result.nextStep)}`);
      }
    }
    const negatives = sentences.filter((s) => s.expect.length === 0).length;
    console.log(
      [
        report(`sentences (${sentences.length}, ${negatives} without a promise)`, t),
        `  ${report(`of which held out (${sentences.filter((s) => s.heldOut).length})`, held)}`,
        ...[...byKind].map(([kind, k]) =>
          kind === 'promise' ? `  ${report(kind, k)}` : `  ${kind}: ${k.fp} false proposals`,
        ),
        `  booked meetings read as the next step: ${stepsRight}/${steps}`,
        ...t.misses.map((m) => `  ${m}`),
      ].join('\n'),
    );
    expect(precision(t)).toBeGreaterThanOrEqual(0.95);
    expect(recall(t)).toBeGreaterThanOrEqual(0.9);
    expect(stepsRight / steps).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the promises in whole notes (precision ≥ 95%, recall ≥ 90%)', () => {
    const t = newTally();
    const held = newTally();
    let stepsRight = 0;
    for (const n of notes) {
      const result = extractCommitments(n.notes, contexts[n.ctx]!);
      score(n.id, result.commitments, n.expect, t);
      if (n.id.startsWith('h-')) score(n.id, result.commitments, n.expect, held);
      if (stepMatches(result.nextStep, n.next)) stepsRight++;
      else
        t.misses.push(
          `STEP ${n.id}: got ${JSON.stringify(result.nextStep)}, want ${JSON.stringify(n.next)}`,
        );
    }
    console.log(
      [
        report(`notes (${notes.length})`, t),
        `  ${report(`of which held out (${notes.filter((n) => n.id.startsWith('h-')).length})`, held)}`,
        `  next step right: ${stepsRight}/${notes.length}`,
        ...t.misses.map((m) => `  ${m}`),
      ].join('\n'),
    );
    expect(precision(t)).toBeGreaterThanOrEqual(0.95);
    expect(recall(t)).toBeGreaterThanOrEqual(0.9);
    expect(stepsRight / notes.length).toBeGreaterThanOrEqual(0.9);
  });

  /*
   * Issue 12: sales notes name holidays, meetings and action items in many ways, so the figure
   * that matters is on sentences the extractor was not tuned on. held-out-issue-12.jsonl was
   * written and committed before the fixes for issue 12; it is measured on its own and never
   * added to the corpus above. Run: npx vitest run test/extraction/corpus.test.ts
   */
  it('is measured on a held-out set written before tuning (issue 12)', () => {
    const heldOut = loadSentences('held-out-issue-12.jsonl');
    const t = newTally();
    let steps = 0;
    let stepsRight = 0;
    for (const s of heldOut) {
      expect(contexts[s.ctx], s.text).toBeDefined();
      const result = extractCommitments(s.text, contexts[s.ctx]!);
      score(`[${s.ctx}] ${s.text}`, result.commitments, s.expect, t);
      if (s.next) {
        steps++;
        if (stepMatches(result.nextStep, s.next)) stepsRight++;
        else t.misses.push(`STEP [${s.ctx}] ${s.text}: got ${JSON.stringify(result.nextStep)}`);
      }
    }
    console.log(
      [
        report(`held-out set of issue 12 (${heldOut.length} sentences)`, t),
        `  booked meetings read as the next step: ${stepsRight}/${steps}`,
        ...t.misses.map((m) => `  ${m}`),
      ].join('\n'),
    );
    expect(heldOut.length).toBeGreaterThanOrEqual(30);
  });
});
