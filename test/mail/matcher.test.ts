import { describe, expect, it } from 'vitest';
import { matchPromises } from '../../src/core/mail/match.ts';
import { splitBody } from '../../src/core/mail/quotes.ts';
import { stem, terms } from '../../src/core/mail/words.ts';

const pricing = { id: 'p1', side: 'ours' as const, text: 'send the pricing sheet' };
const usage = { id: 't1', side: 'theirs' as const, text: 'share usage data' };

function match(subject: string, text: string, attachmentNames: string[] = []) {
  return matchPromises({ subject, text, attachmentNames }, [pricing, usage], 'outgoing');
}

describe('splitting a body', () => {
  it('drops ">" quotes, "On … wrote:" (also wrapped), Outlook blocks and signatures', () => {
    expect(
      splitBody('Thanks!\n\nOn Tue, Dec 1, 2026 at 9:14 AM Sarah <s@a.example> wrote:\n> pricing')
        .own,
    ).toBe('Thanks!');
    expect(
      splitBody('Thanks!\nOn Tue, Dec 1, 2026 at 9:14 AM Sarah Chen\n<s@a.example> wrote:\n> x')
        .own,
    ).toBe('Thanks!');
    expect(
      splitBody('Sure.\n\nFrom: Sarah <s@a.example>\nSent: Monday\nTo: Alice\nSubject: x\n\nold')
        .own,
    ).toBe('Sure.');
    expect(splitBody('Sure.\n-----Original Message-----\nFrom: x').own).toBe('Sure.');
    expect(splitBody('Here it is.\n-- \nAlice | Pricing lead').own).toBe('Here it is.');
    expect(splitBody('Here it is.\nSent from my iPhone').own).toBe('Here it is.');
  });

  it('reads a forwarded message: its sender, recipients, subject and own body', () => {
    const s = splitBody(
      'FYI\n\n---------- Forwarded message ---------\nFrom: Alice Martin <alice@northwind.example>\nDate: Thu, Nov 26, 2026\nSubject: Pricing\nTo: Sarah Chen <sarah@acme.example>, tom@acme.example\nCc: Ken <ken@acme.example>\n\nHere is the pricing.\n\n> quoted old\n',
    );
    expect(s.own).toBe('FYI');
    expect(s.forwarded?.headers.from?.address).toBe('alice@northwind.example');
    expect(s.forwarded?.headers.to.map((a) => a.address)).toEqual([
      'sarah@acme.example',
      'tom@acme.example',
    ]);
    expect(s.forwarded?.headers.cc.map((a) => a.address)).toEqual(['ken@acme.example']);
    expect(s.forwarded?.headers.subject).toBe('Pricing');
    expect(s.forwarded?.own).toBe('Here is the pricing.');
  });

  it('treats an Outlook block as the forwarded message when the subject says Fw:', () => {
    const body =
      '________________________________\nFrom: Alice <alice@northwind.example>\nSent: Tuesday\nTo: Bob <bob@v.example>\nSubject: Pricing\n\nHere is the pricing.';
    expect(splitBody(body, false).forwarded).toBeNull();
    expect(splitBody(body, true).forwarded?.headers.to[0]?.address).toBe('bob@v.example');
  });
});

describe('words', () => {
  it('stems lightly and folds sales artefacts into synonym groups', () => {
    expect(stem('slides')).toBe(stem('slide'));
    expect(stem('booked')).toBe(stem('book'));
    expect(stem('migrating')).toBe(stem('migration'));
    const key = (t: string) => terms(t).map((x) => x.key);
    expect(key('quote')).toEqual(key('pricing sheet'));
    expect(key('MSA')).toEqual(key('order form'));
    expect(key('data processing agreement')).not.toEqual(key('agreement'));
    expect(key('our SOC2 report')).toContain(key('SOC 2')[0]);
  });
});

describe('matching one message', () => {
  it('is confident when the thing is attached, and says which words matched', () => {
    const [m] = match('Pricing', 'Hi Sarah, attached as promised.', ['Acme-Price-List.pdf']);
    expect(m).toMatchObject({ promiseId: 'p1', band: 'confident' });
    expect(m!.matched.join(' ')).toMatch(/pricing/i);
    expect(m!.reasons.join(' ')).toContain('Acme-Price-List.pdf');
  });

  it('is not confident when the message puts it off, even with the words', () => {
    const [m] = match('Update', 'Quick note: the pricing sheet will follow next week.');
    expect(m!.band).toBe('none');
    expect(m!.reasons.join(' ')).toMatch(/put off/);
  });

  it('never counts quoted history as evidence', () => {
    const [m] = match('Re: call', 'See you Monday.\n\n> Attached is the pricing sheet.');
    expect(m!.band).toBe('none');
  });

  it('only compares outgoing mail with ours and incoming with theirs', () => {
    const out = match('Usage', 'Attached our usage data.', ['usage.csv']);
    expect(out.map((m) => m.promiseId)).toEqual(['p1']);
    const inc = matchPromises(
      { subject: 'Usage', text: 'Attached our usage data.', attachmentNames: ['usage.csv'] },
      [pricing, usage],
      'incoming',
    );
    expect(inc).toEqual([expect.objectContaining({ promiseId: 't1', band: 'confident' })]);
  });

  it('is weak when the subject names it but nothing delivers it', () => {
    const [m] = match('Pricing sheet', 'Talk soon.');
    expect(m!.band).toBe('weak');
  });
});
