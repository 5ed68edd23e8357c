import { describe, expect, it } from 'vitest';
import { segmentNotes, splitSentences } from './segment.ts';

const names = (n: string) => (n === 'sarah' ? 'theirs' : n === 'mark' ? 'ours' : null);

describe('splitSentences', () => {
  it.each([
    ['One. Two! Three? Four', ['One.', 'Two!', 'Three?', 'Four']],
    ['Send it by Dec. 4 please. Then chase.', ['Send it by Dec. 4 please.', 'Then chase.']],
    [
      'Tools e.g. Gong and Clari. Budget approx. 3 weeks out.',
      ['Tools e.g. Gong and Clari.', 'Budget approx. 3 weeks out.'],
    ],
    ['Pricing is 1.5x the incumbent. Fine.', ['Pricing is 1.5x the incumbent.', 'Fine.']],
    ['Legal is slow; I will chase them', ['Legal is slow', 'I will chase them']],
    [
      'They asked about SSO — need to check with product',
      ['They asked about SSO', 'need to check with product'],
    ],
  ])('%j', (line, expected) => {
    expect(splitSentences(line)).toEqual(expected);
  });
});

describe('segmentNotes', () => {
  it('reads labels, sections, bullets and a title line', () => {
    const notes = [
      'Acme – demo #2 (Tue)',
      'AI: send the deck',
      'Sarah: loves the reporting',
      '- AI: Mark – update the ROI model',
      '',
      'Them:',
      '- intro to CFO',
      '* confirm seats',
      '',
      'Open questions:',
      '1. do they need SSO',
      '',
      'Plain prose line.',
    ].join('\n');
    const segs = segmentNotes(notes, names).map((s) => [s.text, s.role, s.side]);
    expect(segs).toEqual([
      ['send the deck', 'action', null],
      ['loves the reporting', null, 'theirs'],
      ['update the ROI model', 'action', 'ours'],
      ['intro to CFO', 'action', 'theirs'],
      ['confirm seats', 'action', 'theirs'],
      ['do they need SSO', 'question', null],
      ['Plain prose line.', null, null],
    ]);
  });

  it('keeps the label in the sentence it reports', () => {
    const [seg] = segmentNotes('TODO: update the ROI model tomorrow', names);
    expect(seg).toMatchObject({
      sentence: 'TODO: update the ROI model tomorrow',
      text: 'update the ROI model tomorrow',
    });
  });
});
