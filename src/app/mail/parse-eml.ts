// mailparser and html-to-text take about half a second to load: they are loaded on the first
// message parsed, so that commands and a server that never parse mail start without them.
import type { AddressObject, ParsedMail } from 'mailparser';
import type { MailAddress } from '../../core/mail/types.ts';

/** A message as Momentum keeps it: plain text only, attachment names and sizes, no HTML. */
export interface ParsedMessage {
  /** The Message-ID header without angle brackets; null when the message has none. */
  messageId: string | null;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** The Date header as an instant (ISO 8601, UTC); null when missing or unreadable. */
  sentAt: string | null;
  subject: string;
  /** The plain body. When a message is HTML only, the text mailparser derives from it. */
  text: string;
  attachments: { name: string; size: number; contentType: string }[];
  /** The raw message's size in bytes. */
  size: number;
  /** The Authentication-Results header values, top first (the receiving server's verdicts). */
  authenticationResults: string[];
}

export class MessageTooLargeError extends Error {
  readonly size: number;
  readonly limit: number;
  constructor(size: number, limit: number) {
    super(
      `The message is ${size} bytes, over the ${limit}-byte limit for e-mail in (MAIL_MAX_BYTES).`,
    );
    this.size = size;
    this.limit = limit;
  }
}

/** Default largest message accepted (MAIL_MAX_BYTES overrides it). */
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) =>
    a.value.flatMap((v) =>
      v.address ? [{ name: v.name ?? '', address: v.address.toLowerCase() }] : [],
    ),
  );
}

/** The text of an HTML body (html-to-text, loaded on the first HTML-only message). */
async function htmlToText(html: string): Promise<string> {
  const { convert } = await import('html-to-text');
  return convert(html, { wordwrap: false, limits: { maxDepth: 64 } });
}

function toMessage(parsed: ParsedMail, size: number, text: string): ParsedMessage {
  const id = parsed.messageId?.trim().replace(/^<|>$/g, '') || null;
  const sent =
    parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null;
  return {
    messageId: id,
    from: addresses(parsed.from)[0] ?? null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    sentAt: sent,
    subject: parsed.subject ?? '',
    text,
    attachments: parsed.attachments
      .filter((a) => a.contentDisposition === 'attachment' || a.filename)
      .map((a) => ({
        name: a.filename ?? 'unnamed',
        size: a.size,
        contentType: a.contentType,
      })),
    size,
    authenticationResults: parsed.headerLines
      .filter((h) => h.key.toLowerCase() === 'authentication-results')
      .map((h) => h.line.replace(/^[^:]*:\s*/, '').replace(/\r?\n[ \t]+/g, ' ')),
  };
}

/** Parses a raw RFC 5322 message; refuses one over `maxBytes` before reading it. */
export async function parseEml(
  raw: Buffer | string,
  maxBytes = DEFAULT_MAX_MESSAGE_BYTES,
): Promise<ParsedMessage> {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > maxBytes) throw new MessageTooLargeError(size, maxBytes);
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  // The HTML is only read to derive text (mailparser does it for a lone HTML body; an HTML
  // part beside attachments is converted here); it is never kept or rendered.
  const text = parsed.text?.trim()
    ? parsed.text
    : typeof parsed.html === 'string'
      ? await htmlToText(parsed.html)
      : '';
  return toMessage(parsed, size, text);
}
