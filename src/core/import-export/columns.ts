/*
 * Column names are matched as the tools write them but without regard to case, spacing or a
 * stray byte-order mark: Salesforce's own Data Export writes `StageName`, other tools write
 * `STAGENAME` or `stagename`, and a hand-edited file may carry `Deal Stage ` with a trailing space.
 */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** The header row of one file, answering "which column is called …?". */
export class HeaderIndex {
  readonly names: readonly string[];
  private readonly positions = new Map<string, number>();

  constructor(headers: readonly string[]) {
    this.names = headers.map(normaliseHeader);
    this.names.forEach((name, i) => {
      if (!this.positions.has(name)) this.positions.set(name, i);
    });
  }

  has(...names: string[]): boolean {
    return names.some((n) => this.positions.has(n));
  }

  hasAll(...names: string[]): boolean {
    return names.every((n) => this.positions.has(n));
  }

  /** The first of `names` that the file has, as a column position. */
  position(...names: string[]): number | undefined {
    for (const n of names) {
      const p = this.positions.get(n);
      if (p !== undefined) return p;
    }
    return undefined;
  }

  get size(): number {
    return this.names.length;
  }
}

/** One data row read through its file's header. Empty cells read as null. */
export class RowView {
  private readonly header: HeaderIndex;
  private readonly fields: readonly string[];

  constructor(header: HeaderIndex, fields: readonly string[]) {
    this.header = header;
    this.fields = fields;
  }

  get(...names: string[]): string | null {
    for (const n of names) {
      const p = this.header.position(n);
      if (p === undefined) continue;
      const v = this.fields[p]?.trim();
      if (v) return v;
    }
    return null;
  }
}
