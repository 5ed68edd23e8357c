import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matchPromises } from '../../src/core/mail/match.ts';
import type { PromiseForMatching, PromiseMatch } from '../../src/core/mail/types.ts';
import { parseEml } from '../../src/app/mail/parse-eml.ts';
import type { ParsedMessage } from '../../src/app/mail/parse-eml.ts';

/*
 * The labelled e-mails of test/fixtures/mail (see its README): each case becomes a real RFC 5322
 * message, is parsed by mailparser, and is matched against its deal's promises.
 */

export interface MailCase {
  id: string;
  direction: 'outgoing' | 'incoming';
  promises: PromiseForMatching[];
  keeps: string[];
  headers: Record<string, string>;
  attachments: string[];
  html: boolean;
  body: string;
}

const DIR = fileURLToPath(new URL('../fixtures/mail/', import.meta.url));

export type MailCaseFile = 'held-out.txt' | 'tuning.txt' | 'audit.txt';

export function loadMailCases(file: MailCaseFile): MailCase[] {
  const text = readFileSync(`${DIR}${file}`, 'utf8');
  const chunks = text.split(/^=== /m).filter((c) => c.trim());
  return chunks.map((chunk) => {
    const [head, ...rest] = chunk.split(/^---$/m);
    const lines = head!.split('\n');
    const [id, dir] = lines[0]!.trim().split(/\s+/);
    const c: MailCase = {
      id: id!,
      direction: dir === 'in' ? 'incoming' : 'outgoing',
      promises: [],
      keeps: [],
      headers: {},
      attachments: [],
      html: false,
      body: rest.join('---').replace(/^\n/, '').replace(/\n+$/, '\n'),
    };
    for (const line of lines.slice(1)) {
      if (!line.trim()) continue;
      const p = /^promise (\S+) (ours|theirs): (.+)$/.exec(line);
      if (p) {
        c.promises.push({ id: p[1]!, side: p[2] as 'ours' | 'theirs', text: p[3]!.trim() });
        continue;
      }
      const h = /^([a-z]+):\s*(.*)$/.exec(line);
      if (!h) throw new Error(`${file} ${id}: cannot read "${line}"`);
      const [, key, value] = h as unknown as [string, string, string];
      if (key === 'keeps') c.keeps = value.trim() === '-' ? [] : value.trim().split(/\s+/);
      else if (key === 'attach') c.attachments = value.split(/,\s*/).filter(Boolean);
      else if (key === 'html') c.html = value.trim() === 'yes';
      else c.headers[key] = value.trim();
    }
    for (const k of c.keeps) {
      if (!c.promises.some((p) => p.id === k)) throw new Error(`${file} ${id}: keeps unknown ${k}`);
    }
    return c;
  });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The body as HTML: paragraphs, and ">" quoted lines as nested blockquotes. */
function toHtml(body: string): string {
  const out: string[] = ['<html><body>'];
  let depth = 0;
  for (const line of body.split('\n')) {
    const m = /^((?:>\s?)*)(.*)$/.exec(line)!;
    const d = (m[1]!.match(/>/g) ?? []).length;
    while (depth < d) {
      out.push('<blockquote>');
      depth++;
    }
    while (depth > d) {
      out.push('</blockquote>');
      depth--;
    }
    out.push(m[2]!.trim() ? `<div>${escapeHtml(m[2]!)}</div>` : '<br>');
  }
  while (depth-- > 0) out.push('</blockquote>');
  out.push('</body></html>');
  return out.join('\n');
}

function rfc2822(iso: string): string {
  // Keep the writer's own offset, as a mail client would.
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-]\d{2}):(\d{2})$/.exec(iso);
  if (!m) throw new Error(`bad date ${iso}`);
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    +m[2]! - 1
  ];
  return `${day}, ${+m[3]!} ${mon} ${m[1]} ${m[4]}:${m[5]}:${m[6]} ${m[7]}${m[8]}`;
}

/** One case as the raw message a mail client would have sent. */
export function toEml(c: MailCase): string {
  const h = c.headers;
  const boundary = `b_${c.id}_mixed`;
  const head = [
    `Message-ID: <${c.id}@corpus.northwind.example>`,
    `Date: ${rfc2822(h.date ?? '2026-11-26T09:00:00-05:00')}`,
    `From: ${h.from}`,
    `To: ${h.to}`,
    ...(h.cc ? [`Cc: ${h.cc}`] : []),
    `Subject: ${h.subject ?? ''}`,
    'MIME-Version: 1.0',
  ];
  const bodyPart = c.html
    ? [
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        toHtml(c.body),
      ]
    : ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', c.body];
  if (c.attachments.length === 0) return [...head, ...bodyPart].join('\r\n');
  const parts = [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    ...bodyPart,
  ];
  for (const name of c.attachments) {
    const content = Buffer.from(`placeholder content of ${name}\n`).toString('base64');
    parts.push(
      `--${boundary}`,
      `Content-Type: application/octet-stream; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      content,
    );
  }
  parts.push(`--${boundary}--`, '');
  return parts.join('\r\n');
}

export interface CaseResult {
  c: MailCase;
  message: ParsedMessage;
  matches: PromiseMatch[];
}

export async function runCase(c: MailCase): Promise<CaseResult> {
  const message = await parseEml(toEml(c));
  const matches = matchPromises(
    {
      subject: message.subject,
      text: message.text,
      attachmentNames: message.attachments.map((a) => a.name),
    },
    c.promises,
    c.direction,
  );
  return { c, message, matches };
}

export interface Scores {
  cases: number;
  pairs: number;
  tp: number;
  fp: number;
  fn: number;
  weakOnKept: number;
  weakOnNotKept: number;
  precision: number;
  recall: number;
  errors: string[];
}

/** Precision and recall of confident proposals over (message, promise) pairs. */
export function score(results: readonly CaseResult[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let pairs = 0;
  let weakOnKept = 0;
  let weakOnNotKept = 0;
  const errors: string[] = [];
  for (const r of results) {
    for (const m of r.matches) {
      pairs++;
      const kept = r.c.keeps.includes(m.promiseId);
      const proposed = m.band === 'confident';
      if (proposed && kept) tp++;
      else if (proposed) {
        fp++;
        errors.push(
          `FP ${r.c.id} ${m.promiseId} [${m.matched.join(', ')}] ${m.reasons.join(' | ')}`,
        );
      } else if (kept) {
        fn++;
        errors.push(
          `FN ${r.c.id} ${m.promiseId} ${m.band} ${m.score} [${m.matched.join(', ')}] missing [${m.missing.join(', ')}] ${m.reasons.join(' | ')}`,
        );
      }
      if (m.band === 'weak') {
        if (kept) weakOnKept++;
        else weakOnNotKept++;
      }
    }
  }
  return {
    cases: results.length,
    pairs,
    tp,
    fp,
    fn,
    weakOnKept,
    weakOnNotKept,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    errors,
  };
}
