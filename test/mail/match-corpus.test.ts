import { describe, expect, it } from 'vitest';
import { loadMailCases, runCase, score, type MailCaseFile } from '../support/mail-corpus.ts';

/*
 * The promise matcher over the labelled e-mails of test/fixtures/mail (issue 18): each case is
 * built into a real message, parsed by mailparser and matched. The held-out set was committed
 * before the matcher was tuned, and is reported on its own.
 */

async function measure(file: MailCaseFile) {
  const results = [];
  for (const c of loadMailCases(file)) results.push(await runCase(c));
  return score(results);
}

describe('the e-mail promise matcher on the labelled set', () => {
  it('has at least 200 messages, 60 of them held out, with positives and hard negatives', () => {
    const tuning = loadMailCases('tuning.txt');
    const heldOut = loadMailCases('held-out.txt');
    const audit = loadMailCases('audit.txt');
    expect(tuning.length + heldOut.length).toBeGreaterThanOrEqual(200);
    expect(heldOut.length).toBeGreaterThanOrEqual(60);
    // The issue asks for 200 outgoing sales e-mails; the incoming ones come on top.
    const outgoing = [...tuning, ...heldOut, ...audit].filter((c) => c.direction === 'outgoing');
    expect(outgoing.length).toBeGreaterThanOrEqual(200);
    for (const set of [tuning, heldOut]) {
      expect(set.filter((c) => c.keeps.length === 0).length).toBeGreaterThan(set.length / 4);
      expect(set.filter((c) => c.direction === 'incoming').length).toBeGreaterThan(3);
      expect(
        set.filter((c) => /^(?:Re|Fwd?|RE|Fw):/.test(c.headers.subject ?? '')).length,
      ).toBeGreaterThan(10);
    }
  });

  it('reaches 95% precision and 85% recall on the tuning set', async () => {
    const s = await measure('tuning.txt');
    expect(s.precision, s.errors.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(s.recall, s.errors.join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('reaches 95% precision and 85% recall on the held-out set', async () => {
    const s = await measure('held-out.txt');
    expect(s.precision, s.errors.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(s.recall, s.errors.join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('reaches 95% precision and 85% recall on the audit set', async () => {
    const s = await measure('audit.txt');
    expect(s.precision, s.errors.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(s.recall, s.errors.join('\n')).toBeGreaterThanOrEqual(0.85);
  });
});
