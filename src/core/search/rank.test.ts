import { describe, expect, it } from 'vitest';
import { fold, queryTokens } from './fold.ts';
import { rankCandidates, scoreCandidate, type SearchCandidate } from './rank.ts';

const account = (id: string, name: string, domain: string | null = null): SearchCandidate => ({
  kind: 'account',
  id,
  primary: name,
  secondary: [domain],
});
const contact = (id: string, name: string, ...more: (string | null)[]): SearchCandidate => ({
  kind: 'contact',
  id,
  primary: name,
  secondary: more,
});

describe('fold', () => {
  it('drops case and accents, including letters with no decomposition', () => {
    expect(fold('Zoë ÅNGSTRÖM')).toBe('zoe angstrom');
    expect(fold('Łódź Søren Đorđe')).toBe('lodz soren dorde');
    expect(fold('Ｆｕｌｌ width')).toBe('full width');
  });
  it('splits a query into words, keeping e-mail addresses whole', () => {
    expect(queryTokens("  O'Brien, José ")).toEqual(['o', 'brien', 'jose']);
    expect(queryTokens('zoe@acme.io')).toEqual(['zoe@acme.io']);
    expect(queryTokens('%_')).toEqual([]);
  });
});

describe('scoreCandidate and rankCandidates', () => {
  it('orders the exact name, then a prefix, then a later word, then inside a word', () => {
    const list = [
      account('a4', 'Megacme'),
      account('a3', 'Big Acme'),
      account('a2', 'Acme Robotics'),
      account('a1', 'Acme'),
    ];
    expect(rankCandidates(list, 'acme', 10).map((r) => r.candidate.id)).toEqual([
      'a1',
      'a2',
      'a3',
      'a4',
    ]);
  });

  it('finds by a secondary text at a lower score than by the name', () => {
    const byName = scoreCandidate(contact('c1', 'Acme Person'), 'acme');
    const byEmail = scoreCandidate(contact('c2', 'Ann Lee', 'ann@acme.io'), 'acme');
    expect(byEmail).toBeGreaterThan(0);
    expect(byName).toBeGreaterThan(byEmail);
  });

  it('requires every word, in any field, and ignores accents on both sides', () => {
    const zoe = contact('c1', 'Zoë Ångström', 'Head of Ops', 'Acme Robotics');
    expect(scoreCandidate(zoe, 'ZOE acme')).toBeGreaterThan(0);
    expect(scoreCandidate(zoe, 'angstrom')).toBeGreaterThan(0);
    expect(scoreCandidate(zoe, 'zoe globex')).toBe(0);
    expect(scoreCandidate(contact('c2', 'Zoe Angstrom'), 'Zoë Ångström')).toBe(
      scoreCandidate(contact('c3', 'Zoë Ångström'), 'zoe angstrom'),
    );
  });

  it('breaks ties by the shorter name, then alphabetically, and honours the limit', () => {
    const list = [account('b', 'Acme Beta'), account('a', 'Acme Alpha'), account('c', 'Acme Co')];
    const ranked = rankCandidates(list, 'acme', 2).map((r) => r.candidate.primary);
    expect(ranked).toEqual(['Acme Co', 'Acme Beta']);
  });

  it('drops what does not match at all', () => {
    expect(rankCandidates([account('x', 'Globex')], 'acme', 5)).toEqual([]);
  });
});
