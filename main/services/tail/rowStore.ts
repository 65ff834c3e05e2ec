// The rows a session sent to the client, kept in main for tail.record and export: at most `capacity` rows
// (the oldest leave first, as in the renderer's ring buffer), and their data up to `maxDataBytes` in all —
// past that the oldest rows keep only their keys, and their data is read again from Kinesis when asked for.

export interface KeptRow {
  id: string;
  shardId: string;
  sequenceNumber: string;
  subIndex: number;
  arrivalMs: number;
  partitionKey: string;
  explicitHashKey: string | null;
  subCount: number;
  chain: string[];
  decodeError: string | null;
  /** Null once evicted for memory. */
  data: Uint8Array | null;
}

export const DEFAULT_MAX_DATA_BYTES = 256 * 1024 * 1024;

export function rowId(shardId: string, sequenceNumber: string, subIndex: number): string {
  return `${shardId}/${sequenceNumber}/${subIndex}`;
}

export class RowStore {
  private readonly rows: (KeptRow | undefined)[];
  private start = 0;
  private length = 0;
  /** Index (from start) of the oldest row that still holds data. */
  private dataFrom = 0;
  private bytes = 0;
  private readonly byId = new Map<string, KeptRow>();
  /** Rows pushed out of the ring by newer ones. */
  dropped = 0;

  constructor(
    readonly capacity: number,
    private readonly maxDataBytes = DEFAULT_MAX_DATA_BYTES,
  ) {
    this.rows = new Array<KeptRow | undefined>(capacity);
  }

  get size(): number {
    return this.length;
  }

  add(row: KeptRow): void {
    if (this.length === this.capacity) {
      const old = this.rows[this.start];
      if (old) {
        this.byId.delete(old.id);
        if (old.data) this.bytes -= old.data.length;
      }
      this.rows[this.start] = undefined;
      this.start = (this.start + 1) % this.capacity;
      this.length--;
      this.dataFrom = Math.max(0, this.dataFrom - 1);
      this.dropped++;
    }
    this.rows[(this.start + this.length) % this.capacity] = row;
    this.length++;
    this.byId.set(row.id, row);
    if (row.data) this.bytes += row.data.length;
    while (this.bytes > this.maxDataBytes && this.dataFrom < this.length - 1) {
      const victim = this.at(this.dataFrom++);
      if (victim?.data) {
        this.bytes -= victim.data.length;
        victim.data = null;
      }
    }
  }

  get(id: string): KeptRow | undefined {
    return this.byId.get(id);
  }

  /** Oldest first. */
  *all(): Iterable<KeptRow> {
    for (let i = 0; i < this.length; i++) {
      const row = this.at(i);
      if (row) yield row;
    }
  }

  private at(i: number): KeptRow | undefined {
    return this.rows[(this.start + i) % this.capacity];
  }
}
