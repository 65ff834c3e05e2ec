// Paces writes to each target shard under AWS's write limits (1 MiB/s including partition keys, 1,000
// records/s). Token buckets holding one second of rate, as the engine and AWS measure: an idle shard takes a
// second's worth at once, a busy one its rate.

export const WRITE_BYTES_PER_SECOND = 1024 * 1024;
export const WRITE_RECORDS_PER_SECOND = 1000;

interface Bucket {
  bytes: number;
  records: number;
  at: number;
}

export class WriteLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly bytesPerSecond = WRITE_BYTES_PER_SECOND,
    private readonly recordsPerSecond = WRITE_RECORDS_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {}

  /** Ms to wait before a record of `bytes` may go to `shardId` (0: now, and the tokens are taken). */
  take(shardId: string, bytes: number): number {
    const now = this.now();
    const b = this.buckets.get(shardId) ?? { bytes: this.bytesPerSecond, records: this.recordsPerSecond, at: now };
    const elapsed = (now - b.at) / 1000;
    b.bytes = Math.min(this.bytesPerSecond, b.bytes + elapsed * this.bytesPerSecond);
    b.records = Math.min(this.recordsPerSecond, b.records + elapsed * this.recordsPerSecond);
    b.at = now;
    this.buckets.set(shardId, b);
    const need = Math.min(bytes, this.bytesPerSecond);
    if (b.bytes >= need && b.records >= 1) {
      b.bytes -= need;
      b.records -= 1;
      return 0;
    }
    const waitBytes = b.bytes >= need ? 0 : ((need - b.bytes) / this.bytesPerSecond) * 1000;
    const waitRecords = b.records >= 1 ? 0 : ((1 - b.records) / this.recordsPerSecond) * 1000;
    return Math.max(1, Math.ceil(Math.max(waitBytes, waitRecords)));
  }
}
