// Local only: a small ring of the records each delivery stream accepted most recently, so the console can run
// queries over what arrives at a delivery stream (LocalReadDeliveryRecords). In memory and bounded by count and
// bytes per stream; a reader keeps a cursor and is told how many records it missed when the ring moved past it.
import type { PendingRecordRow } from '../../storage/firehoseStore';

/** Per delivery stream: at most this many records and this many bytes of base64 data. */
export const RECENT_RECORDS = 10_000;
export const RECENT_BYTES = 16 * 1024 * 1024;

interface Kept {
  /** 1, 2, 3… per stream in the order Put accepted them: the cursor. */
  seq: number;
  record: PendingRecordRow;
}

class Ring {
  readonly items: Kept[] = [];
  /** Index of the oldest kept item in items (items before it are dropped lazily). */
  head = 0;
  nextSeq = 1;
  bytes = 0;

  push(record: PendingRecordRow): void {
    this.items.push({ seq: this.nextSeq++, record });
    this.bytes += record.data.length;
    while (this.items.length - this.head > RECENT_RECORDS || (this.bytes > RECENT_BYTES && this.items.length - this.head > 1)) {
      this.bytes -= (this.items[this.head] as Kept).record.data.length;
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
  }

  get oldestSeq(): number {
    return this.items[this.head]?.seq ?? this.nextSeq;
  }
}

export interface RecentRead {
  records: PendingRecordRow[];
  /** The cursor to read after next time: the last record returned, or where the reader already was. */
  nextCursor: number;
  /** Records after the given cursor that the ring had already dropped. */
  missed: number;
}

/** A DeliveryStreamListener (firehose.ts registers it; no import back, to keep the modules acyclic). */
export class RecentRecords {
  private readonly rings = new Map<number, Ring>();

  active(): void {}

  removed(streamId: number): void {
    this.rings.delete(streamId);
  }

  accepted(streamId: number, records: readonly PendingRecordRow[]): void {
    let ring = this.rings.get(streamId);
    if (!ring) this.rings.set(streamId, (ring = new Ring()));
    for (const record of records) ring.push(record);
  }

  /** Records after `afterCursor` (absent: every kept record), at most `limit` (0: none, just the current cursor). */
  read(streamId: number, afterCursor: number | undefined, limit: number): RecentRead {
    const ring = this.rings.get(streamId) ?? new Ring();
    // A cursor past the newest record comes from before the engine restarted (the ring is memory): read it all.
    const after = afterCursor === undefined || afterCursor >= ring.nextSeq ? ring.oldestSeq - 1 : afterCursor;
    const from = Math.max(after + 1, ring.oldestSeq);
    const missed = Math.max(0, ring.oldestSeq - (after + 1));
    const start = ring.head + (from - ring.oldestSeq);
    const records = ring.items.slice(start, start + limit).map((k) => k.record);
    const nextCursor = limit === 0 ? ring.nextSeq - 1 : from - 1 + records.length;
    return { records, nextCursor: Math.max(nextCursor, after), missed };
  }
}
