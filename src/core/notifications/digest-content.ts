import type { MarchReport } from '../march/march-report.ts';
import type { AgendaItem, TodayAgenda } from '../today/types.ts';

/** What one digest e-mail says, in both parts. */
export interface DigestContent {
  subject: string;
  text: string;
  html: string;
}

export interface DigestLinks {
  /** The app's base URL, no trailing slash. */
  publicUrl: string;
  /** The one-click unsubscribe page (GET shows it, POST does it). */
  unsubscribeUrl: string;
}

/** Everything that goes into HTML text or attributes is escaped: a deal named `<script>` is
 * shown as text. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function dealUrl(links: DigestLinks, dealId: string): string {
  return `${links.publicUrl}/deals/${encodeURIComponent(dealId)}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Late: a promise past its due date (ours to deliver or theirs to chase). */
function isLate(item: AgendaItem, date: string): boolean {
  return item.due !== null && item.due < date && (item.kind === 'deliver' || item.kind === 'chase');
}

interface Section {
  title: string;
  items: AgendaItem[];
  empty: string;
}

/**
 * The daily digest (docs/rules.md#notifications): today's items with their reasons, what is late,
 * the neglected deals, the march so far, and links into the app.
 */
export function composeDigest(
  agenda: TodayAgenda,
  march: MarchReport,
  links: DigestLinks,
  workspaceName: string,
): DigestContent {
  const date = agenda.date;
  const late = agenda.items.filter((i) => isLate(i, date));
  const neglected = agenda.items.filter((i) => i.kind === 'revive');
  const sections: Section[] = [
    { title: 'Today', items: agenda.items, empty: 'Nothing planned for today.' },
    { title: 'Late', items: late, empty: 'Nothing is late.' },
    { title: 'Neglected deals', items: neglected, empty: 'No deal is neglected.' },
  ];
  const todayUrl = `${links.publicUrl}/`;
  const settingsUrl = `${links.publicUrl}/settings`;
  const marchLine =
    `March: ${march.done} of ${march.floor}–${march.ceiling} touches today, ` +
    `a streak of ${plural(march.streak, 'business day')}, consistency ${Math.round(march.consistency * 100)}%.`;
  const subject =
    `Momentum ${date}: ${plural(agenda.items.length, 'item')}` +
    (late.length ? `, ${late.length} late` : '') +
    (neglected.length ? `, ${plural(neglected.length, 'neglected deal')}` : '');
  const greeting = `Good morning ${agenda.member.name}, here is your day in ${workspaceName}.`;

  const textLine = (i: AgendaItem) => {
    const what = i.dealTitle && i.dealTitle !== i.title ? `${i.title} (${i.dealTitle})` : i.title;
    const at = i.time ? `${i.time} ` : '';
    const link = i.dealId ? `\n    ${dealUrl(links, i.dealId)}` : '';
    return `  - ${at}${what}: ${i.reason}${link}`;
  };
  const text = [
    greeting,
    agenda.businessDay ? '' : `\n(${agenda.dayOff ?? 'Not a business day'}.)`,
    ...sections.map(
      (s) =>
        `\n${s.title} (${s.items.length})\n` +
        (s.items.length ? s.items.map(textLine).join('\n') : `  ${s.empty}`),
    ),
    `\n${marchLine}`,
    agenda.unplanned ? `${plural(agenda.unplanned, 'more item')} did not fit the next days.` : '',
    `\nOpen Today: ${todayUrl}`,
    `\n--\nYou get this because your daily digest is on. Change its time or turn it off: ${settingsUrl}`,
    `Unsubscribe in one click: ${links.unsubscribeUrl}`,
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');

  const e = escapeHtml;
  const htmlLine = (i: AgendaItem) => {
    const title = i.dealId
      ? `<a href="${e(dealUrl(links, i.dealId))}">${e(i.title)}</a>`
      : e(i.title);
    const deal = i.dealTitle && i.dealTitle !== i.title ? ` <span>(${e(i.dealTitle)})</span>` : '';
    const at = i.time ? `<strong>${e(i.time)}</strong> ` : '';
    return `<li>${at}${title}${deal}: ${e(i.reason)}</li>`;
  };
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${e(subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5">',
    `<p>${e(greeting)}</p>`,
    agenda.businessDay ? '' : `<p><em>${e(agenda.dayOff ?? 'Not a business day')}.</em></p>`,
    ...sections.map(
      (s) =>
        `<h2>${e(s.title)} (${s.items.length})</h2>` +
        (s.items.length ? `<ul>${s.items.map(htmlLine).join('')}</ul>` : `<p>${e(s.empty)}</p>`),
    ),
    `<p>${e(marchLine)}</p>`,
    agenda.unplanned
      ? `<p>${e(plural(agenda.unplanned, 'more item'))} did not fit the next days.</p>`
      : '',
    `<p><a href="${e(todayUrl)}">Open Today</a></p>`,
    '<hr>',
    `<p style="font-size: small">You get this because your daily digest is on. ` +
      `<a href="${e(settingsUrl)}">Change its time or turn it off</a> or ` +
      `<a href="${e(links.unsubscribeUrl)}">unsubscribe in one click</a>.</p>`,
    '</body></html>',
  ]
    .filter((l) => l !== '')
    .join('\n');
  return { subject, text, html };
}
