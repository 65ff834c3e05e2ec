// The merge of every shard's records into one timeline: a binary min-heap ordered by arrival time, then
// shard id, then sequence number (a total order, so the merged output is the same on every run).
import { compareSequence, type ShardRecord } from './shardRecords';

export function compareRecords(a: ShardRecord, b: ShardRecord): number {
  if (a.arrivalMs !== b.arrivalMs) return a.arrivalMs - b.arrivalMs;
  if (a.shardId !== b.shardId) return a.shardId < b.shardId ? -1 : 1;
  return compareSequence(a.sequenceNumber, b.sequenceNumber);
}

export interface Held {
  record: ShardRecord;
  /** When the tailer read it (the merge window counts from here). */
  readAt: number;
}

export class MergeHeap {
  private readonly items: Held[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Held | undefined {
    return this.items[0];
  }

  push(item: Held): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(i, parent)) this.swap(i, parent);
      else break;
      i = parent;
    }
  }

  pop(): Held | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(l, m)) m = l;
        if (r < a.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private less(i: number, j: number): boolean {
    const a = this.items[i];
    const b = this.items[j];
    return a !== undefined && b !== undefined && compareRecords(a.record, b.record) < 0;
  }

  private swap(i: number, j: number): void {
    const a = this.items;
    const t = a[i];
    a[i] = a[j] as Held;
    a[j] = t as Held;
  }
}
