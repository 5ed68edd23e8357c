/*
 * Words as the matcher compares them: lower-cased, light-stemmed, and sales artefacts folded
 * into one group each, so "pricing sheet", "price list" and "quote" are the same thing to it.
 */

/**
 * Synonym groups for the artefacts and actions sales promises are about. A phrase is matched
 * before its words, longest first, so "data processing agreement" is a DPA, not a contract.
 * The first entry names the group in explanations.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  [
    'pricing',
    'price',
    'price list',
    'pricing sheet',
    'price sheet',
    'pricing page',
    'rate card',
    'quote',
    'quotation',
    'proposal',
    'pricing proposal',
    'commercial proposal',
    'commercials',
    'estimate',
    'cost breakdown',
    'costs',
    'cost',
  ],
  [
    'contract',
    'agreement',
    'msa',
    'master services agreement',
    'master service agreement',
    'master agreement',
    'order form',
    'paperwork',
    'subscription agreement',
    'terms and conditions',
    'redlines',
  ],
  ['sow', 'statement of work', 'scope of work'],
  ['dpa', 'data processing agreement', 'data processing addendum', 'data protection agreement'],
  [
    'nda',
    'non-disclosure agreement',
    'non disclosure agreement',
    'mutual nda',
    'confidentiality agreement',
  ],
  ['deck', 'slides', 'slide deck', 'presentation', 'pitch deck', 'slideshow'],
  ['case study', 'case studies', 'customer story', 'success story', 'customer stories'],
  ['reference', 'references', 'reference customer', 'reference call', 'referral customer'],
  [
    'security questionnaire',
    'questionnaire',
    'security review',
    'security assessment',
    'vendor assessment',
    'vendor security assessment',
    'vendor risk assessment',
    'caiq',
    'sig lite',
    'security answers',
    'infosec questionnaire',
  ],
  [
    'soc 2',
    'soc2',
    'soc ii',
    'soc 2 type ii',
    'soc 2 report',
    'soc report',
    'iso 27001',
    'iso certificate',
  ],
  ['pen test', 'pentest', 'penetration test', 'pen-test'],
  ['roi', 'roi model', 'roi calculator', 'business case', 'value assessment', 'tco', 'tco model'],
  ['recording', 'video', 'replay', 'recorded'],
  ['docs', 'documentation', 'api docs', 'api reference', 'developer guide', 'integration guide'],
  ['summary', 'recap', 'meeting notes', 'call notes', 'notes', 'follow-up notes', 'minutes'],
  ['introduce', 'intro', 'introduction', 'introducing', 'meet', 'loop in', 'looping in', 'connect'],
  ['book', 'schedule', 'invite', 'invitation', 'calendar invite', 'booked', 'scheduled'],
  ['sandbox', 'test environment', 'trial environment', 'poc environment', 'demo environment'],
  ['trial', 'pilot', 'poc', 'proof of concept'],
  ['roadmap', 'product roadmap'],
  ['plan', 'action plan', 'mutual action plan', 'project plan', 'rollout plan'],
  ['usage', 'usage data', 'usage numbers', 'usage report', 'usage stats', 'usage export'],
  ['requirements', 'requirement', 'requirements list', 'rfp', 'rfi', 'wishlist', 'wish list'],
  ['signed', 'countersigned', 'executed', 'signature', 'e-signed', 'signed copy'],
  ['checklist', 'check list'],
  [
    'w-9',
    'w9',
    'vendor form',
    'supplier form',
    'vendor forms',
    'vendor registration',
    'supplier onboarding',
    'vendor onboarding',
  ],
  ['invoice', 'bill', 'invoices'],
  ['po', 'purchase order'],
  ['login', 'logins', 'credentials'],
  ['faq', 'faqs'],
  ['extension', 'extend', 'extended', 'extending'],
];

/** Verbs and fillers that say nothing about what was promised. */
const STOP = new Set(
  (
    'a an the to of for and or with from on in at by over back up out along across about into ' +
    'our their them they us we i you your my me his her its it this that these those some any ' +
    'all both each every new updated latest final revised current full copy version written ' +
    'send sends sent sending share shares shared sharing get gets got getting give provide ' +
    'forward pass shoot email e-mail mail deliver follow following put together prepare draft ' +
    'make do will would can could should shall need needs let over also just then soon asap ' +
    'eod eow tomorrow today week monday tuesday wednesday thursday friday saturday sunday ' +
    'before after next end by as so there here please'
  ).split(/\s+/),
);

/** Words too common in sales mail to carry much weight on their own. */
const GENERIC = new Set(
  'call team demo customer customers company info information details detail list document doc file thing stuff question questions answer answers today yesterday meeting'.split(
    ' ',
  ),
);

/** A light stemmer: plurals, -ing, -ed, a trailing e; enough to meet "slides" and "slide". */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -3);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.length > 4 && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** Lower-case words, splitting file names ("Acme_ROI-model.xlsx") and camelCase too. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[’]/g, "'")
    .split(/[^a-z0-9'-]+|(?<=[a-z])-(?=\d)|_/)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter(Boolean);
}

interface GroupEntry {
  group: number;
  stems: string[];
}

const PHRASES: GroupEntry[] = SYNONYM_GROUPS.flatMap((variants, group) =>
  variants.map((v) => ({ group, stems: words(v).map(stem) })),
).sort((a, b) => b.stems.length - a.stems.length);

const PHRASES_BY_FIRST = new Map<string, GroupEntry[]>();
for (const p of PHRASES) {
  const first = p.stems[0]!;
  PHRASES_BY_FIRST.set(first, [...(PHRASES_BY_FIRST.get(first) ?? []), p]);
}

/** One comparable unit: a synonym group ("g:3") or a stemmed word, with what the text said. */
export interface Term {
  key: string;
  /** As written in the text. */
  surface: string;
  weight: number;
}

export function groupName(key: string): string {
  return SYNONYM_GROUPS[Number(key.slice(2))]![0]!;
}

/** Terms of a text: synonym phrases first (longest), then the remaining content words. */
export function terms(text: string, keepStopWords = false): Term[] {
  const raw = words(text);
  const stems = raw.map(stem);
  const out: Term[] = [];
  for (let i = 0; i < raw.length;) {
    const candidates = PHRASES_BY_FIRST.get(stems[i]!) ?? [];
    const hit = candidates.find((p) => p.stems.every((s, k) => stems[i + k] === s));
    if (hit) {
      out.push({
        key: `g:${hit.group}`,
        surface: raw.slice(i, i + hit.stems.length).join(' '),
        weight: 3,
      });
      i += hit.stems.length;
      continue;
    }
    const w = raw[i]!;
    if (keepStopWords || !STOP.has(w)) {
      const s = stems[i]!;
      const weight = /^\d+$/.test(w) ? 0.5 : GENERIC.has(w) || w.length <= 2 ? 0.5 : 1;
      if (!STOP.has(w)) out.push({ key: `w:${s}`, surface: w, weight });
    }
    i++;
  }
  return out;
}
