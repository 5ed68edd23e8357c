import type { Stage } from '../deals/types.ts';
import type { Member } from '../workspaces/types.ts';
import type { ImportMapping } from './mapping.ts';
import type { RowWrite } from './ports.ts';
import { RowError, outcomeOfLabel } from './sources/format.ts';
import type { CrmSource, SourceRecord } from './types.ts';

const MAX_AMOUNT = 1e13;

/**
 * Amounts as exports write them: 12500, 12500.50, 12,500.50, or 12.500,50 and 12500,50 from a
 * day-first locale. The last separator followed by one or two digits is the decimal point.
 */
export function parseSourceAmount(value: string): number {
  const v = value.replace(/[\s\u00a0'’]/g, '').replace(/^[^\d-]+|[^\d]+$/g, '');
  const m = /^(-?[\d.,]*?)(?:([.,])(\d{1,2}))?$/.exec(v);
  // The whole part is plain digits, or digits grouped by threes with the other separator.
  const grouped = m && /^-?(\d+|\d{1,3}(,\d{3})+|\d{1,3}(\.\d{3})+)$/.test(m[1]!);
  if (!m || !grouped || (m[2] && m[1]!.includes(m[2])))
    throw new RowError(`Amount "${value}" is not a number`);
  const whole = m[1]!.replace(/[.,]/g, '');
  const n = Number(m[3] !== undefined ? `${whole}.${m[3]}` : whole);
  if (!Number.isFinite(n) || n < 0 || n > MAX_AMOUNT)
    throw new RowError(`Amount "${value}" is not a positive number`);
  return Math.round(n * 100);
}

/** Turns the source's values into the workspace's, by a mapping already planned. */
export class RecordResolver {
  private readonly stageIds = new Map<string, string>();
  private readonly memberIds = new Map<string, string>();
  private readonly lastStageId: string;
  private readonly firstStageId: string;
  private readonly source: CrmSource;
  private readonly mapping: ImportMapping;
  private readonly defaultOwner: Member;
  private readonly now: string;

  constructor(
    source: CrmSource,
    mapping: ImportMapping,
    stages: readonly Stage[],
    closingStages: readonly Stage[],
    members: readonly Member[],
    defaultOwner: Member,
    now: string,
  ) {
    this.source = source;
    this.mapping = mapping;
    this.defaultOwner = defaultOwner;
    this.now = now;
    for (const s of stages) this.stageIds.set(s.name.trim().toLowerCase(), s.id);
    for (const m of members) this.memberIds.set(m.email, m.id);
    const sorted = [...stages].sort((a, b) => a.position - b.position);
    const closing = closingStages.length
      ? [...closingStages].sort((a, b) => a.position - b.position)
      : sorted;
    this.lastStageId = closing[closing.length - 1]!.id;
    this.firstStageId = sorted[0]!.id;
  }

  private ref(id: string): string {
    return `${this.source}:${id}`;
  }

  private owner(value: string | null): string {
    if (!value) return this.defaultOwner.id;
    const email = this.mapping.owners[value];
    return (email && this.memberIds.get(email)) || this.defaultOwner.id;
  }

  private stage(label: string | null): string {
    if (!label) return this.firstStageId;
    // Closing stages ("Closed Won") are outcomes; the deal stays in the last stage.
    if (outcomeOfLabel(label)) return this.lastStageId;
    const name = this.mapping.stages[label] ?? label;
    const id = this.stageIds.get(name.trim().toLowerCase());
    if (!id) throw new RowError(`Stage "${label}" is not mapped to a stage`);
    return id;
  }

  private currency(value: string | null): string {
    if (!value) return this.mapping.defaultCurrency;
    const mapped = this.mapping.currencies[value] ?? value.toUpperCase();
    if (!/^[A-Z]{3}$/.test(mapped))
      throw new RowError(
        `Currency "${value}" is not a code such as USD; map it in the mapping's "currencies"`,
      );
    return mapped;
  }

  resolve(record: SourceRecord): RowWrite {
    switch (record.kind) {
      case 'account':
        return {
          kind: 'account',
          externalRef: this.ref(record.ref),
          name: record.name,
          domain: record.domain,
        };
      case 'contact':
        return {
          kind: 'contact',
          externalRef: this.ref(record.ref),
          name: record.name,
          email: record.email?.toLowerCase() ?? null,
          title: record.title,
          account: this.accountLink(record.account),
        };
      case 'deal':
        return {
          kind: 'deal',
          externalRef: this.ref(record.ref),
          title: record.title,
          account: this.accountLink(record.account),
          stageId: this.stage(record.stage),
          keepStage: outcomeOfLabel(record.stage) !== null,
          ownerId: this.owner(record.owner),
          amountMinor: record.amount ? parseSourceAmount(record.amount) : null,
          currency: this.currency(record.currency),
          expectedClose: record.expectedClose,
          status: record.outcome,
          closeReason: record.closeReason,
          closedAt: record.outcome === 'open' ? null : (record.closedAt ?? this.now),
          createdAt: record.createdAt ?? this.now,
        };
      case 'activity': {
        if (record.done && !record.doneAt)
          throw new RowError('the activity is done but has no date it was done or due');
        const text = record.note ? `${record.subject}\n\n${record.note}` : record.subject;
        const as = record.done
          ? 'touch'
          : (record.type === 'call' || record.type === 'meeting') && record.due
            ? 'next-step'
            : 'promise';
        return {
          kind: 'activity',
          externalRef: this.ref(record.ref),
          dealExternalRef: this.ref(record.dealRef),
          memberId: this.owner(record.owner),
          as,
          touchKind: record.type === 'task' ? 'other' : record.type,
          text,
          due: record.due,
          at: record.doneAt,
        };
      }
    }
  }

  private accountLink(link: { ref: string | null; name: string | null }) {
    if (!link.ref && !link.name) throw new RowError('the row names no company or organization');
    return { externalRef: link.ref ? this.ref(link.ref) : null, name: link.name };
  }
}
