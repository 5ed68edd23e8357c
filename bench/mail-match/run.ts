/**
 * How well an e-mail is matched to the promise it keeps (issue 18; decision 019).
 *
 *   npm run bench:mail-match [-- --errors]   (--errors lists the tuning set's misses only)
 *
 * Every labelled case in test/fixtures/mail becomes a real message, is parsed by mailparser and
 * matched against its deal's promises. A "kept" proposal is a confident match; precision and
 * recall are over (message, promise) pairs, reported separately for the tuning set, the
 * held-out set written before tuning, and the audit set (32 outgoing messages written after
 * tuning, committed before they were first measured, never tuned on). Targets: precision >= 95%,
 * recall >= 85%.
 */
import { loadMailCases, runCase, score } from '../../test/support/mail-corpus.ts';
import type { Scores } from '../../test/support/mail-corpus.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function line(name: string, s: Scores): string {
  return (
    `${name.padEnd(10)} ${String(s.cases).padStart(4)} messages ${String(s.pairs).padStart(4)} pairs  ` +
    `precision ${pct(s.precision).padStart(6)} (${s.tp}/${s.tp + s.fp})  ` +
    `recall ${pct(s.recall).padStart(6)} (${s.tp}/${s.tp + s.fn})  ` +
    `weak: ${s.weakOnKept} kept, ${s.weakOnNotKept} not`
  );
}

const showErrors = process.argv.includes('--errors');
let failed = false;
for (const file of ['tuning.txt', 'held-out.txt', 'audit.txt'] as const) {
  const cases = loadMailCases(file);
  const results = [];
  for (const c of cases) results.push(await runCase(c));
  const s = score(results);
  console.log(line(file.replace('.txt', ''), s));
  if (showErrors && file === 'tuning.txt') for (const e of s.errors) console.log(`  ${e}`);
  if (s.precision < 0.95 || s.recall < 0.85) failed = true;
}
console.log(failed ? 'below target (precision >= 95%, recall >= 85%)' : 'targets met');
