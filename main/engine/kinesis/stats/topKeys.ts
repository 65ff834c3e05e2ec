// The partition keys with the most traffic over a sliding window, in bounded memory: the window is split into
// buckets (6 × 10 s by default); each bucket counts at most MAX_KEYS keys. When a bucket is full it drops the
// keys at or below the mean count (lossy counting) — at most once per second; for the rest of that second new
// keys go uncounted. Heavy keys survive, and a shard fed only unique keys costs one Map lookup per record, not
// an insertion. Counts are exact while a shard sees at most MAX_KEYS distinct keys per bucket.
const MAX_KEYS = 1024;

interface Counter {
  records: number;
  bytes: number;
}

interface Bucket {
  start: number;
  keys: Map<string, Counter>;
  prunedAt: number;
}

export interface KeyTraffic {
  PartitionKey: string;
  Records: number;
  Bytes: number;
}

export class TopKeys {
  private readonly buckets: Bucket[];

  constructor(
    private readonly bucketSeconds = 10,
    bucketCount = 6,
  ) {
    this.buckets = Array.from({ length: bucketCount }, () => ({ start: -1, keys: new Map<string, Counter>(), prunedAt: -1 }));
  }

  get windowSeconds(): number {
    return this.bucketSeconds * this.buckets.length;
  }

  private bucket(second: number): Bucket {
    const start = second - (second % this.bucketSeconds);
    const bucket = this.buckets[(start / this.bucketSeconds) % this.buckets.length] as Bucket;
    if (bucket.start !== start) {
      bucket.start = start;
      bucket.keys.clear();
      bucket.prunedAt = -1;
    }
    return bucket;
  }

  add(second: number, key: string, bytes: number): void {
    const bucket = this.bucket(second);
    const keys = bucket.keys;
    const counter = keys.get(key);
    if (counter) {
      counter.records++;
      counter.bytes += bytes;
      return;
    }
    if (keys.size >= MAX_KEYS) {
      if (bucket.prunedAt === second) return;
      bucket.prunedAt = second;
      prune(keys);
    }
    keys.set(key, { records: 1, bytes });
  }

  /** The n keys with the most records over the window ending at `second`. */
  top(second: number, n: number): KeyTraffic[] {
    const oldest = second - this.windowSeconds;
    const merged = new Map<string, Counter>();
    for (const bucket of this.buckets) {
      if (bucket.start <= oldest || bucket.start > second) continue;
      for (const [key, c] of bucket.keys) {
        const m = merged.get(key);
        if (m) {
          m.records += c.records;
          m.bytes += c.bytes;
        } else merged.set(key, { records: c.records, bytes: c.bytes });
      }
    }
    return [...merged]
      .sort((a, b) => b[1].records - a[1].records || b[1].bytes - a[1].bytes || (a[0] < b[0] ? -1 : 1))
      .slice(0, n)
      .map(([key, c]) => ({ PartitionKey: key, Records: c.records, Bytes: c.bytes }));
  }
}

/** Drops the keys counted at most the mean (one pass, no sorting): at least one key goes, heavy keys stay. */
function prune(keys: Map<string, Counter>): void {
  let sum = 0;
  for (const c of keys.values()) sum += c.records;
  const mean = sum / keys.size;
  for (const [key, c] of keys) if (c.records <= mean) keys.delete(key);
}
