/**
 * Extraction throughput: ~200-word call notes per second on one core, against chrono-node alone
 * parsing the same texts in the same run (docs/rules.md#performance-targets: at least 1,000 notes/s).
 *
 *   npx tsx bench/extract/run.ts [--notes 2000] [--seconds 3]
 *
 * Two sets of ~200-word notes are assembled from the labelled corpus in test/fixtures/notes,
 * seeded so every run measures the same texts:
 *   - notes:  whole labelled call notes joined until each reaches ~200 words. This is the
 *             headline figure the target applies to.
 *   - dense:  single labelled sentences joined the same way; two thirds of them are promises,
 *             so a note holds about a dozen commitments. A stress case, reported alongside.
 * Node runs this on one thread. Rates are given per CPU-second of this process (what one core
 * does, even when other work shares the machine) and per wall-clock second.
 */
import * as chrono from 'chrono-node';
import { extractCommitments } from '../../src/core/extraction/index.ts';
import type { ExtractionContext } from '../../src/core/extraction/index.ts';
import { loadContexts, loadNotes, loadSentences } from '../../test/extraction/corpus-data.ts';

const TARGET_NOTES_PER_SECOND = 1000;
const WORDS_PER_NOTE = 200;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Mulberry32: a small seeded generator, so the notes are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

interface BenchNote {
  text: string;
  context: ExtractionContext;
  ref: Date;
}

interface Piece {
  ctx: string;
  text: string;
}

/** The call's wall-clock reading as a local Date, which is how chrono takes a reference. */
function localRef(at: string): Date {
  return new Date(
    Number(at.slice(0, 4)),
    Number(at.slice(5, 7)) - 1,
    Number(at.slice(8, 10)),
    Number(at.slice(11, 13)),
    Number(at.slice(14, 16)),
  );
}

function assemble(pieces: Piece[], count: number, seed: number): BenchNote[] {
  const contexts = loadContexts();
  const random = seeded(seed);
  const pick = () => pieces[Math.floor(random() * pieces.length)]!;
  const notes: BenchNote[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick();
    const lines: string[] = [];
    let total = 0;
    for (let piece = first; total < WORDS_PER_NOTE; piece = pick()) {
      for (const line of piece.text.split('\n')) {
        if (total >= WORDS_PER_NOTE) break;
        lines.push(line);
        total += words(line);
      }
    }
    const context = contexts[first.ctx]!;
    notes.push({ text: lines.join('\n'), context, ref: localRef(context.at) });
  }
  return notes;
}

interface Rate {
  /** Notes per second of wall-clock time. */
  wall: number;
  /** Notes per second of this process's CPU time: what one core does, even on a busy machine. */
  cpu: number;
}

/** Runs fn over the notes, round after round, for at least `seconds`. */
function measure(notes: BenchNote[], seconds: number, fn: (n: BenchNote) => unknown): Rate {
  let done = 0;
  let sink = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (const n of notes) {
      if (fn(n) !== undefined) sink++;
    }
    done += notes.length;
    elapsed = performance.now() - start;
  }
  const cpu = process.cpuUsage(cpuStart);
  if (sink < 0) console.log(sink);
  return { wall: done / (elapsed / 1000), cpu: done / ((cpu.user + cpu.system) / 1e6) };
}

const ours = (n: BenchNote) => extractCommitments(n.text, n.context);
const chronoOnly = (n: BenchNote) => chrono.parse(n.text, n.ref);

interface SetResult {
  name: string;
  notes: BenchNote[];
  ours: Rate;
  chrono: Rate;
  perNote: number;
}

function run(name: string, notes: BenchNote[], seconds: number): SetResult {
  // Warm both up so the JIT and the holiday caches are settled before timing.
  measure(notes, 0.5, ours);
  measure(notes, 0.5, chronoOnly);
  const oursRate = measure(notes, seconds, ours);
  const chronoRate = measure(notes, seconds, chronoOnly);
  let found = 0;
  for (const n of notes) found += ours(n).commitments.length;
  return { name, notes, ours: oursRate, chrono: chronoRate, perNote: found / notes.length };
}

const count = arg('notes', 2000);
const seconds = arg('seconds', 3);
const realistic = assemble(
  loadNotes().map((n) => ({ ctx: n.ctx, text: n.notes })),
  count,
  20261124,
);
const dense = assemble(
  loadSentences().map((s) => ({ ctx: s.ctx, text: s.text })),
  count,
  20261125,
);

const results = [run('notes', realistic, seconds), run('dense', dense, seconds)];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `Extraction benchmark: one core (Node ${process.version}, single thread), ${count} notes per set`,
);
for (const r of results) {
  const avg = r.notes.reduce((a, n) => a + words(n.text), 0) / r.notes.length;
  console.log(
    `\n[${r.name}] ${avg.toFixed(0)} words per note on average, ${r.perNote.toFixed(1)} commitments proposed per note`,
  );
  console.log(
    `  extractCommitments : ${fmt(r.ours.cpu).padStart(6)} notes/s per CPU-second (${(1000 / r.ours.cpu).toFixed(3)} ms/note); ${fmt(r.ours.wall)} notes/s wall-clock`,
  );
  console.log(
    `  chrono.parse alone : ${fmt(r.chrono.cpu).padStart(6)} notes/s per CPU-second (${(1000 / r.chrono.cpu).toFixed(3)} ms/note); ${fmt(r.chrono.wall)} notes/s wall-clock`,
  );
  console.log(
    `  ratio              : ${(r.ours.cpu / r.chrono.cpu).toFixed(2)}× chrono-node alone (CPU time; ${(r.ours.wall / r.chrono.wall).toFixed(2)}× wall-clock)`,
  );
}
const headline = results[0]!.ours.cpu;
const stress = results[1]!.ours.cpu;
console.log(
  `\nTarget ≥ ${fmt(TARGET_NOTES_PER_SECOND)} notes/s on one core: notes ${fmt(headline)} … ${headline >= TARGET_NOTES_PER_SECOND ? 'PASS' : 'FAIL'}; dense ${fmt(stress)} … ${stress >= TARGET_NOTES_PER_SECOND ? 'PASS' : 'FAIL'}`,
);
