// The rows the table shows: every row kept in the ring buffer, or, with a view filter, the kept rows that pass
// it. Filtering here (not by restarting the tail) keeps the rows on screen: a new filter tests the rows already
// kept at once, clearing it shows them all again, and rows that arrive next are tested as they come.
// View indices are absolute like buffer positions (the first match ever is 0), so the table's scroll
// bookkeeping works the same with or without a filter; `position()` maps an index to its buffer position.
import type { TailRow } from '../../../shared/contract/tail';
import type { RingBuffer } from '../../state/ringBuffer';

/** A row test: synchronous for text and regex, a promise for JSONata (its evaluate is asynchronous). */
export type RowTest = (row: TailRow) => boolean | Promise<boolean>;

export class KeptRowsView {
  private test: RowTest | null = null;
  /** Buffer positions of matching rows, oldest first; `head` skips those that fell off the buffer. */
  private matches: number[] = [];
  private head = 0;
  /** View index of matches[head]. */
  private base = 0;
  /** Next buffer position to test. */
  private tested = 0;
  private generation = 0;
  private testing = -1;

  constructor(
    private readonly rows: RingBuffer<TailRow>,
    private readonly changed: () => void,
  ) {}

  get filtered(): boolean {
    return this.test !== null;
  }

  /** Index of the oldest row shown. */
  get first(): number {
    if (!this.test) return this.rows.first;
    this.prune();
    return this.base;
  }

  /** One past the newest row shown. */
  get end(): number {
    if (!this.test) return this.rows.pushed;
    this.prune();
    return this.base + this.matches.length - this.head;
  }

  get length(): number {
    return this.end - this.first;
  }

  /** True while kept rows are still being tested against a new filter. */
  get pending(): boolean {
    return this.test !== null && this.tested < this.rows.pushed;
  }

  /** The buffer position of the row at a view index, or undefined. */
  position(index: number): number | undefined {
    if (!this.test) return index >= this.rows.first && index < this.rows.pushed ? index : undefined;
    this.prune();
    const i = index - this.base + this.head;
    return i >= this.head && i < this.matches.length ? this.matches[i] : undefined;
  }

  /** The view index of a buffer position, or undefined when that row is not shown. */
  indexOf(position: number): number | undefined {
    if (!this.test) return position >= this.rows.first && position < this.rows.pushed ? position : undefined;
    this.prune();
    let lo = this.head;
    let hi = this.matches.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.matches[mid] ?? 0;
      if (at === position) return this.base + mid - this.head;
      if (at < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  at(index: number): TailRow | undefined {
    const p = this.position(index);
    return p === undefined ? undefined : this.rows.at(p);
  }

  /** Rows shown in [from, to) by view index, each with its buffer position. */
  slice(from: number, to: number): { row: TailRow; position: number; index: number }[] {
    const out: { row: TailRow; position: number; index: number }[] = [];
    for (let i = Math.max(from, this.first); i < Math.min(to, this.end); i++) {
      const position = this.position(i);
      const row = position === undefined ? undefined : this.rows.at(position);
      if (row && position !== undefined) out.push({ row, position, index: i });
    }
    return out;
  }

  /** Every row shown, oldest first. */
  toArray(): TailRow[] {
    return this.slice(this.first, this.end).map((s) => s.row);
  }

  /** A new filter (or none): the kept rows are tested again from the oldest. */
  setTest(test: RowTest | null): void {
    this.generation++;
    this.test = test;
    this.matches = [];
    this.head = 0;
    this.base = 0;
    this.tested = this.rows.first;
    this.changed();
    this.catchUp();
  }

  /** The buffer was cleared (a new session): start over with the same filter. */
  reset(): void {
    this.setTest(this.test);
  }

  /** Tests the rows pushed since the last call (the controller calls it after each batch). */
  catchUp(): void {
    if (!this.test || this.testing === this.generation) return;
    void this.run(this.generation, this.test);
  }

  private async run(generation: number, test: RowTest): Promise<void> {
    this.testing = generation;
    let sinceNotice = 0;
    try {
      while (generation === this.generation && this.tested < this.rows.pushed) {
        const position = Math.max(this.tested, this.rows.first);
        this.tested = position + 1;
        const row = this.rows.at(position);
        if (!row) continue;
        const verdict = test(row);
        const ok = typeof verdict === 'boolean' ? verdict : await verdict.catch(() => false);
        if (generation !== this.generation) return;
        if (ok) this.matches.push(position);
        // A long first pass over many kept rows shows its progress rather than freezing the table.
        if (++sinceNotice >= 2000) {
          sinceNotice = 0;
          this.changed();
          await new Promise((resume) => setTimeout(resume));
        }
      }
    } finally {
      if (this.testing === generation) this.testing = -1;
    }
    if (generation === this.generation) this.changed();
  }

  private prune(): void {
    const first = this.rows.first;
    while (this.head < this.matches.length && (this.matches[this.head] ?? 0) < first) {
      this.head++;
      this.base++;
    }
    if (this.head > 4096 && this.head * 2 > this.matches.length) {
      this.matches = this.matches.slice(this.head);
      this.head = 0;
    }
  }
}
